import type { APIRequestContext } from "@playwright/test";
import { FAULTS } from "./servers";

/** The simulator's fault switches (PUT replaces the whole set; DELETE turns all off). */
export async function setFaults(request: APIRequestContext, faults: Record<string, unknown>): Promise<void> {
  const response = await request.put(`${FAULTS.simUrl}/__sim/faults`, { data: faults });
  if (!response.ok()) throw new Error(`PUT /__sim/faults: ${response.status()} ${await response.text()}`);
}

export async function clearFaults(request: APIRequestContext): Promise<void> {
  await request.delete(`${FAULTS.simUrl}/__sim/faults`);
}

/** What the BFF itself says for GET /api/used-codes right now (its message is shown verbatim). */
export async function bffError(request: APIRequestContext, path = "/api/used-codes") {
  const response = await request.get(`${FAULTS.url}${path}`);
  const body = (await response.json()) as { error?: { code: string; message: string } };
  return { status: response.status(), ...body.error };
}

/** The BFF's message as a pattern: its wording exactly, any number where it counts down ("retry in 2 s"). */
export function messagePattern(message: string | undefined): RegExp {
  const escaped = (message ?? "<no message>").replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(escaped.replace(/\d+/g, "\\d+"));
}
