import type { IncomingHttpHeaders } from "node:http";

/**
 * Every request that reached the simulator's DigiCert routes, as received, so tests can prove
 * what a client sent upstream (and, above all, what it did not: browser cookies, a browser's
 * X-DC-DEVKEY). Bounded: only the newest `capacity` requests are kept.
 */
export interface RecordedRequest {
  /** Arrival order since start, 1-based; survives trimming so tests can spot gaps. */
  seq: number;
  receivedAt: string;
  method: string;
  path: string;
  /** The raw query string without `?`, exactly as sent (still percent-encoded). */
  rawQuery: string;
  /** The decoded name/value pairs, in order, duplicates kept. */
  query: [string, string][];
  /** All headers as received (names lower-cased by Node). */
  headers: IncomingHttpHeaders;
  /** The status answered, or null while pending or when the connection was cut. */
  status: number | null;
}

export class RequestRecorder {
  readonly #capacity: number;
  #requests: RecordedRequest[] = [];
  #seq = 0;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  record(method: string, url: string, headers: IncomingHttpHeaders, now: number): RecordedRequest {
    const queryAt = url.indexOf("?");
    const rawQuery = queryAt === -1 ? "" : url.slice(queryAt + 1);
    const entry: RecordedRequest = {
      seq: ++this.#seq,
      receivedAt: new Date(now).toISOString(),
      method,
      path: queryAt === -1 ? url : url.slice(0, queryAt),
      rawQuery,
      query: [...new URLSearchParams(rawQuery)],
      headers: { ...headers },
      status: null,
    };
    this.#requests.push(entry);
    if (this.#requests.length > this.#capacity)
      this.#requests.splice(0, this.#requests.length - this.#capacity);
    return entry;
  }

  list(): RecordedRequest[] {
    return this.#requests.map((entry) => ({ ...entry }));
  }

  clear(): void {
    this.#requests = [];
  }
}
