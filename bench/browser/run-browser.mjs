import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";
import { startBare } from "../lib/processes.mjs";
import { byMetric, quantile } from "../lib/stats.mjs";
import { expectationsFor } from "./expectations.mjs";
import { aggrid, ours } from "./pages.mjs";

const IN_PAGE = fileURLToPath(new URL("./in-page.js", import.meta.url));
const BASELINE_DIST = fileURLToPath(new URL("../baseline-page/dist", import.meta.url));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Wide enough for every default column of both tables, so no header needs a sideways scroll. */
const VIEWPORT = { width: 1920, height: 1000 };
const ROWS_PER_FRAME = 50;
/** An interval this long means the frame overran its 16.7 ms slot at 60 Hz (one vsync missed). */
const LONG_FRAME_MS = 16.7 * 1.5;
/** How long one operation may take before it counts as failed (not as slow). */
const OP_TIMEOUT_MS = Number(process.env.BENCH_OP_TIMEOUT_MS ?? 10_000);

/**
 * The browser suite: one Chromium for the whole run. `runSize` does every operation on both
 * apps for one stack, `rounds` times, alternating which app goes first (ABBA). Each round is a
 * fresh browser context and page load. Samples: { ours: {metric: number[]}, baseline: {…} }.
 */
export async function startBrowserBench({ rounds, scrollRows, log }) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--disable-gpu", "--disable-quic", "--disable-extensions"],
  });
  const work = await mkdtemp(join(tmpdir(), "voucher-desk-bench-"));
  return {
    chromium: browser.version(),
    async runSize(size, stack) {
      log(`browser: ${size.toLocaleString("en-US")} codes`);
      const notes = {};
      // The baseline page receives the BFF's JSON answer for the same list (the dashboard reads
      // the same answer in its lines form).
      const dataFile = join(work, `used-codes-${size}.json`);
      await writeFile(dataFile, stack.bytes);
      const expected = expectationsFor(stack.codes);
      const bare = await startBare({
        routes: { "/api/used-codes": { file: dataFile, type: "application/json; charset=utf-8" } },
        staticRoot: BASELINE_DIST,
      });
      try {
        const sides = {
          ours: { app: ours, url: `${stack.bff.url}/` },
          baseline: { app: aggrid, url: `${bare.url}/` },
        };
        const collected = { ours: [], baseline: [] };
        for (let round = 0; round < rounds; round++) {
          const order = round % 2 === 0 ? ["ours", "baseline"] : ["baseline", "ours"];
          for (const side of order) {
            const { sample, problems } = await runRound(browser, sides[side], expected, scrollRows);
            collected[side].push(sample);
            for (const [metric, problem] of Object.entries(problems)) {
              notes[`browser ${label(size)} ${metric} (${sides[side].app.name})`] = problem;
            }
            log(`  ${side} round ${round + 1}: ${summary(sample)}`);
          }
        }
        return { samples: { ours: byMetric(collected.ours), baseline: byMetric(collected.baseline) }, notes };
      } finally {
        await bare.stop();
      }
    },
    async close() {
      await browser.close();
      await rm(work, { recursive: true, force: true });
    },
  };
}

export function label(size) {
  return size % 1000 === 0 ? `${size / 1000}k` : String(size);
}

function summary(sample) {
  return Object.entries(sample)
    .map(([k, v]) => `${k}=${Number.isFinite(v) ? Math.round(v * 10) / 10 : "—"}`)
    .join(" ");
}

