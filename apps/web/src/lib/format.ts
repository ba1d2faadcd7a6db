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
// Built once: a toLocale*String call with options builds a formatter each time, and the header
// formats on every render.
const TIME = new Intl.DateTimeFormat("en-US", { hour: "2-digit", minute: "2-digit" });
const DAY = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric" });

export function formatFetchedAt(iso: string, now: Date = new Date()): { label: string; title: string } {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return { label: iso, title: iso };
  const time = TIME.format(at);
  const sameDay = at.toDateString() === now.toDateString();
  const day = sameDay ? "today" : DAY.format(at);
  return { label: `${day} at ${time}`, title: at.toISOString() };
}

const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * DigiCert's order timestamps ("2026-03-07T23:04:40+00:00") as people read them:
 * "2026-03-07 23:04:40 UTC" ("… UTC+05:30" for another offset). Text in, text out: going
 * through Date would move the time into the viewer's zone. Anything else comes back unchanged.
 */
export function formatTimestamp(text: string): string {
  const match = ISO_INSTANT.exec(text);
  if (!match) return text;
  const [, day, time, zone = ""] = match;
  const offset =
    zone === "Z" || /^[+-]00:?00$/.test(zone)
      ? ""
      : zone.includes(":")
        ? zone
        : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  return `${day} ${time} UTC${offset}`;
}
