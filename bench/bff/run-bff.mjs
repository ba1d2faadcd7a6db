import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { productNameIdOf } from "@voucher-desk/digicert";
import { USED_CODE_LINES_TYPE, UsedCodeLinesDecoder } from "@voucher-desk/vouchers";
import autocannon from "autocannon";
import { BENCH_KEY, startBare } from "../lib/processes.mjs";
import { interleaved, median } from "../lib/stats.mjs";

/** Few connections: two cores are shared by the server, autocannon and the OS. */
const CONNECTIONS = 2;

/**
 * The BFF against its limits, over loopback, for one running stack (simulator + BFF with a
 * warm cache):
 * - the cached list vs a bare Fastify route sending the same prepared bytes;
 * - (largest size) a filtered CSV report vs the bare route sending the same CSV;
 * - (largest size) a fetch of every page through the BFF vs the same pages read by a plain loop;
 * - the response's size, plain and gzipped.
 * Returns rows { name, unit, ours, baseline, baselineName, target } and notes.
 */
export async function runBffBenchmarks({ size, stack, largest, quick, log }) {
  const rows = [];
  const notes = {};
  const work = await mkdtemp(join(tmpdir(), "voucher-desk-bff-bench-"));
  try {
    log(`bff: ${size.toLocaleString("en-US")} codes`);
    const context = {
      size,
      sim: stack.sim,
      bff: stack.bff,
      codes: stack.codes,
      work,
      quick,
      rows,
      notes,
      log,
    };
    await cachedList(context);
    if (largest) {
      await csvReport(context);
      await coldFetch(context);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return { rows, notes };
}

const label = (size) => `${size / 1000}k`;
const MB = 2 ** 20;

/** GET /api/used-codes from the warm cache, plain and gzipped, against the bare route. */
async function cachedList({ size, bff, codes, work, quick, rows, notes, log }) {
  let bare;
  try {
    const plain = await download(`${bff.url}/api/used-codes`, {});
    const gzipped = await download(`${bff.url}/api/used-codes`, {
      "accept-encoding": "gzip, deflate, br, zstd",
    });
    if (gzipped.encoding !== "gzip")
      notes[`bff ${label(size)} gzip`] = `the BFF answered content-encoding "${gzipped.encoding}"`;

    const plainFile = join(work, `plain-${size}.json`);
    const gzipFile = join(work, `gzip-${size}.json.gz`);
    await writeFile(plainFile, plain.body);
    await writeFile(gzipFile, gzipped.body);
    bare = await startBare({
      routes: {
        "/plain": { file: plainFile, type: "application/json; charset=utf-8" },
        "/gzip": { file: gzipFile, type: "application/json; charset=utf-8", encoding: "gzip" },
      },
    });

    const seconds = quick ? 0.6 : 2;
    const rounds = quick ? 1 : 4;
    for (const [variant, headers, barePath] of [
      ["plain", {}, "/plain"],
      ["gzip", { "accept-encoding": "gzip" }, "/gzip"],
    ]) {
      const amount = await amountFor(`${bare.url}${barePath}`, headers, seconds);
      const samples = await interleaved(
        rounds,
        () => msPerRequest(`${bff.url}/api/used-codes`, headers, amount),
        () => msPerRequest(`${bare.url}${barePath}`, headers, amount),
      );
      log(`  ${variant}: ours ${fmtList(samples.ours)} · bare ${fmtList(samples.baseline)} ms/request`);
      rows.push({
        name: `bff ${label(size)}: GET /api/used-codes from cache (${variant === "plain" ? "uncompressed" : "gzip"})`,
        unit: "ms per request",
        ours: median(samples.ours),
        baseline: median(samples.baseline),
        baselineName: "bare Fastify route, same prepared bytes",
        target: 1.25,
      });
    }

    rows.push({
      name: `bff ${label(size)}: response bytes, uncompressed`,
      unit: "MB",
      ours: plain.body.length / MB,
      baseline: Buffer.byteLength(JSON.stringify({ codes })) / MB,
      baselineName: "the codes alone, JSON",
      target: 1.01,
    });
    const lines = await download(`${bff.url}/api/used-codes`, { accept: USED_CODE_LINES_TYPE });
    rows.push({
      name: `bff ${label(size)}: response bytes, the dashboard's lines form`,
      unit: "MB",
      ours: lines.body.length / MB,
      baseline: plain.body.length / MB,
      baselineName: "same response as JSON",
      target: 0.5,
    });
    rows.push({
      name: `bff ${label(size)}: response bytes, gzip`,
      unit: "MB",
      ours: gzipped.body.length / MB,
      baseline: plain.body.length / MB,
      baselineName: "same response uncompressed",
      target: 0.2,
    });
  } finally {
    await bare?.stop();
  }
}

/** A CSV report of a filtered, sorted view: computed per request by the BFF. */
async function csvReport({ size, bff, codes, work, quick, rows, log }) {
  let bare;
  try {
    // The most common product, newest first: a real "send finance the Basic OV codes" report.
    const product = mostCommon(codes.map((c) => c.product_name));
    const path = `/api/used-codes.csv?product=${encodeURIComponent(productNameIdOf(product))}&sort=-created`;
    const csv = await download(`${bff.url}${path}`, {});
    if (csv.status !== 200)
      throw new Error(`${path} answered ${csv.status}: ${csv.body.toString().slice(0, 200)}`);
    const file = join(work, "report.csv");
    await writeFile(file, csv.body);
    bare = await startBare({ routes: { "/report.csv": { file, type: "text/csv; charset=utf-8" } } });
    const amount = await amountFor(`${bff.url}${path}`, {}, quick ? 0.6 : 2);
    const samples = await interleaved(
      quick ? 1 : 4,
      () => msPerRequest(`${bff.url}${path}`, {}, amount),
      () => msPerRequest(`${bare.url}/report.csv`, {}, amount),
    );
    log(
      `  csv (${product}, ${(csv.body.length / MB).toFixed(1)} MB): ours ${fmtList(samples.ours)} · bare ${fmtList(samples.baseline)}`,
    );
    rows.push({
      name: `bff ${label(size)}: GET /api/used-codes.csv, one product (${fmtCount(codes.filter((c) => c.product_name === product).length)} rows)`,
      unit: "ms per request",
      ours: median(samples.ours),
      baseline: median(samples.baseline),
      baselineName: "bare Fastify route, same CSV bytes",
      target: 1.25,
    });
  } finally {
    await bare?.stop();
  }
}

/**
 * How a refresh's answer is asked for: as JSON (what scripts get) and as the dashboard asks for
 * it (the lines form, decision 014). Each is checked to hold every code before it counts.
 */
const REFRESH_READERS = [
  {
    name: "answer as JSON, for scripts",
    headers: {},
    count: (body) => JSON.parse(body.toString("utf8")).codes.length,
  },
  {
    name: "answer as the dashboard reads it (lines)",
    headers: { accept: USED_CODE_LINES_TYPE },
    count: (body) => {
      const decoder = new UsedCodeLinesDecoder();
      decoder.push(body.toString("utf8"));
      return decoder.end().codes.length;
    },
  },
];

/**
 * Every page from upstream: the BFF answering a forced refresh (it walks every page again,
 * normalizes, and sends the new list), against a plain loop that reads the same pages straight
 * from the simulator. The BFF's first fill is untimed, so neither side pays for a cold JIT.
 * Three interleaved samples a side per reader in a full run: six refreshes is what the route
 * allows one client per minute.
 */
async function coldFetch({ size, sim, bff, quick, rows, log }) {
  if (!quick) await plainPageLoop(sim.baseUrl); // the harness side warms up too
  for (const reader of REFRESH_READERS) {
    const samples = await interleaved(
      quick ? 1 : 3,
      async () => {
        const started = performance.now();
        const { body, status } = await download(`${bff.url}/api/used-codes/refresh`, reader.headers, "POST");
        const ms = performance.now() - started;
        if (status !== 200 || reader.count(body) !== size) {
          throw new Error(`a refresh through the BFF answered ${status}: ${body.toString().slice(0, 200)}`);
        }
        return ms;
      },
      async () => {
        const started = performance.now();
        const codes = await plainPageLoop(sim.baseUrl);
        const ms = performance.now() - started;
        if (codes !== size) throw new Error(`the plain loop read ${codes} codes, expected ${size}`);
        return ms;
      },
    );
    log(
      `  every page, ${reader.name}: ours ${fmtList(samples.ours)} · plain loop ${fmtList(samples.baseline)} ms`,
    );
    rows.push({
      name: `bff ${label(size)}: fetch of every page from upstream (${size / 1000} pages), ${reader.name}`,
      unit: "ms",
      ours: median(samples.ours),
      baseline: median(samples.baseline),
      baselineName: "plain fetch loop over the same pages",
      target: 1.1,
    });
  }
}

/** The least a client can do: each page in turn, parsed, as the BFF asks for them. */
async function plainPageLoop(baseUrl) {
  let offset = 0;
  let read = 0;
  for (;;) {
    const url = `${baseUrl}/voucher/download/used-codes?limit=1000&offset=${offset}&sort=id`;
    const res = await fetch(url, {
      headers: {
        "x-dc-devkey": BENCH_KEY,
        accept: "application/json",
        "accept-encoding": "gzip, deflate, br",
      },
    });
    if (!res.ok) throw new Error(`the simulator answered ${res.status}`);
    const { codes, page } = await res.json();
    read += codes.length;
    offset += codes.length;
    if (codes.length < 1000 || offset >= page.total) return read;
  }
}

/**
 * Time per request over a fixed number of requests. autocannon checks for the end of an
 * `amount` run on its sampling tick, so the tick is 5 ms instead of 1 s. Any non-2xx, error
 * or timeout fails the run.
 */
async function msPerRequest(url, headers, amount) {
  const result = await autocannon({
    url,
    headers,
    amount,
    connections: CONNECTIONS,
    timeout: 60,
    sampleInt: 5,
  });
  if (result.errors > 0 || result.non2xx > 0 || result.timeouts > 0) {
    throw new Error(`${url}: ${result.errors} errors, ${result.non2xx} non-2xx, ${result.timeouts} timeouts`);
  }
  return (result.finish.getTime() - result.start.getTime()) / result.requests.total;
}

/** How many requests of `url` fill about `seconds`; probed once, then the same count for both sides. */
async function amountFor(url, headers, seconds) {
  if (seconds < 1) return 4; // quick: the fewest requests that still average a little
  const probe = await msPerRequest(url, headers, 4);
  return Math.max(4, Math.min(3000, Math.round((seconds * 1000) / probe)));
}

/** The raw bytes on the wire (fetch would decompress them), with status and encoding. */
function download(url, headers, method = "GET") {
  return new Promise((resolve, reject) => {
    request(url, { headers, method }, (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", () =>
        resolve({
          status: res.statusCode,
          encoding: res.headers["content-encoding"],
          body: Buffer.concat(chunks),
        }),
      );
      res.on("error", reject);
    })
      .on("error", reject)
      .end();
  });
}

function mostCommon(values) {
  const counts = new Map();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0][0];
}

const fmtCount = (n) => n.toLocaleString("en-US");

const fmtList = (values) => values.map((v) => v.toFixed(1)).join(", ");
