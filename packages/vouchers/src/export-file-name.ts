import type { ViewState } from "./view.js";

/** `voucher-codes-YYYY-MM-DD[-<main filter>].csv`, e.g. `voucher-codes-2026-12-03-basic-ov.csv`. */
export declare function exportFileName(view: ViewState, date: Date): string;
