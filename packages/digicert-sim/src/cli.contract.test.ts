import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateUsedCodes } from "./data/generate.js";

/**
 * The done-when, literally: `pnpm sim -- --port … --key K --fixture some-codes.json`
 * started from the repository root, then asked over HTTP. Runs the built CLI (dist/cli.js),
 * as `pnpm sim` does; the test command builds first.
 */
const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
const REPO_ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const CLI = join(PACKAGE_DIR, "dist", "cli.js");
const SEED_CSV_HEADER =
  "id,value,product_name,no_of_fqdns,no_of_wildcards,shipping_method,validity_years,validity_days,status,created_date,voucher_order_id,cert_request_date,cert_validity_start_date,cert_validity_end_date,cert_organization,cert_common_name,certificate_order_id,voucher_validity_end_date,order_valid_from,order_valid_till,server_licenses";

const codes = generateUsedCodes({ count: 80, seed: "cli-fixture" });
let folder: string;
let fixture: string;
let child: ChildProcess;
let baseUrl: string;

function run(command: string, args: string[], cwd: string) {
  // Own process group, so the test can stop pnpm and the node process it starts, and nothing else.
  return spawn(command, args, { cwd, detached: true, stdio: ["ignore", "pipe", "pipe"] });
}

function finish(process: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  process.stdout?.on("data", (chunk) => (stdout += chunk));
  process.stderr?.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve) => process.on("exit", (code) => resolve({ code, stdout, stderr })));
}

beforeAll(async () => {
  if (!existsSync(CLI))
    throw new Error(`${CLI} is missing: run "pnpm --filter @voucher-desk/digicert-sim build" first.`);
  folder = await mkdtemp(join(tmpdir(), "digicert-sim-cli-"));
  fixture = join(folder, "some-codes.json");
  await writeFile(fixture, JSON.stringify({ codes }));
  child = run("pnpm", ["sim", "--", "--port", "0", "--key", "K", "--fixture", fixture], REPO_ROOT);
  baseUrl = await new Promise<string>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`no URL printed within 20 s: ${output}`)), 20_000);
    child.stdout?.on("data", (chunk) => {
      output += chunk;
      const match = /(http:\/\/127\.0\.0\.1:\d+\/services\/v2)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr?.on("data", (chunk) => (output += chunk));
    child.on("exit", (code) => reject(new Error(`pnpm sim exited with ${code}: ${output}`)));
  });
}, 30_000);

afterAll(async () => {
  if (child?.pid && child.exitCode === null) {
    const exited = new Promise((resolve) => child.on("exit", resolve));
    process.kill(-child.pid, "SIGTERM");
    await exited;
  }
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe("pnpm sim -- --port --key K --fixture some-codes.json", () => {
  const query = "voucher/download/used-codes?filters[product_name_id]=ssl_basic&sort=-id";

  it("serves exactly the fixture's Basic OV rows, newest id first", async () => {
    const expected = codes.filter((row) => row.product_name === "Basic OV").sort((a, b) => b.id - a.id);
    expect(expected.length).toBeGreaterThan(2);
    const response = await fetch(`${baseUrl}/${query}`, { headers: { "X-DC-DEVKEY": "K" } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { codes: unknown }).codes).toEqual(expected);
  });

  it("answers CSV whose first line is the seed's header line", async () => {
    const response = await fetch(`${baseUrl}/${query}`, {
      headers: { "X-DC-DEVKEY": "K", Accept: "text/csv" },
    });
    const [header, ...lines] = (await response.text()).trimEnd().split("\n");
    expect(header).toBe(SEED_CSV_HEADER);
    expect(lines.map((line) => Number(line.split(",")[0]))).toEqual(
      codes
        .filter((row) => row.product_name === "Basic OV")
        .map((row) => row.id)
        .sort((a, b) => b - a),
    );
  });

  it("answers 403 without the key", async () => {
    const response = await fetch(`${baseUrl}/${query}`);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({
      errors: [{ code: "access_denied|access_denied_invalid_key" }],
    });
  });

  it("makes up an order for each fixture row", async () => {
    const row = codes[10];
    const response = await fetch(`${baseUrl}/order/certificate/${row?.certificate_order_id}`, {
      headers: { "X-DC-DEVKEY": "K" },
    });
    expect(await response.json()).toMatchObject({ certificate: { common_name: row?.cert_common_name } });
  });
});

describe("CLI errors", () => {
  it.each([
    [["--bogus"], /Unknown option '--bogus'/],
    [["--port", "x"], /--port takes a whole number/],
    [
      ["--fixture", "/nonexistent/codes.json"],
      /Fixture \/nonexistent\/codes\.json cannot be read \(ENOENT\)/,
    ],
  ])("%j exits 2 with a clear message and no server", async (args, message) => {
    const result = await finish(run(process.execPath, [CLI, ...args], PACKAGE_DIR));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe("");
  });
});
