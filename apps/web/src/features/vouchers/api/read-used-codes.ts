import { USED_CODE_LINES_TYPE, UsedCodeLinesDecoder, UsedCodeLinesError } from "@voucher-desk/vouchers";
import { ApiRequestError, type BodyReader, notUnderstood } from "../../../lib/api-client";
import { setUsedCodesReceived } from "./used-codes-progress";

/** The list's `Accept`: the dashboard's lines, else the JSON every server version sends. */
export const USED_CODES_ACCEPT = `${USED_CODE_LINES_TYPE}, application/json;q=0.5`;

/**
 * Reads `/api/used-codes` (and its refresh) as it arrives. In the lines form each group of rows
 * is parsed while the next is on its way, so little is left to do when the last byte is in
 * (decision 014); a server that answered JSON is read as JSON. Either way the caller's check
 * then validates the same `{ codes, fetchedAt, … }` object.
 */
export const readUsedCodes: BodyReader = async (response) => {
  const type = response.headers.get("Content-Type") ?? "";
  if (!type.startsWith(USED_CODE_LINES_TYPE) || !response.body) return response.json();
  const decoder = new UsedCodeLinesDecoder();
  const text = new TextDecoder();
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      decoder.push(text.decode(value, { stream: true }));
      setUsedCodesReceived(decoder.received);
    }
    decoder.push(text.decode());
    const { codes, rest } = decoder.end();
    return { ...rest, codes };
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    if (cause instanceof UsedCodeLinesError && !cause.cutOff) throw notUnderstood(response.status);
    // Cut off, or the connection broke while the rows were arriving.
    throw new ApiRequestError(
      0,
      "network",
      "The list of codes stopped arriving before it was complete (the connection to the Voucher Desk server broke). Retry.",
      null,
    );
  } finally {
    setUsedCodesReceived(null);
  }
};
