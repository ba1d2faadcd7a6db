/**
 * Load and reliability runs for docs/SECURITY.md, on loopback only, each bounded in time:
 *
 *   cached list   100 connections × 20 s on the cached GET /api/used-codes (10,000 codes):
 *                 errors, non-2xx, p50/p99 latency, and the BFF's memory (RSS) through the run
 *   slow upstream 200 concurrent first requests while every upstream answer takes 2 s:
 *                 how many upstream calls (one walk = its pages), and whether all 200 answer
 *   SIGTERM       100 requests in flight (all waiting on a 1 s upstream answer) when the BFF gets
 *                 SIGTERM: how many of them complete, and the exit code
 *
 * Usage: node bench/load/run.mjs [--quick] [--only=cachedList|slowUpstream|shutdown]
 *        (quick: 5 s and 50 connections for the cached list, a smoke check)
 * Needs the built BFF (pnpm -r build). Prints a Markdown table and writes bench/load/results.json.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { startSimulator } from "@voucher-desk/digicert-sim";
import autocannon from "autocannon";
import { describeMachine } from "../lib/machine.mjs";
import { BENCH_KEY, startBff, startSim } from "../lib/processes.mjs";

const quick = process.argv.includes("--quick");
const CACHED = { codes: 10_000, connections: quick ? 50 : 100, seconds: quick ? 5 : 20 };
const SLOW = { codes: 2_000, requests: 200, latencyMs: 2_000 };
const SHUTDOWN = { inFlight: 100, latencyMs: 1_000 };

/** Resident memory of a process in MiB, from /proc (Linux). */
function rssMiB(pid) {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

async function cachedList() {
  const sim = await startSim({ count: CACHED.codes, seed: "load" });
  const bff = await startBff({ simBaseUrl: sim.baseUrl });
  try {
    const warm = await fetch(`${bff.url}/api/used-codes`, { headers: { "accept-encoding": "gzip" } });
    const codes = (await warm.json()).codes.length;
    if (codes !== CACHED.codes) throw new Error(`expected ${CACHED.codes} codes, got ${codes}`);
    const memory = [rssMiB(bff.pid)];
    const sampler = setInterval(() => memory.push(rssMiB(bff.pid)), 1_000);
    const result = await autocannon({
      url: `${bff.url}/api/used-codes`,
      connections: CACHED.connections,
      duration: CACHED.seconds,
      // What a browser sends; the BFF answers with the gzip bytes it prepared once per fill.
      headers: { "accept-encoding": "gzip" },
    });
    clearInterval(sampler);
    memory.push(rssMiB(bff.pid));
    // Memory is "stable" when the second half of the run grows no more than 10 % over the first.
    const half = Math.floor(memory.length / 2);
    const firstHalfMax = Math.max(...memory.slice(0, half));
    const secondHalfMax = Math.max(...memory.slice(half));
    return {
      codes,
      connections: CACHED.connections,
      seconds: CACHED.seconds,
      requests: result.requests.total,
      requestsPerSecond: Math.round(result.requests.average),
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      maxMs: result.latency.max,
      rssStartMiB: Math.round(memory[0]),
      rssMaxMiB: Math.round(Math.max(...memory)),
      rssEndMiB: Math.round(memory.at(-1)),
      memoryStable: secondHalfMax <= firstHalfMax * 1.1,
    };
  } finally {
    await bff.stop();
    await sim.stop();
  }
}

async function slowUpstream() {
  // In this process so its request recorder can be read; it only sleeps, so it steals no CPU.
  const sim = await startSimulator({
    key: BENCH_KEY,
    count: SLOW.codes,
    seed: "load",
    rateLimits: [],
    faults: { latencyMs: SLOW.latencyMs },
  });
  const bff = await startBff({ simBaseUrl: sim.baseUrl, extraEnv: { DIGICERT_TIMEOUT_SECONDS: "30" } });
  try {
    sim.control.clearRequests();
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: SLOW.requests }, async () => {
        const response = await fetch(`${bff.url}/api/used-codes`);
        const body = await response.json();
        return { status: response.status, codes: body.codes?.length ?? 0 };
      }),
    );
    const upstream = sim.control.requests();
    const pages = Math.ceil(SLOW.codes / 1_000);
    return {
      requests: SLOW.requests,
      upstreamLatencyMs: SLOW.latencyMs,
      answered200: answers.filter((a) => a.status === 200 && a.codes === SLOW.codes).length,
      upstreamRequests: upstream.length,
      pagesPerWalk: pages,
      walks: upstream.length / pages,
      wallMs: Math.round(performance.now() - started),
    };
  } finally {
    await bff.stop();
    await sim.close();
  }
}

