import type { UsedCode, UsedCodeField } from "@voucher-desk/digicert";
import type { ViewState } from "./view.js";

/**
 * The rows of one data load with precomputed filter and sort keys. Build it once per load
 * (it is the expensive part) and run every view against it.
 */
export interface UsedCodeIndex {
  readonly rows: readonly UsedCode[];
  /** Product name_id per row (catalog id, or the derived id for unknown names), null if blank. */
  readonly productIds: readonly (string | null)[];
  /** name_id → display name, for every product present in the rows. */
  readonly productNames: ReadonlyMap<string, string>;
}

export declare function buildIndex(rows: readonly UsedCode[]): UsedCodeIndex;

/** The one query function: the rows matching every filter of `view`, sorted by its sort list. */
export declare function queryUsedCodes(index: UsedCodeIndex, view: ViewState): UsedCode[];

/**
 * Counts per value of `field` over the rows matching every OTHER active filter (and `q`).
 * Keys are in filter form: product name_ids, raw strings, numbers as decimal strings; null is
 * "(blank)". Choosing a key in a `values` filter yields exactly that many rows.
 */
export declare function facetCounts(
  index: UsedCodeIndex,
  view: ViewState,
  field: UsedCodeField,
): Map<string | null, number>;
