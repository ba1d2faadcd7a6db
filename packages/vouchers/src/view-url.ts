/**
 * The URL form of a view: every piece of view state as readable query parameters, so a view is
 * a link. `URLSearchParams` does all percent-encoding, so any value survives (`&`, `,`, `+`,
 * `%`, quotes, CJK). Multi-value filters repeat their key instead of joining with a separator,
 * and an EMPTY value means "(blank)": normalized rows never hold "" (blanks are null), so the
 * empty string is free to stand for it, and a value literally "(blank)" stays that text.
 *
 *   q=acme                          global search
 *   product=ssl_basic&product=ssl_plus
 *   status=used&status=             enum values; empty = (blank)
 *   org=acme   org=                 contains "acme" · organization is blank
 *   created=2024-01-01..2024-03-31  inclusive; either side may be empty; one day: created=2024-01-01
 *   fqdns=2..5   fqdns=3            inclusive number range
 *   corder=204928159                exact id
 *   sort=-created,id                `-` = descending
 *   cols=id,code,product            visible columns in order
 *
 * Defaults are omitted, so the default view is the bare path.
 */
import { isProductNameId, productByDisplayName, type UsedCodeField } from "@voucher-desk/digicert";
import { FIELDS, type FieldDef, type FilterKind, fieldByUrlKey, fieldDef } from "./fields.js";
import {
  DEFAULT_COLUMNS,
  DEFAULT_SORT,
  DEFAULT_VIEW,
  type FieldFilter,
  type SortKey,
  type ViewState,
} from "./view.js";

