import type { RunningSimulator } from "../start.js";

/** Test helpers: real HTTP requests against a running simulator, nothing mocked. */
/** The union of what the simulator answers: a list, a DigiCert error envelope, or a control-route error. */
export interface AnswerBody {
  codes?: Record<string, unknown>[];
  page?: { total: number; limit: number; offset: number };
  errors?: { code: string; message: string }[];
  error?: { code: string; message: string };
  [other: string]: unknown;
}

export interface UsedCodesAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: () => AnswerBody;
}

export async function request(
  sim: RunningSimulator,
  pathAndQuery: string,
  headers: Record<string, string> = {},
  init: RequestInit = {},
): Promise<UsedCodesAnswer> {
  const response = await fetch(`${sim.url}${pathAndQuery}`, { ...init, headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
}

/** `GET /services/v2/voucher/download/used-codes?<query>` with the given key. */
export function usedCodes(
  sim: RunningSimulator,
  query: string,
  key: string,
  headers: Record<string, string> = {},
): Promise<UsedCodesAnswer> {
  const path = `/services/v2/voucher/download/used-codes${query ? `?${query}` : ""}`;
  return request(sim, path, { "X-DC-DEVKEY": key, ...headers });
}

export function ids(answer: UsedCodesAnswer): number[] {
  return (answer.json().codes ?? []).map((row) => Number(row.id));
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
