/**
 * Renders the whole app (router + query client) at a URL, with `fetch` answered by the given
 * handlers instead of a BFF: the component tests exercise the real wiring, not mocks of it.
 */
import { createMemoryHistory } from "@tanstack/react-router";
import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import {
  USED_CODE_LINES_HEAD,
  USED_CODE_LINES_TYPE,
  type UsedCodesResponse,
  usedCodeLinesGroup,
  usedCodeLinesTail,
} from "@voucher-desk/vouchers";
import { vi } from "vitest";
import { App } from "../src/app/App";
import { createQueryClient } from "../src/app/query-client";
import { createAppRouter } from "../src/app/router";
import { ApiRequestError } from "../src/lib/api-client";

export type Handler = (request: { method: string; path: string }) => Response | Promise<Response>;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

/**
 * The list as the BFF sends it to the dashboard (`Accept` names the lines): a line per group of
 * rows, delivered in small pieces that split lines and characters, as a network would.
 */
export function usedCodesLines(answer: UsedCodesResponse, { groupSize = 7, pieceBytes = 97 } = {}): Response {
  const { codes, ...rest } = answer;
  let text = USED_CODE_LINES_HEAD;
  for (let at = 0; at < codes.length; at += groupSize)
    text += usedCodeLinesGroup(codes.slice(at, at + groupSize));
  text += usedCodeLinesTail(codes.length, JSON.stringify(rest));
  const bytes = new TextEncoder().encode(text);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(sent, sent + pieceBytes));
      sent += pieceBytes;
    },
  });
  return new Response(body, {
    status: 200,
    headers: { "Content-Type": `${USED_CODE_LINES_TYPE}; charset=utf-8` },
  });
}

export function apiError(status: number, code: string, message: string): Response {
  return json({ error: { code, message } }, status);
}

/** Routes are matched on method + path ("GET /api/used-codes"); anything else is a 404. */
export function renderApp(url: string, routes: Record<string, Handler>) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = typeof input === "string" ? input : input instanceof URL ? input.pathname : input.url;
    const method = (init?.method ?? "GET").toUpperCase();
    const handler = routes[`${method} ${path}`];
    return handler ? handler({ method, path }) : apiError(404, "not_found", `No route ${method} ${path}`);
  });
  vi.stubGlobal("fetch", fetchMock);
  const router = createAppRouter({ history: createMemoryHistory({ initialEntries: [url] }) });
  const user = userEvent.setup();
  const utils = render(<App router={router} queryClient={createQueryClient()} />);
  return { ...utils, router, fetchMock, user };
}

/** The current address as the user would see it in the address bar, without the origin. */
export function currentUrl(router: ReturnType<typeof createAppRouter>): string {
  const { pathname, searchStr } = router.state.location;
  return `${pathname}${searchStr}`;
}

/** The ApiRequestError a request rejects with (fails the test if it resolves or throws another). */
export async function apiFailure(request: Promise<unknown>): Promise<ApiRequestError> {
  const error = await request.then(
    () => null,
    (cause: unknown) => cause,
  );
  if (!(error instanceof ApiRequestError))
    throw new Error(`expected an ApiRequestError, got ${String(error)}`);
  return error;
}
