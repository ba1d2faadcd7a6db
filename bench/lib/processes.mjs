import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

/**
 * Every server a benchmark talks to runs in its own child process, as in production: the
 * harness (Playwright, autocannon, the plain fetch loop) must not steal the event loop of the
 * thing it measures, and ours and the baseline get the same treatment.
 */

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const children = new Set();

process.on("exit", () => {
  for (const child of children) child.kill("SIGKILL");
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => process.exit(130));
}

export async function freePort() {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts `node script args…` and resolves once `ready()` says so; keeps its output for errors. */
async function startChild(name, args, { env = {}, ready, timeoutMs = 60_000 }) {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  let output = "";
  const keep = (chunk) => {
    output = (output + chunk).slice(-8_000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = once(child, "exit").then(([code]) => {
    children.delete(child);
    throw new Error(`${name} exited (code ${code}) before it was ready:\n${output}`);
  });
  const deadline = Date.now() + timeoutMs;
  const poll = (async () => {
    for (;;) {
      const value = await ready(() => output).catch(() => undefined);
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`${name} not ready after ${timeoutMs} ms:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const value = await Promise.race([poll, exited]);
  let stopping = false;
  exited.catch(() => {
    // A server that dies mid-run makes every later request fail: say why, once, loudly.
    if (!stopping) console.error(`${name} (pid ${child.pid}) exited unexpectedly:\n${output}`);
  });
  return {
    value,
    pid: child.pid,
    output: () => output,
    async stop() {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = once(child, "exit");
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await gone;
      clearTimeout(timer);
      children.delete(child);
    },
  };
}

/** A line of JSON the child prints once it listens (see sim-child.mjs, bare-server.mjs). */
function readyLine(prefix) {
  return async (output) => {
    const line = output()
      .split("\n")
      .find((l) => l.startsWith(prefix));
    return line === undefined ? undefined : JSON.parse(line.slice(prefix.length));
  };
}

async function httpOk(url) {
  const res = await fetch(url);
  await res.arrayBuffer();
  return res.ok ? true : undefined;
}

export const BENCH_KEY = "bench-key-not-a-secret";

/** The simulator with `count` generated codes and no rate limit in the way of a benchmark. */
export async function startSim({ count, seed }) {
  const child = await startChild(
    "simulator",
    [
      fileURLToPath(new URL("./sim-child.mjs", import.meta.url)),
      JSON.stringify({ count, seed, key: BENCH_KEY }),
    ],
    { ready: readyLine("SIM_READY ") },
  );
  return { ...child, baseUrl: child.value.baseUrl };
}

/**
 * The built BFF (apps/bff/dist/server.js) in front of the simulator: the production binary,
 * configured only through its documented environment. The outbound budget and the inbound
 * rate limit are raised because they exist to protect DigiCert and the BFF from abuse, not to
 * shape a benchmark; everything else is the default.
 */
export async function startBff({ simBaseUrl, extraEnv = {} }) {
  const port = await freePort();
  const child = await startChild("BFF", ["apps/bff/dist/server.js"], {
    env: {
      HOST: "127.0.0.1",
      PORT: String(port),
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      DIGICERT_API_KEY: BENCH_KEY,
      DIGICERT_BASE_URL: simBaseUrl,
      DIGICERT_BUDGET: "100000/1s",
      API_RATE_LIMIT_PER_MINUTE: "1000000",
      CACHE_TTL_SECONDS: "86400",
      REFRESH_MIN_INTERVAL_SECONDS: "0",
      ...extraEnv,
    },
    ready: () => httpOk(`http://127.0.0.1:${port}/api/health`),
  });
  return { ...child, url: `http://127.0.0.1:${port}` };
}

/**
 * The bare limit: a Fastify server with nothing but routes that send prepared bytes, plus an
 * optional static folder (the AG Grid page). `routes` maps a path to { file, type }.
 */
export async function startBare({ routes, staticRoot }) {
  const child = await startChild(
    "bare server",
    [fileURLToPath(new URL("./bare-server.mjs", import.meta.url)), JSON.stringify({ routes, staticRoot })],
    { ready: readyLine("BARE_READY ") },
  );
  return { ...child, url: child.value.url };
}
