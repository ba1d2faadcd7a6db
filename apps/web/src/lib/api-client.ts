import type { ApiErrorCode } from "@voucher-desk/vouchers";
import { onDemand } from "./on-demand";

/** Codes the browser adds for failures that never produced a BFF answer. */
export type ClientErrorCode = "network" | "bad_response";

/**
 * A failed /api call, carrying the BFF's own message: it is written for the person at the
 * screen ("DigiCert is rate limiting this key; retry in 30 s"), so the UI shows it verbatim.
 */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode | ClientErrorCode;
  readonly retryAfterSeconds: number | null;

  constructor(
    status: number,
    code: ApiErrorCode | ClientErrorCode,
    message: string,
    retryAfter: number | null,
  ) {
    super(message);
    this.name = "ApiRequestError";
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfter;
  }
}

interface Parser<T> {
  parse(input: unknown): T;
}

/**
 * What checks an answer: a parser, or a function that loads one. The contract's parsers are
 * zod schemas, and zod (~24 KB gzip) is loaded beside the page's first request instead of with
 * the page, so the requests start sooner (see README, "Loaded on demand").
 */
export type AnswerCheck<T> = Parser<T> | (() => Promise<Parser<T>>);

const loadApiErrorSchema = onDemand(() =>
  import("@voucher-desk/vouchers/api-contract").then((contract) => contract.apiErrorSchema),
);

/** The page's own code (a parser) could not be loaded: the server is gone, or the page is older than it. */
function pageCodeUnavailable(): ApiRequestError {
  return new ApiRequestError(
    0,
    "network",
    "Could not load part of this page from the Voucher Desk server. Check that it is running, then reload the page.",
    null,
  );
}

function retryAfterSeconds(response: Response): number | null {
  const header = response.headers.get("Retry-After");
  if (header === null) return null;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : null;
}

async function errorFrom(response: Response): Promise<ApiRequestError> {
  const body: unknown = await response.json().catch(() => null);
  const schema = await loadApiErrorSchema().catch(() => null);
  if (schema === null) return pageCodeUnavailable();
  const parsed = schema.safeParse(body);
  const retryAfter = retryAfterSeconds(response);
  if (parsed.success) {
    return new ApiRequestError(
      response.status,
      parsed.data.error.code,
      parsed.data.error.message,
      retryAfter,
    );
  }
  return new ApiRequestError(
    response.status,
    "bad_response",
    `The Voucher Desk server answered ${response.status} ${response.statusText} without an explanation.`,
    retryAfter,
  );
}

let csrfToken: Promise<string | null> | null = null;

/**
 * The BFF refuses a state-changing request without the CSRF token `GET /api/session` hands
 * out (double-submit cookie). Fetched once per page; a BFF without sessions answers no token.
 */
async function fetchCsrfToken(): Promise<string | null> {
  try {
    const response = await fetch("/api/session", { headers: { Accept: "application/json" } });
    const body = (response.ok ? await response.json() : null) as { csrfToken?: unknown } | null;
    return typeof body?.csrfToken === "string" && body.csrfToken !== "" ? body.csrfToken : null;
  } catch {
    return null;
  }
}

function currentCsrfToken(): Promise<string | null> {
  const pending = csrfToken ?? fetchCsrfToken();
  csrfToken = pending;
  // No token yet (no session, or the call failed): ask again next time.
  void pending.then((token) => {
    if (token === null && csrfToken === pending) csrfToken = null;
  });
  return pending;
}

/** A token the session feature just read (page load, sign-in and sign-out rotate it): POSTs send it from now on. */
export function rememberCsrfToken(token: string): void {
  csrfToken = Promise.resolve(token);
}

async function requestHeaders(init: RequestInit): Promise<Headers> {
  const headers = new Headers(init.headers);
  if (!headers.has("Accept")) headers.set("Accept", "application/json");
  const method = (init.method ?? "GET").toUpperCase();
  if (method !== "GET" && method !== "HEAD") {
    const token = await currentCsrfToken();
    if (token !== null) headers.set("X-CSRF-Token", token);
  }
  return headers;
}

/**
 * Reads a successful answer's body into what its check parses (JSON by default). A reader may
 * throw an ApiRequestError of its own to say more than "not understood".
 */
export type BodyReader = (response: Response) => Promise<unknown>;

const readJson: BodyReader = (response) => response.json();

/** An answer whose body could not be read as it must be. */
export function notUnderstood(status: number): ApiRequestError {
  return new ApiRequestError(
    status,
    "bad_response",
    "The Voucher Desk server sent an answer this page does not understand. Reload the page; if it persists, the server and page versions may differ.",
    null,
  );
}

/** Calls a BFF route and validates the answer against the shared contract. */
export async function requestJson<T>(
  path: string,
  check: AnswerCheck<T>,
  { read = readJson, ...init }: RequestInit & { signal?: AbortSignal; read?: BodyReader } = {},
): Promise<T> {
  // Started with the request, so the parser's code arrives while the answer is on its way.
  const parser = typeof check === "function" ? check() : Promise.resolve(check);
  parser.catch(() => {}); // a failed request settles first; its error is the one to show
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers: await requestHeaders(init) });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiRequestError(
      0,
      "network",
      "Could not reach the Voucher Desk server. Check that it is running, then retry.",
      null,
    );
  }
  if (!response.ok) throw await errorFrom(response);
  const body: unknown = await read(response).catch((cause: unknown) => {
    if (cause instanceof ApiRequestError) throw cause;
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    return undefined; // not JSON: the check below says so
  });
  const schema = await parser.catch(() => {
    throw pageCodeUnavailable();
  });
  try {
    return schema.parse(body);
  } catch {
    throw notUnderstood(response.status);
  }
}
