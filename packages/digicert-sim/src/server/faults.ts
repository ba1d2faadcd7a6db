/**
 * Fault switches: ways the real upstream misbehaves, on demand, so every error state of a
 * client can be shown and tested. Set at start (options, CLI flags) and at run time
 * (`PUT /__sim/faults`, `control.setFaults`). A fault set replaces the previous one whole;
 * fields left out take their defaults, so a test never inherits a half-forgotten switch.
 */
export const FAULT_KINDS = [
  "none",
  /** 429 request_limit_exceeded, whatever the real windows say. */
  "rate_limit",
  /** 5xx (serverErrorStatus) with nginx's HTML page as the body. */
  "server_error",
  /** 200 with Content-Type application/json and a body that is not JSON (a trailing comma). */
  "malformed_json",
  /** The headers promise the whole body (Content-Length), then the connection closes halfway. */
  "truncated_body",
  /** TCP reset before any response byte. */
  "connection_reset",
  /** 403 access_denied|access_denied_invalid_key even for the right key (a revoked key). */
  "bad_key",
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export const RETRY_AFTER_FORMS = ["none", "seconds", "http-date"] as const;
export type RetryAfterForm = (typeof RETRY_AFTER_FORMS)[number];

export const FAULT_SCOPES = ["all", "used-codes", "order"] as const;
export type FaultScope = (typeof FAULT_SCOPES)[number];

export interface Faults {
  /** Delay before every DigiCert route answers (faulted or not). */
  latencyMs: number;
  kind: FaultKind;
  /** Which endpoint the fault hits; other requests pass untouched and do not count. */
  scope: FaultScope;
  /** Hit only the next N requests in scope, then switch back to "none". null = until changed. */
  failNext: number | null;
  serverErrorStatus: 500 | 502 | 503 | 504;
  /** Retry-After on every 429 (forced or from the real windows). DigiCert sends none. */
  retryAfter: RetryAfterForm;
  /** The Retry-After value for a forced 429; real-window 429s say when a slot frees. */
  retryAfterSeconds: number;
  /** Rows that tie on the sort come back in a fresh random order on every request. */
  shuffleTies: boolean;
  /** Answer the whole list with no `page` object, ignoring limit/offset (the docs' literal reading). */
  ignorePaging: boolean;
}

export type FaultsInput = Partial<Faults>;

export const NO_FAULTS: Readonly<Faults> = Object.freeze({
  latencyMs: 0,
  kind: "none",
  scope: "all",
  failNext: null,
  serverErrorStatus: 503,
  retryAfter: "none",
  retryAfterSeconds: 5,
  shuffleTies: false,
  ignorePaging: false,
});

/** JSON schema of a fault set, used by the control route (Fastify's Ajv refuses anything else). */
export const faultsJsonSchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    latencyMs: { type: "integer", minimum: 0, maximum: 120_000 },
    kind: { type: "string", enum: [...FAULT_KINDS] },
    scope: { type: "string", enum: [...FAULT_SCOPES] },
    failNext: { anyOf: [{ type: "integer", minimum: 1 }, { type: "null" }] },
    serverErrorStatus: { type: "integer", enum: [500, 502, 503, 504] },
    retryAfter: { type: "string", enum: [...RETRY_AFTER_FORMS] },
    retryAfterSeconds: { type: "integer", minimum: 0, maximum: 86_400 },
    shuffleTies: { type: "boolean" },
    ignorePaging: { type: "boolean" },
  },
} as const;

/** Same checks as the JSON schema, for faults given in code or on the command line. */
export function resolveFaults(input: FaultsInput = {}): Faults {
  const faults = { ...NO_FAULTS, ...input };
  const problems: string[] = [];
  if (!Number.isInteger(faults.latencyMs) || faults.latencyMs < 0)
    problems.push("latencyMs must be an integer >= 0");
  if (!FAULT_KINDS.includes(faults.kind)) problems.push(`kind must be one of ${FAULT_KINDS.join(", ")}`);
  if (!FAULT_SCOPES.includes(faults.scope)) problems.push(`scope must be one of ${FAULT_SCOPES.join(", ")}`);
  if (faults.failNext !== null && (!Number.isInteger(faults.failNext) || faults.failNext < 1)) {
    problems.push("failNext must be an integer >= 1, or null");
  }
  if (![500, 502, 503, 504].includes(faults.serverErrorStatus)) {
    problems.push("serverErrorStatus must be 500, 502, 503 or 504");
  }
  if (!RETRY_AFTER_FORMS.includes(faults.retryAfter)) {
    problems.push(`retryAfter must be one of ${RETRY_AFTER_FORMS.join(", ")}`);
  }
  if (!Number.isInteger(faults.retryAfterSeconds) || faults.retryAfterSeconds < 0) {
    problems.push("retryAfterSeconds must be an integer >= 0");
  }
  if (problems.length > 0) throw new RangeError(`Invalid faults: ${problems.join("; ")}.`);
  return faults;
}

/** The current fault set, and the countdown that makes `failNext` switch itself off. */
export class FaultSwitch {
  #faults: Faults;

  constructor(initial: FaultsInput = {}) {
    this.#faults = resolveFaults(initial);
  }

  get current(): Faults {
    return { ...this.#faults };
  }

  set(input: FaultsInput): Faults {
    this.#faults = resolveFaults(input);
    return this.current;
  }

  /** The fault to apply to this request, counting it against `failNext`. */
  take(endpoint: Exclude<FaultScope, "all"> | null): FaultKind {
    const faults = this.#faults;
    if (faults.kind === "none") return "none";
    if (faults.scope !== "all" && faults.scope !== endpoint) return "none";
    if (faults.failNext !== null) {
      const left = faults.failNext - 1;
      this.#faults = left === 0 ? { ...faults, kind: "none", failNext: null } : { ...faults, failNext: left };
    }
    return faults.kind;
  }
}

/** The Retry-After header value, or null when the form is "none". */
export function retryAfterHeader(form: RetryAfterForm, seconds: number, now: number): string | null {
  if (form === "seconds") return String(Math.max(0, Math.ceil(seconds)));
  if (form === "http-date") return new Date(now + Math.ceil(seconds) * 1000).toUTCString();
  return null;
}
