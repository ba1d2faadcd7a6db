import { afterEach, describe, expect, it, vi } from "vitest";
import { apiFailure as failure, json } from "../../test/render-app";
import { requestJson } from "./api-client";
import { onDemand } from "./on-demand";

const positive = {
  parse(input: unknown): number {
    if (typeof input !== "number" || input <= 0) throw new TypeError("expected a positive number");
    return input;
  },
};

function answer(response: () => Response) {
  const fetchMock = vi.fn(async () => response());
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

afterEach(() => vi.unstubAllGlobals());

describe("requestJson", () => {
  it("checks the answer with a parser loaded beside the request", async () => {
    let release: (parser: typeof positive) => void = () => {};
    const loading = new Promise<typeof positive>((resolve) => {
      release = resolve;
    });
    const load = vi.fn(() => loading);
    const fetchMock = answer(() => json(7));
    const result = requestJson("/api/thing", load);
    // The parser is asked for before the answer is read, not after.
    expect(load).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    release(positive);
    expect(await result).toBe(7);
  });

  it("refuses an answer the loaded parser rejects, with the same error as a parser given directly", async () => {
    answer(() => json(-1));
    const lazy = await failure(requestJson("/api/thing", async () => positive));
    const direct = await failure(requestJson("/api/thing", positive));
    expect(lazy.code).toBe("bad_response");
    expect(lazy.message).toMatch(/does not understand/);
    expect({ ...lazy }).toEqual({ ...direct });
  });

  it("says the page could not load its own code when the parser does not arrive, and loads it again on the next try", async () => {
    answer(() => json(7));
    const load = vi
      .fn<() => Promise<typeof positive>>()
      .mockRejectedValueOnce(new TypeError("Failed to fetch dynamically imported module"))
      .mockResolvedValueOnce(positive);
    const parser = onDemand(load);
    const error = await failure(requestJson("/api/thing", parser));
    expect(error.code).toBe("network");
    expect(error.message).toMatch(/Could not load part of this page.*reload the page/);
    expect(await requestJson("/api/thing", parser)).toBe(7);
  });

  it("reads the BFF's error envelope (its schema loaded on demand) and keeps its code and message", async () => {
    answer(() =>
      json(
        { error: { code: "upstream_rate_limited", message: "DigiCert is rate limiting this key." } },
        503,
        {
          "Retry-After": "30",
        },
      ),
    );
    const error = await failure(requestJson("/api/thing", positive));
    expect(error).toMatchObject({
      status: 503,
      code: "upstream_rate_limited",
      message: "DigiCert is rate limiting this key.",
      retryAfterSeconds: 30,
    });
  });

  it("does not take an error body outside the contract for an explanation", async () => {
    answer(() => json({ error: { code: "teapot", message: "short and stout" } }, 500));
    const error = await failure(requestJson("/api/thing", positive));
    expect(error.code).toBe("bad_response");
    expect(error.message).toMatch(/answered 500 .*without an explanation/);
  });
});