/** One dropped part of a URL view, with a message a person can act on. */
export interface ViewProblem {
  /** The query parameter the problem is about. */
  param: string;
  /**
   * What is wrong, starting with the parameter ("`cols`: unknown column `foo`"). It never says
   * what happens next: the dashboard ignores the part, the CSV route refuses the request, and
   * each caller says so in its own words.
   */
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
export const VIEW_PARAMS = { q: "q", sort: "sort", columns: "cols" } as const;

const DATE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;
const DIGITS = /^\d+$/;
const RANGE_SEPARATOR = "..";

/** A filter, a problem, or both (a product list keeps its known ids and reports the others). */
type Decoded = { filter: FieldFilter; error?: string } | { error: string } | { inactive: true };

/** Encodes one filter as the list of values of its URL key; [] = nothing to write. */
function encodeFilter(kind: FilterKind, filter: FieldFilter): string[] {
  if (filter.type === "blank") return [""];
  switch (kind) {
    case "product":
    case "enum":
      return filter.type === "values" ? filter.values.map((v) => v ?? "") : [];
    case "text":
      return filter.type === "contains" && filter.text !== "" ? [filter.text] : [];
    case "exact":
      return filter.type === "exact" && filter.value !== "" ? [filter.value] : [];
    case "dateRange":
      return filter.type === "dateRange" ? encodeRange(filter.from, filter.to) : [];
    case "numberRange":
      return filter.type === "numberRange" ? encodeRange(numberText(filter.min), numberText(filter.max)) : [];
  }
}

function numberText(n: number | null): string | null {
  return n === null || !Number.isFinite(n) ? null : String(n);
}

function encodeRange(low: string | null, high: string | null): string[] {
  if (low === null && high === null) return [];
  if (low === high) return [low as string];
  return [`${low ?? ""}${RANGE_SEPARATOR}${high ?? ""}`];
}

function decodeFilter(def: FieldDef, values: string[]): Decoded {
  const kind = def.filter;
  if (kind === "product") return decodeProducts(values);
  if (kind === "enum") {
    const unique = [...new Set(values.map((v) => (v === "" ? null : v)))];
    return { filter: { type: "values", values: unique } };
  }
  const [value = ""] = values;
  if (value === "") return { filter: { type: "blank" } };
  switch (kind) {
    case "text":
      return { filter: { type: "contains", text: value } };
    case "exact":
      return DIGITS.test(value)
        ? { filter: { type: "exact", value } }
        : { error: `must be digits only, got "${value}"` };
    case "dateRange": {
      const range = decodeRange(value, DATE, (s) => s);
      if ("error" in range)
        return { error: `${range.error}; use YYYY-MM-DD..YYYY-MM-DD, either side may be empty` };
      return { filter: { type: "dateRange", from: range.low, to: range.high } };
    }
    case "numberRange": {
      const range = decodeRange(value, NUMBER, Number);
      if ("error" in range) return { error: `${range.error}; use MIN..MAX, either side may be empty` };
      return { filter: { type: "numberRange", min: range.low, max: range.high } };
    }
  }
}

/**
 * Product ids as the Product filter writes them: a catalog name_id or a derived `x_…` id, empty
 * for "(blank)". Anything else (a display name typed by hand, a typo) would filter on a product
 * no row can have and show 0 codes as if that were the answer, so it is reported instead, and
 * the known ids of the list are kept.
 */
function decodeProducts(values: string[]): Decoded {
  const known: (string | null)[] = [];
  const unknown: string[] = [];
  for (const value of new Set(values)) {
    if (value === "") known.push(null);
    else if (isProductNameId(value)) known.push(value);
    else unknown.push(value);
  }
  if (unknown.length === 0) return { filter: { type: "values", values: known } };
  const error = unknown
    .map((value) => {
      const named = productByDisplayName(value);
      return named
        ? `"${value}" is a product name, not its id: use ${named.nameId}`
        : `unknown product "${value}" (use product ids such as ssl_basic, as the Product filter writes them)`;
    })
    .join("; ");
  return known.length === 0 ? { error } : { filter: { type: "values", values: known }, error };
}

function decodeRange<T extends string | number>(
  text: string,
  pattern: RegExp,
  convert: (s: string) => T,
): { low: T | null; high: T | null } | { error: string } {
  const at = text.indexOf(RANGE_SEPARATOR);
  const [lowText, highText] =
    at < 0 ? [text, text] : [text.slice(0, at), text.slice(at + RANGE_SEPARATOR.length)];
  for (const part of [lowText, highText]) {
    if (part !== "" && !pattern.test(part)) return { error: `"${part}" is not valid` };
    if (pattern === DATE && part !== "" && !isRealDate(part))
      return { error: `"${part}" is not a real date` };
  }
  // A bare ".." would be a filter on nothing (shown as "up to null"): say so instead.
  if (lowText === "" && highText === "") return { error: `"${text}" has neither a start nor an end` };
  const low = lowText === "" ? null : convert(lowText);
  const high = highText === "" ? null : convert(highText);
  if (low !== null && high !== null && low > high)
    return { error: `its start ${low} is after its end ${high}` };
  return { low, high };
}

function isRealDate(ymd: string): boolean {
  const [y, m, d] = ymd.split("-").map(Number) as [number, number, number];
  const daysInMonth = [
    31,
    y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ];
  return d <= (daysInMonth[m - 1] ?? 0);
}

function sortToken(key: SortKey): string {
  return `${key.dir === "desc" ? "-" : ""}${fieldDef(key.field).urlKey}`;
}

function sameList<T>(a: readonly T[], b: readonly T[], key: (item: T) => string): boolean {
  return a.length === b.length && a.every((item, i) => key(item) === key(b[i] as T));
}

export function serializeView(view: ViewState): URLSearchParams {
  const params = new URLSearchParams();
  if (view.q !== "") params.append(VIEW_PARAMS.q, view.q);
  for (const def of FIELDS) {
    const filter = view.filters[def.name];
    if (!filter) continue;
    for (const value of encodeFilter(def.filter, filter)) params.append(def.urlKey, value);
  }
  if (!sameList(view.sort, DEFAULT_SORT, sortToken)) {
    params.append(VIEW_PARAMS.sort, view.sort.map(sortToken).join(","));
  }
  if (!sameList(view.columns, DEFAULT_COLUMNS, String)) {
    params.append(VIEW_PARAMS.columns, view.columns.map((c) => fieldDef(c).urlKey).join(","));
  }
  return params;
}

export function parseView(
  params: URLSearchParams,
  options: ParseViewOptions = {},
): { view: ViewState; problems: ViewProblem[] } {
  const problems: ViewProblem[] = [];
  const report = (param: string, message: string, label?: string) =>
    problems.push({ param, message: `\`${param}\`${label ? ` (${label})` : ""}: ${message}` });
  const allowExtra = new Set(options.allowExtra ?? []);

  /** The one value of a single-valued parameter; extra copies are reported and dropped. */
  const single = (key: string): string | undefined => {
    const all = params.getAll(key);
    if (all.length > 1) report(key, `given ${all.length} times, expected once`);
    return all[0];
  };

  let q = DEFAULT_VIEW.q;
  let sort = DEFAULT_VIEW.sort;
  let columns = DEFAULT_VIEW.columns;
  const filters: Partial<Record<UsedCodeField, FieldFilter>> = {};

  for (const key of new Set(params.keys())) {
    if (key === VIEW_PARAMS.q) {
      q = single(key) ?? "";
    } else if (key === VIEW_PARAMS.sort) {
      sort = parseSort(single(key) ?? "", (m) => report(key, m));
    } else if (key === VIEW_PARAMS.columns) {
      columns = parseColumns(single(key) ?? "", (m) => report(key, m));
    } else {
      const def = fieldByUrlKey(key);
      if (!def) {
        if (!allowExtra.has(key)) report(key, "unknown parameter");
        continue;
      }
      const values =
        def.filter === "product" || def.filter === "enum" ? params.getAll(key) : [single(key) ?? ""];
      const decoded = decodeFilter(def, values);
      if ("error" in decoded && decoded.error !== undefined) report(key, decoded.error, def.label);
      if ("filter" in decoded) filters[def.name] = decoded.filter;
    }
  }
  return { view: { q, filters, sort, columns }, problems };
}

function parseSort(text: string, report: (message: string) => void): readonly SortKey[] {
  if (text === "") return [];
  const sort: SortKey[] = [];
  for (const token of text.split(",")) {
    const desc = token.startsWith("-");
    const def = fieldByUrlKey(desc ? token.slice(1) : token);
    if (!def) {
      report(`unknown column \`${token}\` (use column keys, "-" before one for descending)`);
    } else if (sort.some((s) => s.field === def.name)) {
      report(`\`${token}\` is listed twice`);
    } else {
      sort.push({ field: def.name, dir: desc ? "desc" : "asc" });
    }
  }
  // Nothing usable: the default order, not rows in the order they were fetched.
  return sort.length > 0 ? sort : DEFAULT_VIEW.sort;
}

function parseColumns(text: string, report: (message: string) => void): readonly UsedCodeField[] {
  const columns: UsedCodeField[] = [];
  for (const token of text === "" ? [] : text.split(",")) {
    const def = fieldByUrlKey(token);
    if (!def) report(`unknown column \`${token}\``);
    else if (columns.includes(def.name)) report(`\`${token}\` is listed twice`);
    else columns.push(def.name);
  }
  if (columns.length > 0) return columns;
  report("names no known column");
  return DEFAULT_COLUMNS;
}
