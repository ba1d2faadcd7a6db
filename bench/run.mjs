/**
 * `pnpm bench` entry (scripts/bench.sh builds first). Runs every suite, turns samples into
 * rows { name, unit, ours, baseline, baselineName, ratio, target } and writes
 * bench/results/latest.json; a full run also writes docs/benchmarks.md.
 *
 *   node bench/run.mjs [--quick] [--rounds=N] [--only bundle,bff,browser]
 */
import { fileURLToPath } from "node:url";
import { runBffBenchmarks } from "./bff/run-bff.mjs";
import { label, startBrowserBench } from "./browser/run-browser.mjs";
import { measureBundle } from "./bundle/run-bundle.mjs";
import { describeMachine, gitCommit } from "./lib/machine.mjs";
import { METHOD } from "./lib/method.mjs";
import { ROOT } from "./lib/processes.mjs";
import { row, verdict, writeJson, writeMarkdown } from "./lib/report.mjs";
import { startStack } from "./lib/stack.mjs";
import { median } from "./lib/stats.mjs";

const args = process.argv.slice(2).filter((a) => a !== "--");
const quick = args.includes("--quick");
const onlyArg = args.find((a) => a.startsWith("--only"));
const only = onlyArg
  ? (onlyArg.includes("=") ? onlyArg.split("=")[1] : args[args.indexOf(onlyArg) + 1]).split(",")
  : null;
const runs = (suite) => only === null || only.includes(suite);

const BROWSER_SIZES = [10_000, 50_000, 100_000];
const BFF_SIZES = [10_000, 100_000];
const started = Date.now();
// The commit the build came from: others may commit while a long run goes on.
const commitAtStart = gitCommit();
const log = (line) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

// Scrolling is the slowest operation (every frame repaints 50 new rows): quick runs scroll less.
const SCROLL_ROWS = quick ? 1_000 : 10_000;

/** Browser operations: metric key → row label and unit. Order = table order. */
const OPERATIONS = [
  ["firstPaint", "first paint of the table after the data arrives", "ms", 100],
  [
    "firstPaintFromRequest",
    "first paint of the table from the data's request (transfer included)",
    "ms",
    null,
  ],
  ["sortDate", "sort by Created (date column)", "ms", 100],
  ["sortCertOrder", "then sort by Certificate order", "ms", 100],
  ["product", "choose one product in the Product filter", "ms", 100],
  ["facet", "facet counts after a filter change", "ms", 100],
  ["search", "one keystroke of global search", "ms", 100],
  ["export", "export the current view to CSV (every row)", "ms", 1000],
  [
    "scrollLongFrames",
    `scroll ${SCROLL_ROWS.toLocaleString("en-US")} rows: frames over 16 ms`,
    "frames",
    null,
  ],
  ["scrollP95", `scroll ${SCROLL_ROWS.toLocaleString("en-US")} rows: p95 frame interval`, "ms", null],
  ["heapMB", "JS heap after load", "MB", null],
];

const rows = [];
const notes = {};

if (runs("bundle")) {
  log("bundle");
  const { row: bundleRow, files } = await measureBundle(
    fileURLToPath(new URL("apps/web/dist", `file://${ROOT}`)),
  );
  for (const f of files) log(`  ${f.file}: ${(f.gzip / 1024).toFixed(1)} KB gzip`);
  rows.push(row(bundleRow));
}

// One stack (simulator + BFF) per data size, shared by the BFF and browser suites.
const sizes = [
  ...new Set([...(runs("bff") ? BFF_SIZES : []), ...(runs("browser") ? BROWSER_SIZES : [])]),
].sort((a, b) => a - b);
const ROUNDS = quick
  ? 1
  : Number(args.find((a) => a.startsWith("--rounds="))?.slice("--rounds=".length) ?? 3);
const browserBench = runs("browser")
  ? await startBrowserBench({ rounds: ROUNDS, scrollRows: SCROLL_ROWS, log })
  : null;
const browserSamples = {};
try {
  for (const size of sizes) {
    const stack = await startStack(size);
    try {
      if (runs("bff") && BFF_SIZES.includes(size)) {
        const largest = size === Math.max(...BFF_SIZES);
        const bff = await runBffBenchmarks({ size, stack, largest, quick, log });
        rows.push(...bff.rows.map(row));
        Object.assign(notes, bff.notes);
      }
      if (browserBench && BROWSER_SIZES.includes(size)) {
        const { samples, notes: browserNotes } = await browserBench.runSize(size, stack);
        browserSamples[size] = samples;
        Object.assign(notes, browserNotes);
      }
    } finally {
      await stack.stop();
    }
  }
} finally {
  await browserBench?.close();
}

if (browserBench) {
  for (const size of BROWSER_SIZES) {
    const { ours, baseline } = browserSamples[size];
    for (const [metric, text, unit] of OPERATIONS) {
      rows.push(
        row({
          name: `browser ${label(size)}: ${text}`,
          unit,
          ours: median(ours[metric] ?? []),
          baseline: median(baseline[metric] ?? []),
          baselineName: "AG Grid Community 36.2, same data, same run",
          target: 1,
          // Zero long frames on both sides is a tie, not 0/0; one long frame is the floor.
          ratioFloor: metric === "scrollLongFrames" ? 1 : 0,
        }),
      );
    }
  }
  // The absolute promise at the largest size: instant (100 ms), export within a second.
  const largest = Math.max(...BROWSER_SIZES);
  for (const [metric, text, unit, budgetMs] of OPERATIONS) {
    if (budgetMs === null) continue;
    rows.push(
      row({
        name: `browser ${label(largest)}: ${text}, against its time budget`,
        unit,
        ours: median(browserSamples[largest].ours[metric] ?? []),
        baseline: budgetMs,
        baselineName: `budget ${budgetMs.toLocaleString("en-US")} ms`,
        target: 1,
      }),
    );
  }
}

const machine = describeMachine({ chromium: browserBench?.chromium, commit: commitAtStart });
const results = fileURLToPath(new URL("./results/", import.meta.url));
await writeJson(`${results}latest.json`, rows);
if (!quick && only === null) {
  await writeJson(`${results}full.json`, rows);
  await writeMarkdown(`${ROOT}docs/benchmarks.md`, { rows, notes, machine, method: METHOD, quick });
}

log(`done in ${((Date.now() - started) / 60_000).toFixed(1)} min${quick ? " (quick)" : ""}`);
for (const r of rows) {
  console.log(`${verdict(r).padEnd(12)} ${String(r.ratio ?? "—").padStart(7)} ≤ ${r.target}  ${r.name}`);
}
for (const [name, why] of Object.entries(notes)) console.log(`note: ${name}: ${why}`);
console.log(`wrote bench/results/latest.json${!quick && only === null ? " and docs/benchmarks.md" : ""}`);
