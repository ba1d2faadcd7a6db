import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";
import { startBare, startBff, startSim } from "../lib/processes.mjs";
import { byMetric, quantile } from "../lib/stats.mjs";
import { expectationsFor } from "./expectations.mjs";
import { aggrid, ours } from "./pages.mjs";

const IN_PAGE = fileURLToPath(new URL("./in-page.js", import.meta.url));
const BASELINE_DIST = fileURLToPath(new URL("../baseline-page/dist", import.meta.url));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SEED = 20_240_601;
const SCROLL_ROWS = 10_000;
/** Wide enough for every default column of both tables, so no header needs a sideways scroll. */
const VIEWPORT = { width: 1920, height: 1000 };
const ROWS_PER_FRAME = 50;
/** An interval this long means the frame overran its 16.7 ms slot at 60 Hz (one vsync missed). */
const LONG_FRAME_MS = 16.7 * 1.5;
/** How long one operation may take before it counts as failed (not as slow). */
const OP_TIMEOUT_MS = Number(process.env.BENCH_OP_TIMEOUT_MS ?? 30_000);

/**
 * Runs every browser operation on both apps at each size, `rounds` times, alternating which
 * app goes first. Each round is a fresh browser context and a fresh page load.
 * Returns { samples: { [size]: { ours: {metric: number[]}, baseline: {…} } }, notes, chromium, expectations }.
 */
export async function runBrowserBenchmarks({ sizes, rounds, log }) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--disable-gpu", "--disable-quic", "--disable-extensions"],
  });
  const notes = {};
  const samples = {};
  const work = await mkdtemp(join(tmpdir(), "voucher-desk-bench-"));
  try {
    for (const size of sizes) {
      log(`browser: ${size.toLocaleString("en-US")} codes`);
      const sim = await startSim({ count: size, seed: SEED });
      const bff = await startBff({ simBaseUrl: sim.baseUrl });
      let bare;
      try {
        // The baseline page receives the very bytes the BFF serves the dashboard.
        const response = await fetch(`${bff.url}/api/used-codes`);
        if (!response.ok) throw new Error(`BFF /api/used-codes answered ${response.status}`);
        const bytes = Buffer.from(await response.arrayBuffer());
        const dataFile = join(work, `used-codes-${size}.json`);
        await writeFile(dataFile, bytes);
        const { codes } = JSON.parse(bytes.toString("utf8"));
        if (codes.length !== size) throw new Error(`the BFF served ${codes.length} codes, expected ${size}`);
        const expected = expectationsFor(codes);
        bare = await startBare({
          routes: { "/api/used-codes": { file: dataFile, type: "application/json; charset=utf-8" } },
          staticRoot: BASELINE_DIST,
        });
        const sides = {
          ours: { app: ours, url: `${bff.url}/` },
          baseline: { app: aggrid, url: `${bare.url}/` },
        };
        const collected = { ours: [], baseline: [] };
        for (let round = 0; round < rounds; round++) {
          const order = round % 2 === 0 ? ["ours", "baseline"] : ["baseline", "ours"];
          for (const side of order) {
            const { sample, problems } = await runRound(browser, sides[side], expected);
            collected[side].push(sample);
            for (const [metric, problem] of Object.entries(problems)) {
              notes[`browser ${label(size)} ${metric} (${sides[side].app.name})`] = problem;
            }
            log(`  ${side} round ${round + 1}: ${summary(sample)}`);
          }
        }
        samples[size] = { ours: byMetric(collected.ours), baseline: byMetric(collected.baseline), expected };
      } finally {
        await bare?.stop();
        await bff.stop();
        await sim.stop();
      }
    }
    return { samples, notes, chromium: browser.version() };
  } finally {
    await browser.close();
    await rm(work, { recursive: true, force: true });
  }
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
async function runRound(browser, { app, url }, expected) {
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
      await page.keyboard.press("Escape").catch(() => {});
    }
  };
  const { total } = expected;
  const settleAll = () =>
    page.evaluate(
      ([t, ms]) => window.__bench.settled("status", { shown: t, total: t }, ms),
      [total, OP_TIMEOUT_MS],
    );

  try {
    await page.goto(url, { waitUntil: "commit" });
    await attempt("firstPaint", async () => (await page.evaluate(() => window.__bench.firstPaint())).ms);
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
        [SCROLL_ROWS, ROWS_PER_FRAME, total],
      );
      if (!reached) throw new Error(`the table did not render row ${SCROLL_ROWS} after scrolling`);
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
