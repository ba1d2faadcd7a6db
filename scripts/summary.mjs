// Reads the reports of one `pnpm test` run and prints the one line CI reads: "N passed, N failed".
// Each test case counts once; each step (build, typecheck, lint) counts as one check, and a step
// that fails without a report (a crash, a config error) counts as a failure, never as nothing.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2] ?? ".reports";
const readJson = (file) =>
  existsSync(join(dir, file)) ? JSON.parse(readFileSync(join(dir, file), "utf8")) : null;

const steps = readFileSync(join(dir, "checks.txt"), "utf8")
  .trim()
  .split("\n")
  .map((line) => line.split(" "));
const stepFailed = (name) => steps.some(([n, s]) => n === name && s === "failed");

let passed = 0;
let failed = 0;
let skipped = 0;

for (const [name, status] of steps) {
  if (name === "vitest" || name === "playwright") continue;
  if (status === "passed") passed++;
  else failed++;
}

const vitest = readJson("vitest.json");
if (vitest) {
  for (const file of vitest.testResults ?? []) {
    for (const t of file.assertionResults ?? []) {
      if (t.status === "passed") passed++;
      else if (t.status === "failed") failed++;
      else skipped++;
    }
    // A file that fails to load has no assertion results but must still count.
    if ((file.assertionResults ?? []).length === 0 && file.status === "failed") failed++;
  }
}
if (stepFailed("vitest") && (!vitest || vitest.numFailedTests === 0)) failed++;

const pw = readJson("playwright.json");
if (pw?.stats) {
  passed += pw.stats.expected + pw.stats.flaky;
  failed += pw.stats.unexpected;
  skipped += pw.stats.skipped;
  // Errors outside any test (webServer failed to start, config error) leave stats empty.
  if ((pw.errors ?? []).length > 0 && pw.stats.unexpected === 0) failed++;
}
if (stepFailed("playwright") && (!pw || pw.stats?.unexpected === 0)) failed++;

console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
