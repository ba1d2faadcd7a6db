import { productByNameId } from "@voucher-desk/digicert";
import type { ViewState } from "./view.js";

/**
 * `voucher-codes-YYYY-MM-DD[-<main filter>].csv`, e.g. `voucher-codes-2026-12-03-basic-ov.csv`.
 * The main filter is the product: one product gives its name, several give `N-products`.
 * `date` is the calendar day where the export runs (local time: the user's "today").
 */
export function exportFileName(view: ViewState, date: Date): string {
  const day = [date.getFullYear(), date.getMonth() + 1, date.getDate()]
    .map((part, i) => String(part).padStart(i === 0 ? 4 : 2, "0"))
    .join("-");
  const product = productPart(view);
  return `voucher-codes-${day}${product ? `-${product}` : ""}.csv`;
}

function productPart(view: ViewState): string | null {
  const filter = view.filters.product_name;
  if (filter?.type === "blank") return "no-product";
  if (filter?.type !== "values" || filter.values.length === 0) return null;
  if (filter.values.length > 1) return `${filter.values.length}-products`;
  const [nameId] = filter.values;
  if (nameId === null || nameId === undefined) return "no-product";
  return slug(productByNameId(nameId)?.displayName ?? nameId) || "product";
}

/** ASCII only, so the name survives every file system and Content-Disposition header. */
function slug(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
}
