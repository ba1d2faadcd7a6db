import type { FastifyReply, FastifyRequest } from "fastify";
import type { FaultKind } from "./faults.js";

/**
 * The one way a DigiCert route answers, so the body faults (malformed JSON, truncated body)
 * apply to every answer alike: a list, an order, or an error envelope.
 */
const bodyFaults = new WeakMap<object, FaultKind>();

export function setBodyFault(request: FastifyRequest, fault: FaultKind): void {
  bodyFaults.set(request.raw, fault);
}

export function bodyFaultOf(request: FastifyRequest): FaultKind {
  return bodyFaults.get(request.raw) ?? "none";
}

export const JSON_TYPE = "application/json";
export const CSV_TYPE = "text/csv";

export function sendUpstream(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  contentType: string,
  body: string | object,
): FastifyReply {
  let text = typeof body === "string" ? body : JSON.stringify(body);
  const fault = bodyFaultOf(request);
  if (fault === "malformed_json") {
    // The docs' own examples carry trailing commas; a real parser rejects them.
    text = text.replace(/([}\]])\s*$/, ",$1");
  }
  const bytes = Buffer.from(text, "utf8");
  if (fault === "truncated_body") {
    reply.hijack();
    const response = reply.raw;
    response.writeHead(status, {
      "content-type": contentType,
      "content-length": String(bytes.length),
      "cache-control": "private,no-cache",
    });
    response.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => response.destroy());
    return reply;
  }
  // A Buffer keeps the Content-Type exactly as DigiCert sends it: Fastify would append
  // "; charset=utf-8" to a JSON string, and DigiCert does not.
  return reply.code(status).header("content-type", contentType).send(bytes);
}
