/**
 * The router's search state is the dashboard view. The domain owns the URL form
 * (parseView/serializeView); this file only adapts it to TanStack Router's hooks and keeps the
 * address bar readable.
 */
import {
  DEFAULT_VIEW,
  parseView,
  serializeView,
  type ViewProblem,
  type ViewState,
} from "@voucher-desk/vouchers";

export interface ViewSearch {
  view: ViewState;
  /** Parts of the address that were dropped when it was read, to be shown once. */
  problems: readonly ViewProblem[];
}

export const DEFAULT_VIEW_SEARCH: ViewSearch = { view: DEFAULT_VIEW, problems: [] };

// URLSearchParams percent-encodes every sub-delimiter. These read the same to any
// application/x-www-form-urlencoded parser (the browser's and the BFF's), so they are shown
// plainly; `&`, `=`, `+`, `%` and `#` stay encoded because they carry meaning.
const READABLE = /%(2C|3A|2F|40|21|27|28|29|2A|3B|24|5B|5D)/g;

/** The view as a query string without "?", e.g. `product=ssl_basic&sort=-created,id`. */
export function viewQueryString(view: ViewState): string {
  return serializeView(view)
    .toString()
    .replace(READABLE, (encoded) => decodeURIComponent(encoded));
}

export function parseViewSearch(searchStr: string): ViewSearch {
  return parseView(new URLSearchParams(searchStr));
}

export function stringifyViewSearch(search: Record<string, unknown>): string {
  const view = isViewSearch(search) ? search.view : DEFAULT_VIEW;
  const query = viewQueryString(view);
  return query === "" ? "" : `?${query}`;
}

/**
 * Route-level validation: the parser already produced a checked view; anything else (a
 * hand-built search object) falls back to the default view rather than crashing.
 */
export function validateViewSearch(search: Record<string, unknown>): ViewSearch {
  return isViewSearch(search) ? { view: search.view, problems: search.problems } : DEFAULT_VIEW_SEARCH;
}

function isViewSearch(search: Record<string, unknown>): search is Record<string, unknown> & ViewSearch {
  const view = search.view as Partial<ViewState> | undefined;
  return (
    typeof view === "object" &&
    view !== null &&
    typeof view.q === "string" &&
    typeof view.filters === "object" &&
    Array.isArray(view.sort) &&
    Array.isArray(view.columns) &&
    view.columns.length > 0 &&
    Array.isArray(search.problems)
  );
}

/** For links and navigations that change the path but keep the view (open/close an order). */
export function keepView(previous: Partial<ViewSearch>): ViewSearch {
  return { view: previous.view ?? DEFAULT_VIEW, problems: previous.problems ?? [] };
}