/** One fresh page load of one app and every operation once. Failed operations give NaN. */
async function runRound(browser, { app, url }, expected, scrollRows) {
  const context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true });
  await context.addInitScript(
    ([value, timeoutMs]) => {
      window.__benchFirstRow = value;
      window.__benchFirstPaintTimeoutMs = timeoutMs;
    },
    [expected.firstValue, OP_TIMEOUT_MS * 2],
  );
  await context.addInitScript({ path: IN_PAGE });
  const page = await context.newPage();
  page.setDefaultTimeout(OP_TIMEOUT_MS);
  const pageErrors = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  const sample = {};
  const problems = {};
  const attempt = async (metric, fn) => {
    try {
      const value = await fn();
      Object.assign(sample, typeof value === "number" ? { [metric]: value } : value);
    } catch (error) {
      sample[metric] = Number.NaN;
      problems[metric] = firstLine(error);
      // Start the next operation from the default view, whatever state this one left (the
      // dashboard keeps its view in the URL, so a reload would keep the filter too).
      await page.goto(url, { waitUntil: "commit" }).catch(() => {});
      await settleAll().catch(() => {});
    }
  };
  const { total } = expected;
  const settleAll = () =>
    page.evaluate(
      ([t, ms]) => window.__bench.settled("status", { shown: t, total: t }, ms),
      [total, OP_TIMEOUT_MS],
    );

  try {
    await attempt("load", () => page.goto(url, { waitUntil: "commit" }).then(() => undefined));
    if (problems.load) return { sample, problems };
    await attempt("firstPaint", async () => {
      const { ms, fromRequest } = await page.evaluate(() => window.__bench.firstPaint());
      return { firstPaint: ms, firstPaintFromRequest: fromRequest };
    });
    await attempt("heapMB", async () => {
      const cdp = await context.newCDPSession(page);
      await cdp.send("HeapProfiler.collectGarbage");
      const { usedSize } = await cdp.send("Runtime.getHeapUsage");
      await cdp.detach();
      return usedSize / 2 ** 20;
    });
    for (const [metric, columnLabel] of [
      ["sortDate", "Created"],
      ["sortCertOrder", "Certificate order"],
    ]) {
      const { asc, desc } = expected.sorts[columnLabel];
      await attempt(metric, () =>
        timed(page, app.sort(page, columnLabel), "sortedBy", { label: columnLabel, asc, desc }),
      );
    }
    await attempt("product", async () => {
      const shown = app === ours ? expected.product.ours : expected.product.baseline;
      const op = app.product(page, expected.product.name);
      const ms = await timed(page, op, "status", { shown, total });
      await op.reset(settleAll);
      await settleAll();
      return ms;
    });
    await attempt("facet", async () => {
      const { input, key, legend, value, count } = expected.facet;
      const op = app.facet(page, input, key);
      const ms = await timed(page, op, "facet", { legend, value, count });
      await op.reset(settleAll);
      await settleAll();
      return ms;
    });
    await attempt("search", async () => {
      const { term } = expected.search;
      const [shown, prefixShown] =
        app === ours
          ? [expected.search.ours, expected.search.oursPrefix]
          : [expected.search.baseline, expected.search.baselinePrefix];
      const box = app.searchBox(page);
      await box.fill(term.slice(0, -1));
      await page.evaluate(
        ([s, t, ms]) => window.__bench.settled("status", { shown: s, total: t }, ms),
        [prefixShown, total, OP_TIMEOUT_MS],
      );
      const ms = await timed(page, { act: () => box.press(term.at(-1)) }, "status", { shown, total });
      await box.fill("");
      await settleAll();
      return ms;
    });
    await attempt("export", async () => {
      const button = app.exportButton(page);
      const ms = await timed(page, { act: () => button.click() }, "blob", {});
      await button.waitFor();
      return ms;
    });
    await attempt("scroll", async () => {
      const { intervals, reached } = await page.evaluate(
        ([rows, perFrame, t]) => window.__bench.scroll(rows, perFrame, t),
        [scrollRows, ROWS_PER_FRAME, total],
      );
      if (!reached) throw new Error(`the table did not render row ${scrollRows} after scrolling`);
      return {
        scrollLongFrames: intervals.filter((ms) => ms > LONG_FRAME_MS).length,
        scrollP95: quantile(intervals, 0.95),
      };
    });
  } finally {
    if (pageErrors.length > 0) problems.pageErrors = pageErrors.slice(0, 3).join(" | ");
    await context.close();
  }
  return { sample, problems };
}

/** Prepare (untimed), arm the clock, perform the input, wait for the painted result. */
async function timed(page, op, check, args) {
  if (op.prepare) await op.prepare();
  await page.evaluate(() => window.__bench.arm());
  const measuring = page
    .evaluate(([name, a, t]) => window.__bench.measure(name, a, t), [check, args, OP_TIMEOUT_MS])
    .then(
      (value) => ({ value }),
      (error) => ({ error }),
    );
  await op.act();
  const { value, error } = await measuring;
  if (error) throw error;
  return value.ms;
}

function firstLine(error) {
  return String(error?.message ?? error)
    .split("\n")
    .find((l) => l.trim() !== "")
    ?.slice(0, 300);
}
