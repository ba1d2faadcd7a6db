import { productNameIdOf, USED_CODE_FIELDS, type UsedCodeField } from "@voucher-desk/digicert";
import type { ServedRow } from "../data/generated-used-code.js";
import type { Random } from "../data/random.js";

/**
 * The query language of `GET /voucher/download/used-codes` (docs/digicert-api.md §2):
 * `filters[name]=value`, `sort=a,-b`, `limit`, `offset`. Parsing refuses what DigiCert would
 * not understand, so a client bug shows up as a 400 here instead of a silently wrong list.
 */
export const MAX_LIMIT = 1000;

export class QueryError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Predicate = (row: ServedRow) => boolean;

interface SortKey {
  field: UsedCodeField;
  descending: boolean;
}

export interface UsedCodesQuery {
  filters: Predicate[];
  sort: SortKey[];
  /** The effective page size: what was asked, capped at MAX_LIMIT. */
  limit: number;
  offset: number;
}

const FILTER_PARAM = /^filters\[([^\]]*)\]$/;
const SORTABLE = new Set<string>(USED_CODE_FIELDS);
const DATE_BOUND = /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/;

const FILTERS: Record<string, (value: string) => Predicate> = {
  product_name_id: productFilter,
  voucher_order_id: (value) => exactFilter("voucher_order_id", value),
  certificate_order_id: (value) => exactFilter("certificate_order_id", value),
  code: (value) => exactFilter("value", value),
  id: (value) => exactFilter("id", value),
  date_valid_till: (value) => dateFilter("order_valid_till", "date_valid_till", value),
};

/** Reads the query string. Brackets may arrive raw or as %5B%5D; URLSearchParams decodes both. */
export function parseUsedCodesQuery(params: URLSearchParams): UsedCodesQuery {
  const filters: Predicate[] = [];
  for (const [name, value] of params) {
    const match = FILTER_PARAM.exec(name);
    if (!match) continue;
    const field = match[1] ?? "";
    const makeFilter = FILTERS[field];
    if (!makeFilter) {
      throw new QueryError("invalid_filter", `The filter ${name} is not supported on this endpoint.`);
    }
    filters.push(makeFilter(value));
  }
  return {
    filters,
    sort: parseSort(params.get("sort")),
    limit: Math.min(parseCount(params.get("limit"), "limit") || MAX_LIMIT, MAX_LIMIT),
    offset: parseCount(params.get("offset"), "offset"),
  };
}

export interface QueryResult {
  rows: ServedRow[];
  total: number;
}

/**
 * Filters, sorts and slices. Ties keep the list's own order (id order), unless `shuffleTies`
 * is given: then rows that compare equal come back in a different order on every request,
 * like a database without a unique ORDER BY, so clients paging by offset must bring their own
 * unique tie-breaker.
 */
export function runUsedCodesQuery(
  rows: readonly ServedRow[],
  query: UsedCodesQuery,
  shuffleTies: Random | null = null,
): QueryResult {
  const order = query.sort.length > 0 || shuffleTies ? sortedOrder(rows, query.sort, shuffleTies) : null;
  const page: ServedRow[] = [];
  let total = 0;
  const count = rows.length;
  for (let i = 0; i < count; i++) {
    const row = rows[order ? (order[i] ?? 0) : i];
    if (!row || !query.filters.every((matches) => matches(row))) continue;
    if (total >= query.offset && page.length < query.limit) page.push(row);
    total++;
  }
  return { rows: page, total };
}

/**
 * Sort keys read once per list and field, and sorted orders kept per sort spec, so a client
 * walking 100 pages of a 100,000-row list with one `sort` pays for one sort, not a hundred.
 * Served lists never change after start, which is what makes both caches safe.
 */
interface FieldKeys {
  text: string[];
  /** The value without leading zeros when it is all digits, else null. */
  integer: (string | null)[];
}

const fieldKeyCache = new WeakMap<readonly ServedRow[], Map<UsedCodeField, FieldKeys>>();
const orderCache = new WeakMap<readonly ServedRow[], Map<string, number[]>>();
const CACHED_ORDERS = 16;

function cacheFor<K, V>(
  caches: WeakMap<readonly ServedRow[], Map<K, V>>,
  rows: readonly ServedRow[],
): Map<K, V> {
  const existing = caches.get(rows);
  if (existing) return existing;
  const created = new Map<K, V>();
  caches.set(rows, created);
  return created;
}

function fieldKeys(rows: readonly ServedRow[], field: UsedCodeField): FieldKeys {
  const byField = cacheFor(fieldKeyCache, rows);
  let keys = byField.get(field);
  if (!keys) {
    const text = rows.map((row) => rawText(row[field]));
    keys = {
      text,
      integer: text.map((value) => (/^\d+$/.test(value) ? value.replace(/^0+(?=\d)/, "") : null)),
    };
    byField.set(field, keys);
  }
  return keys;
}

