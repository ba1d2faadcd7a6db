/** Counts shown to people use en-US grouping ("1,234"), whatever the browser's locale. */
const countFormat = new Intl.NumberFormat("en-US");

export function formatCount(n: number): string {
  return countFormat.format(n);
}

/** "1 code" / "2 codes". */
export function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/**
 * The BFF's fetchedAt is a real instant (ISO with zone), unlike DigiCert's wall-clock strings,
 * so it may be shown in the viewer's own time.
 */
export function formatFetchedAt(iso: string, now: Date = new Date()): { label: string; title: string } {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return { label: iso, title: iso };
  const time = at.toLocaleTimeString("en-US", { hour: "2-digit", minute: "2-digit" });
  const sameDay = at.toDateString() === now.toDateString();
  const day = sameDay
    ? "today"
    : at.toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric" });
  return { label: `${day} at ${time}`, title: at.toISOString() };
}