async function gracefulShutdown() {
  const sim = await startSimulator({ key: BENCH_KEY, count: 500, seed: "load", rateLimits: [] });
  const bff = await startBff({ simBaseUrl: sim.baseUrl, extraEnv: { LOG_LEVEL: "info" } });
  try {
    const ids = [...new Set(sim.control.codes.map((row) => String(row.certificate_order_id)))].filter((id) =>
      /^\d+$/.test(id),
    );
    sim.control.setFaults({ latencyMs: SHUTDOWN.latencyMs, scope: "order" });
    const inFlight = ids.slice(0, SHUTDOWN.inFlight).map(async (id) => {
      try {
        const response = await fetch(`${bff.url}/api/orders/${id}`);
        const body = await response.json();
        return response.status === 200 && body.id === id ? "complete" : `status ${response.status}`;
      } catch (error) {
        return `lost (${error.cause?.code ?? error.message})`;
      }
    });
    // In flight = every request has reached upstream and waits there for its answer.
    const deadline = performance.now() + 10_000;
    while (sim.control.requests().length < SHUTDOWN.inFlight && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const arrived = sim.control.requests().length;
    const signalled = performance.now();
    process.kill(bff.pid, "SIGTERM");
    const outcomes = await Promise.all(inFlight);
    await exited(bff.pid);
    const exitMs = Math.round(performance.now() - signalled);
    let afterwards;
    try {
      await fetch(`${bff.url}/api/health`);
      afterwards = "still accepting";
    } catch (error) {
      afterwards = error.cause?.code ?? "refused";
    }
    return {
      inFlight: outcomes.length,
      upstreamCallsInFlightAtSignal: arrived,
      completed: outcomes.filter((o) => o === "complete").length,
      lost: outcomes.filter((o) => o !== "complete"),
      exitMs,
      newConnectionsAfterExit: afterwards,
    };
  } finally {
    await bff.stop();
    await sim.close();
  }
}

/** processes.mjs keeps the ChildProcess to itself; wait for the pid to disappear instead (bounded). */
async function exited(pid, timeoutMs = 15_000) {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the BFF (pid ${pid}) did not exit within ${timeoutMs} ms of SIGTERM`);
}

const SCENARIOS = { cachedList, slowUpstream, shutdown: gracefulShutdown };
const only = process.argv.find((arg) => arg.startsWith("--only="))?.slice("--only=".length);
const results = { machine: describeMachine({ chromium: null }), quick };
for (const [name, run] of Object.entries(SCENARIOS)) {
  if (only !== undefined && only !== name) continue;
  results[name] = await run();
  console.error(name, JSON.stringify(results[name]));
}
writeFileSync(new URL("./results.json", import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
if (only !== undefined) process.exit(0);

const c = results.cachedList;
const s = results.slowUpstream;
const g = results.shutdown;
console.log(`| run | result |
|---|---|
| cached list: ${c.connections} connections × ${c.seconds} s, ${c.codes} codes (gzip) | ${c.requests} requests (${c.requestsPerSecond}/s), errors ${c.errors}, timeouts ${c.timeouts}, non-2xx ${c.non2xx}; p50 ${c.p50Ms} ms, p99 ${c.p99Ms} ms, max ${c.maxMs} ms |
| cached list: BFF memory (RSS) | start ${c.rssStartMiB} MiB, max ${c.rssMaxMiB} MiB, end ${c.rssEndMiB} MiB; stable: ${c.memoryStable ? "yes" : "NO"} |
| slow upstream: ${s.requests} concurrent first requests, upstream ${s.upstreamLatencyMs} ms per answer | ${s.answered200}/${s.requests} answered 200 with all codes; ${s.upstreamRequests} upstream requests = ${s.walks} walk(s) of ${s.pagesPerWalk} pages; ${s.wallMs} ms |
| SIGTERM with ${g.inFlight} requests in flight | ${g.completed}/${g.inFlight} completed, lost ${g.lost.length}; exited ${g.exitMs} ms after the signal; new connections afterwards: ${g.newConnectionsAfterExit} |`);
process.exit(0);
