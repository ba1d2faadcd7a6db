/**
 * The `test` every spec imports: it fails a test on any console error or warning and on any
 * uncaught page error (CSP violations and React warnings land there), and offers helpers
 * shared by the specs.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";

export const test = base.extend<{ consoleProblems: string[] }>({
  consoleProblems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error" || message.type() === "warning") {
          // The browser logs every non-2xx fetch; error states are expected in their tests,
          // which assert what the page shows instead.
          if (/Failed to load resource: the server responded with a status of/.test(message.text())) return;
          problems.push(`console.${message.type()}: ${message.text()}`);
        }
      });
      page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
      await use(problems);
      expect(problems, "unexpected console errors or warnings").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * Takes the console problems a test provoked on purpose (a CSP violation, say) out of the
 * list the fixture fails on, and returns them so the test can assert they happened.
 */
export function takeExpectedProblems(problems: string[], pattern: RegExp): string[] {
  const expected = problems.filter((problem) => pattern.test(problem));
  const rest = problems.filter((problem) => !pattern.test(problem));
  problems.splice(0, problems.length, ...rest);
  return expected;
}

/** Serious and critical axe violations, summarized; the audit must find none. */
export async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags([
    "wcag2a",
    "wcag2aa",
    "wcag21a",
    "wcag21aa",
    "best-practice",
  ]);
  if (include) builder = builder.include(include);
  const results = await builder.analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

/** The number in "Showing 1,234 of 5,000 codes". */
export async function shownCount(page: Page): Promise<{ shown: number; total: number }> {
  const text = (await page.getByText(/^Showing [\d,]+ of [\d,]+ codes$/).textContent()) ?? "";
  const [, shown = "", total = ""] = /^Showing ([\d,]+) of ([\d,]+)/.exec(text) ?? [];
  return { shown: Number(shown.replaceAll(",", "")), total: Number(total.replaceAll(",", "")) };
}

/**
 * Saves a screenshot of a main state for people to look at. Every run keeps them as artifacts
 * in .reports/screenshots; `UPDATE_SCREENSHOTS=1` also refreshes the committed ones in
 * docs/screenshots, so a test run never dirties the tree by itself.
 */
export async function keepScreenshot(page: Page, name: string): Promise<void> {
  const folders = [
    "../../.reports/screenshots/",
    ...(process.env.UPDATE_SCREENSHOTS ? ["../../docs/screenshots/"] : []),
  ];
  const picture = await page.screenshot();
  for (const folder of folders) {
    const path = new URL(`${folder}${name}.png`, import.meta.url).pathname;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, picture);
  }
}
