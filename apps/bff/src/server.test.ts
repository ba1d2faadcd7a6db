import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { startSimulator } from "@voucher-desk/digicert-sim";
import { usedCodesResponseSchema } from "@voucher-desk/vouchers";
import { describe, expect, it } from "vitest";
import { SENTINEL_KEY } from "./test-support/harness.js";

const BFF_DIR = fileURLToPath(new URL("..", import.meta.url));

interface Running {
  child: ChildProcess;
  url: Promise<string>;
  stdout: string[];
  stderr: string[];
  exit: Promise<number | null>;
}

/** `server.ts` as its own process (through tsx), with only the environment given. */
function startServer(env: Record<string, string>): Running {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: BFF_DIR,
    env: { PATH: process.env.PATH ?? "", HOST: "127.0.0.1", PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stderr?.on("data", (chunk) => stderr.push(String(chunk)));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (chunk) => {
      stdout.push(String(chunk));
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout.join(""));
      if (match?.[1]) resolve(match[1]);
    });
    child.once("exit", () => reject(new Error(`server exited early: ${stderr.join("")}`)));
  });
  url.catch(() => {});
  const exit = once(child, "exit").then(([code]) => code as number | null);
  return { child, url, stdout, stderr, exit };
}

describe("server.ts", { timeout: 20_000 }, () => {
  it("stops on a bad variable with one line saying what to fix", async () => {
    const server = startServer({ DIGICERT_REGION: "mars" });
    expect(await server.exit).toBe(1);
    expect(server.stderr.join("")).toBe('Voucher Desk cannot start: DIGICERT_REGION: must be "us" or "eu"\n');
  });

  it("refuses HOST=0.0.0.0 without an auth mode: exits 1, naming every way to choose one", async () => {
    const server = startServer({ HOST: "0.0.0.0" });
    expect(await server.exit).toBe(1);
    const message = server.stderr.join("");
    expect(message).toMatch(/^Voucher Desk cannot start: Refusing to listen on 0\.0\.0\.0 without sign-in/);
    for (const option of [
      "AUTH_MODE=login",
      "AUTH_USERS_FILE",
      "AUTH_MODE=proxy",
      "AUTH_TRUSTED_PROXIES",
      "AUTH_MODE=none",
    ]) {
      expect(message).toContain(option);
    }
    expect(server.stdout.join("")).not.toContain("Server listening");
  });

  it("without a key serves demo data from the in-process simulator, and says so once", async () => {
    const server = startServer({ DEMO_CODES: "120" });
    try {
      const url = await server.url;
      const body = usedCodesResponseSchema.parse(await (await fetch(`${url}/api/used-codes`)).json());
      expect(body.source).toBe("demo");
      expect(body.region).toBeNull();
      expect(body.codes).toHaveLength(120);
      const demoLines = server.stdout
        .join("")
        .split("\n")
        .filter((line) => line.includes("demo mode"));
      expect(demoLines).toHaveLength(1);
      // One human line for the person who ran it; no alarming notice about a dependency.
      expect(server.stderr.join("")).toBe(
        `Voucher Desk is running at ${url} (demo data — set DIGICERT_API_KEY for your account)\n`,
      );
    } finally {
      server.child.kill("SIGTERM");
      expect(await server.exit).toBe(0);
    }
  });

  it("on SIGTERM finishes the request in flight, then exits", async () => {
    const sim = await startSimulator({ count: 20, key: SENTINEL_KEY, rateLimits: [] });
    const server = startServer({ DIGICERT_BASE_URL: sim.baseUrl, DIGICERT_API_KEY: SENTINEL_KEY });
    try {
      const url = await server.url;
      sim.control.setFaults({ latencyMs: 700 });
      const inFlight = fetch(`${url}/api/used-codes`);
      await expect.poll(() => sim.control.requests().length, { timeout: 5_000 }).toBe(1);
      server.child.kill("SIGTERM");
      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(usedCodesResponseSchema.parse(await response.json()).codes).toHaveLength(20);
      expect(await server.exit).toBe(0);
      await expect(fetch(`${url}/api/health`)).rejects.toThrow();
      expect(server.stdout.join("")).not.toContain(SENTINEL_KEY);
    } finally {
      server.child.kill("SIGKILL");
      await sim.close();
    }
  });
});