function sortedOrder(
  rows: readonly ServedRow[],
  sort: readonly SortKey[],
  shuffleTies: Random | null,
): number[] {
  const spec = sort.map(({ field, descending }) => (descending ? `-${field}` : field)).join(",");
  const cached = cacheFor(orderCache, rows);
  const hit = shuffleTies ? undefined : cached.get(spec);
  if (hit) return hit;

  const keys = sort.map(({ field, descending }) => ({
    ...fieldKeys(rows, field),
    sign: descending ? -1 : 1,
  }));
  const tieBreak = shuffleTies ? Float64Array.from(rows, () => shuffleTies.next()) : null;
  const order = Array.from(rows.keys()).sort((a, b) => {
    for (const { text, integer, sign } of keys) {
      const order = compareKeys(text[a] ?? "", integer[a] ?? null, text[b] ?? "", integer[b] ?? null);
      if (order !== 0) return sign * order;
    }
    return tieBreak ? (tieBreak[a] ?? 0) - (tieBreak[b] ?? 0) : a - b;
  });
  if (!shuffleTies) {
    if (cached.size >= CACHED_ORDERS) cached.delete(cached.keys().next().value ?? "");
    cached.set(spec, order);
  }
  return order;
}

/**
 * Digit strings and numbers compare as exact integers (by length, then digit by digit), so
 * `"9007199254740993"` sorts after `"204928159"`. Everything else compares as text, which puts
 * DigiCert's `" "` blanks first in ascending order and last in descending order, as a
 * database sorts its NULLs.
 */
function compareKeys(
  leftText: string,
  leftInteger: string | null,
  rightText: string,
  rightInteger: string | null,
) {
  if (leftInteger !== null && rightInteger !== null && leftInteger.length !== rightInteger.length) {
    return leftInteger.length - rightInteger.length;
  }
  return leftText < rightText ? -1 : leftText > rightText ? 1 : 0;
}

function rawText(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  return "";
}

function parseSort(text: string | null): SortKey[] {
  if (text === null) return [];
  return text
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map((part) => {
      const descending = part.startsWith("-");
      const field = descending ? part.slice(1) : part;
      if (!SORTABLE.has(field)) throw new QueryError("invalid_sort", `Cannot sort by "${field}".`);
      return { field: field as UsedCodeField, descending };
    });
}

function parseCount(text: string | null, name: string): number {
  if (text === null || text.trim() === "") return 0;
  if (!/^\d+$/.test(text.trim())) {
    throw new QueryError(`invalid_${name}`, `${name} must be a whole number of zero or more, got "${text}".`);
  }
  return Number(text.trim());
}

const productIdCache = new Map<string, string>();

function productFilter(value: string): Predicate {
  const wanted = value.trim();
  return (row) => {
    const name = rawText(row.product_name);
    let nameId = productIdCache.get(name);
    if (nameId === undefined) {
      nameId = productNameIdOf(name);
      productIdCache.set(name, nameId);
    }
    return nameId === wanted;
  };
}

function exactFilter(field: UsedCodeField, value: string): Predicate {
  const wanted = value.trim();
  return (row) => rawText(row[field]).trim() === wanted;
}

/**
 * `a...b` (both ends included, a date-only end includes its whole day), `<d`, `>d` (strict),
 * or `d` (that day). The row side is a date or a date-time; blanks (`" "`) never match.
 */
function dateFilter(field: UsedCodeField, name: string, value: string): Predicate {
  const bound = (text: string, endOfDay: boolean): string => {
    const trimmed = text.trim();
    if (!DATE_BOUND.test(trimmed)) {
      throw new QueryError(
        "invalid_filter",
        `filters[${name}] takes YYYY-MM-DD (optionally with hh:mm:ss), a range a...b, <d or >d; got "${value}".`,
      );
    }
    return trimmed.length === 10 ? `${trimmed} ${endOfDay ? "23:59:59" : "00:00:00"}` : trimmed;
  };
  const rowValue = (row: ServedRow): string | null => {
    const text = rawText(row[field]).trim();
    if (text === "") return null;
    return text.length === 10 ? `${text} 00:00:00` : text;
  };
  let test: (at: string) => boolean;
  if (value.includes("...")) {
    const [from = "", to = ""] = value.split("...");
    const low = bound(from, false);
    const high = bound(to, true);
    test = (at) => at >= low && at <= high;
  } else if (value.trim().startsWith("<")) {
    const limit = bound(value.trim().slice(1), false);
    test = (at) => at < limit;
  } else if (value.trim().startsWith(">")) {
    const limit = bound(value.trim().slice(1), true);
    test = (at) => at > limit;
  } else {
    const low = bound(value, false);
    const high = bound(value, true);
    test = (at) => at >= low && at <= high;
  }
  return (row) => {
    const at = rowValue(row);
    return at !== null && test(at);
  };
}
