import { resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  FAULT_KINDS,
  FAULT_SCOPES,
  type FaultsInput,
  RETRY_AFTER_FORMS,
  resolveFaults,
} from "./server/faults.js";
import type { RateLimitWindow } from "./server/rate-limiter.js";
import type { SimulatorOptions } from "./start.js";

export const USAGE = `Usage: pnpm sim -- [flags]

  --host H                 interface to listen on (default 127.0.0.1)
  --port N                 port (default 4010; 0 = any free port)
  --key K                  the X-DC-DEVKEY to accept (default: the public demo key)
  --codes N                generate N used codes (default 5000)
  --seed S                 generator seed (default "voucher-desk")
  --fixture FILE           serve the codes of a {"codes":[...]} file instead
  --rate-limits SPEC       rolling windows per key, e.g. "100/5s,1000/3m" (default), or "off"
  --csv-line-ending E      lf (default) or crlf
  --latency MS             delay every DigiCert answer
  --fault KIND             ${FAULT_KINDS.join(" | ")}
  --fault-scope S          ${FAULT_SCOPES.join(" | ")} (default all)
  --fail-next N            the fault hits only the next N requests
  --server-error-status N  500 | 502 | 503 (default) | 504
  --retry-after F          ${RETRY_AFTER_FORMS.join(" | ")} (default none, like DigiCert)
  --retry-after-seconds N  Retry-After of a forced 429 (default 5)
  --shuffle-ties           rows tied on the sort come back in random order
  --ignore-paging          answer the whole list without a page object
  --no-control             do not serve /__sim (fault switches, request log)
  --help                   this text`;

export class CliError extends Error {}

/**
 * Turns argv into startSimulator options, or throws CliError with a message a person can act on.
 * `cwd` resolves --fixture: `pnpm sim` runs in the package folder, so the CLI passes the folder
 * the user typed the command in (pnpm's INIT_CWD).
 */
export function parseCliOptions(argv: readonly string[], cwd: string): SimulatorOptions | "help" {
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse(argv[0] === "--" ? argv.slice(1) : argv).values;
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  if (values.help) return "help";
  if (values.fixture !== undefined && (values.codes !== undefined || values.seed !== undefined)) {
    throw new CliError("--fixture serves a file; it cannot be combined with --codes or --seed.");
  }
  const faults: FaultsInput = {
    ...(values.latency !== undefined && { latencyMs: wholeNumber("--latency", values.latency) }),
    ...(values.fault !== undefined && { kind: values.fault as FaultsInput["kind"] }),
    ...(values["fault-scope"] !== undefined && { scope: values["fault-scope"] as FaultsInput["scope"] }),
    ...(values["fail-next"] !== undefined && { failNext: wholeNumber("--fail-next", values["fail-next"]) }),
    ...(values["server-error-status"] !== undefined && {
      serverErrorStatus: wholeNumber("--server-error-status", values["server-error-status"]) as 503,
    }),
    ...(values["retry-after"] !== undefined && {
      retryAfter: values["retry-after"] as FaultsInput["retryAfter"],
    }),
    ...(values["retry-after-seconds"] !== undefined && {
      retryAfterSeconds: wholeNumber("--retry-after-seconds", values["retry-after-seconds"]),
    }),
    ...(values["shuffle-ties"] && { shuffleTies: true }),
    ...(values["ignore-paging"] && { ignorePaging: true }),
  };
  try {
    resolveFaults(faults);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  const lineEnding = values["csv-line-ending"] ?? "lf";
  if (lineEnding !== "lf" && lineEnding !== "crlf")
    throw new CliError("--csv-line-ending must be lf or crlf.");
  if (values.key !== undefined && values.key.trim() === "") throw new CliError("--key must not be blank.");
  const port = values.port === undefined ? 4010 : wholeNumber("--port", values.port);
  if (port > 65_535) throw new CliError("--port must be from 0 to 65535.");
  return {
    host: values.host ?? "127.0.0.1",
    port,
    ...(values.key !== undefined && { key: values.key }),
    ...(values.fixture !== undefined && { fixture: resolve(cwd, values.fixture) }),
    ...(values.codes !== undefined && { count: wholeNumber("--codes", values.codes) }),
    ...(values.seed !== undefined && { seed: values.seed }),
    ...(values["rate-limits"] !== undefined && { rateLimits: parseRateLimits(values["rate-limits"]) }),
    csvLineEnding: lineEnding === "crlf" ? "\r\n" : "\n",
    faults,
    controlRoutes: !values["no-control"],
  };
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      host: { type: "string" },
      port: { type: "string" },
      key: { type: "string" },
      codes: { type: "string" },
      seed: { type: "string" },
      fixture: { type: "string" },
      "rate-limits": { type: "string" },
      "csv-line-ending": { type: "string" },
      latency: { type: "string" },
      fault: { type: "string" },
      "fault-scope": { type: "string" },
      "fail-next": { type: "string" },
      "server-error-status": { type: "string" },
      "retry-after": { type: "string" },
      "retry-after-seconds": { type: "string" },
      "shuffle-ties": { type: "boolean" },
      "ignore-paging": { type: "boolean" },
      "no-control": { type: "boolean" },
      help: { type: "boolean" },
    },
  });
}

function wholeNumber(flag: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new CliError(`${flag} takes a whole number, got "${text}".`);
  return Number(text);
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** "100/5s,1000/3m" → windows; "off" → none. */
export function parseRateLimits(spec: string): RateLimitWindow[] {
  if (spec.trim() === "off") return [];
  return spec.split(",").map((part) => {
    const match = /^\s*(\d+)\s*\/\s*(\d+)\s*(ms|s|m|h)\s*$/.exec(part);
    if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) {
      throw new CliError(
        `--rate-limits takes "COUNT/DURATION" pairs like 100/5s,1000/3m (or "off"), got "${part}".`,
      );
    }
    return { limit: Number(match[1]), windowMs: Number(match[2]) * (UNIT_MS[match[3] ?? "s"] ?? 1000) };
  });
}
