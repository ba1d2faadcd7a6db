import type { ViewState } from "./view.js";

/** One dropped part of a URL view, with a message a person can act on. */
export interface ViewProblem {
  /** The query parameter the problem is about. */
  param: string;
  message: string;
}

export interface ParseViewOptions {
  /**
   * Parameters that belong to the caller (e.g. the CSV route's `bom`), ignored without a
   * problem. Any other unknown parameter is reported.
   */
  allowExtra?: readonly string[];
}

/** Reserved URL keys (besides each field's `urlKey`). */
export declare const VIEW_PARAMS: { readonly q: "q"; readonly sort: "sort"; readonly columns: "cols" };

export declare function parseView(
  params: URLSearchParams,
  options?: ParseViewOptions,
): { view: ViewState; problems: ViewProblem[] };

export declare function serializeView(view: ViewState): URLSearchParams;
