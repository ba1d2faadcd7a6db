/**
 * The colour theme: "system" follows prefers-color-scheme (CSS does that on its own); "light"
 * and "dark" pin it. The choice is kept in localStorage and applied as data-theme on <html>.
 */
export type ThemeChoice = "system" | "light" | "dark";

const STORAGE_KEY = "voucher-desk:theme";
const CHOICES: readonly ThemeChoice[] = ["system", "light", "dark"];

function isThemeChoice(value: unknown): value is ThemeChoice {
  return typeof value === "string" && (CHOICES as readonly string[]).includes(value);
}

export function readThemeChoice(): ThemeChoice {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isThemeChoice(stored) ? stored : "system";
  } catch {
    // Storage can be blocked (private mode, policies); the system setting still applies.
    return "system";
  }
}

export function applyThemeChoice(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === "system") root.removeAttribute("data-theme");
  else root.setAttribute("data-theme", choice);
  try {
    if (choice === "system") window.localStorage.removeItem(STORAGE_KEY);
    else window.localStorage.setItem(STORAGE_KEY, choice);
  } catch {
    // Not persisted, but applied for this page.
  }
}

/** The scheme actually on screen, so the toggle can offer the opposite one. */
export function effectiveScheme(choice: ThemeChoice): "light" | "dark" {
  if (choice !== "system") return choice;
  return window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}
