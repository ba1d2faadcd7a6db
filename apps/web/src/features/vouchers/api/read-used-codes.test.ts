import { USED_CODE_LINES_TYPE } from "@voucher-desk/vouchers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { apiFailure as failure, json, usedCodesLines } from "../../../../test/render-app";
import { quirkyCodes, usedCodesResponse } from "../../../../test/used-codes";
import { fetchUsedCodes } from "./get-used-codes";
import { refreshUsedCodes } from "./refresh-used-codes";

function answer(response: () => Response) {
  const fetchMock = vi.fn(async (_path: string, _init?: RequestInit) => response());
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

/** A lines answer whose body arrives in the given pieces, then ends or `breaks`. */
function linesAnswer(pieces: readonly string[], { breaks = false } = {}): Response {
  const encoder = new TextEncoder();
  let next = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const piece = pieces[next++];
      if (piece !== undefined) controller.enqueue(encoder.encode(piece));
      else if (breaks) controller.error(new TypeError("network error"));
      else controller.close();
    },
  });
  return new Response(body, { headers: { "Content-Type": `${USED_CODE_LINES_TYPE}; charset=utf-8` } });
}

afterEach(() => vi.unstubAllGlobals());

/** A fresh list per call (the fixture numbers its codes on). */
const answerOf = (stale = false) => usedCodesResponse(quirkyCodes(), { stale, region: "eu" });

describe("reading the used-code list", () => {
  it("asks for the lines, JSON second, and reads them arriving in small pieces", async () => {
    const list = answerOf();
    const fetchMock = answer(() => usedCodesLines(list, { groupSize: 3, pieceBytes: 5 }));
    expect(await fetchUsedCodes()).toEqual(list);
    const headers = new Headers(fetchMock.mock.calls[0]?.[1]?.headers);
    expect(headers.get("Accept")).toBe(`${USED_CODE_LINES_TYPE}, application/json;q=0.5`);
  });

  it("reads the refresh's answer the same way", async () => {
    const list = answerOf(true);
    const fetchMock = answer(() => usedCodesLines(list));
    expect(await refreshUsedCodes()).toEqual(list);
    const refresh = fetchMock.mock.calls.find(([path]) => path === "/api/used-codes/refresh");
    expect(refresh?.[1]?.method).toBe("POST");
    expect(new Headers(refresh?.[1]?.headers).get("Accept")).toBe(
      `${USED_CODE_LINES_TYPE}, application/json;q=0.5`,
    );
  });

  it("reads a JSON answer (a server without the lines form) as the same list", async () => {
    const list = answerOf();
    answer(() => json(list));
    expect(await fetchUsedCodes()).toEqual(list);
  });

  it("says the list stopped arriving when the answer is cut off or the connection breaks", async () => {
    const whole = await usedCodesLines(answerOf()).text();
    const message =
      "The list of codes stopped arriving before it was complete (the connection to the Voucher Desk server broke). Retry.";
    for (const response of [
      () => linesAnswer([whole.slice(0, whole.lastIndexOf("{"))]),
      () => linesAnswer([whole.slice(0, -3)]),
      () => linesAnswer([whole.slice(0, 400)], { breaks: true }),
    ]) {
      answer(response);
      const error = await failure(fetchUsedCodes());
      expect({ code: error.code, message: error.message }).toEqual({ code: "network", message });
    }
  });

  it("says the answer is not understood when lines are garbled or from another version", async () => {
    const whole = await usedCodesLines(answerOf()).text();
    for (const text of [
      whole.replace('"id","value"', '"value","id"'),
      whole.replace("[[", "[{"),
      "nonsense\n",
    ]) {
      answer(() => linesAnswer([text]));
      const error = await failure(fetchUsedCodes());
      expect(error.code).toBe("bad_response");
      expect(error.message).toMatch(/^The Voucher Desk server sent an answer this page does not understand/);
    }
  });

  it("refuses rows the spot check finds retyped, as it does for JSON", async () => {
    const codes = quirkyCodes().map((code) => ({ ...code, id: String(code.id) }));
    answer(() => usedCodesLines(usedCodesResponse(codes as never)));
    expect((await failure(fetchUsedCodes())).code).toBe("bad_response");
  });
});
