/**
 * The one query function (filter + sort) and facet counts, over an index built once per data
 * load. All per-row work that does not depend on the view (product ids, folded text, sort
 * keys) happens once per field, the first time a view needs it, so every later query only
 * compares numbers and does substring checks.
 */
import { productByNameId, productNameIdOf, type UsedCode, type UsedCodeField } from "@voucher-desk/digicert";
import { FIELDS, type FieldKind, fieldDef, isNumericField } from "./fields.js";
import type { FieldFilter, ViewState } from "./view.js";

/**
 * The rows of one data load with precomputed filter and sort keys. Build it once per load
 * and run every view against it.
 */
export interface UsedCodeIndex {
  readonly rows: readonly UsedCode[];
  /** Product name_id per row (catalog id, or the derived id for unknown names), null if blank. */
  readonly productIds: readonly (string | null)[];
  /** name_id → display name, for every product present in the rows. */
  readonly productNames: ReadonlyMap<string, string>;
}

/** Marks a blank in a numeric sort key; tested with Number.isNaN, since NaN never equals itself. */
const BLANK = Number.NaN;
/** How many search answers an index keeps for narrowing (each at most 4 bytes per row). */
const RECENT_SEARCHES = 8;
/** Joins the searchable fields of a row so that `q` cannot match across two fields. */
const SEARCH_SEPARATOR = "\u0000";

class Index implements UsedCodeIndex {
  #productIds: readonly (string | null)[] | undefined;
  #productNames: ReadonlyMap<string, string> | undefined;
  readonly #sortKeys = new Map<UsedCodeField, Float64Array>();
  readonly #orders = new Map<UsedCodeField, SortOrder>();
  readonly #choices = new Map<UsedCodeField, ChoiceCodes>();
  readonly #textKeys = new Map<string, (string | null)[]>();
  #searchText: string[] | undefined;
  /** Recent search answers by folded needle, oldest first. */
  readonly #searches = new Map<string, Uint32Array>();

  /** Nothing is computed here: the first paint of 100,000 codes needs only the id order. */
  constructor(readonly rows: readonly UsedCode[]) {}

  get productIds(): readonly (string | null)[] {
    if (!this.#productIds) this.#readProducts();
    return this.#productIds as readonly (string | null)[];
  }

  get productNames(): ReadonlyMap<string, string> {
    if (!this.#productNames) this.#readProducts();
    return this.#productNames as ReadonlyMap<string, string>;
  }

  #readProducts(): void {
    const names = new Map<string, string>();
    // Many rows share a product name: derive each name's id once.
    const idOfName = new Map<string, string>();
    this.#productIds = this.rows.map((row) => {
      const name = row.product_name;
      if (name === null || name === undefined) return null;
      let id = idOfName.get(name);
      if (id === undefined) {
        id = productNameIdOf(name);
        idOfName.set(name, id);
        if (!names.has(id)) names.set(id, productByNameId(id)?.displayName ?? name);
      }
      return id;
    });
    this.#productNames = names;
  }

  /** Per row, a number whose order is the field's order; NaN for blank. */
  sortKey(field: UsedCodeField): Float64Array {
    let keys = this.#sortKeys.get(field);
    if (!keys) {
      keys = isNumericField(field) ? numericKeys(this.rows, field) : rankKeys(this.rows, field);
      this.#sortKeys.set(field, keys);
    }
    return keys;
  }

  /**
   * Every row in the field's ascending order (blanks last, ties by id, then by position): a
   * single-key sort of any view is then one walk over it instead of a comparison sort.
   */
  order(field: UsedCodeField): SortOrder {
    let order = this.#orders.get(field);
    if (!order) {
      order =
        field === "id"
          ? sortOrder(this.sortKey("id"), null)
          : (countingOrder(this.sortKey(field), this.order("id").rows) ??
            sortOrder(this.sortKey(field), this.sortKey("id")));
      this.#orders.set(field, order);
    }
    return order;
  }

  /**
   * The value a `values` filter and a facet compare (the product id, or the value as text) per
   * row, as a small integer: filters and facets then compare numbers, not strings.
   */
  choiceCodes(field: UsedCodeField): ChoiceCodes {
    let choice = this.#choices.get(field);
    if (!choice) {
      const products = this.productIds;
      choice = choiceCodes(this.rows, (row, i) => {
        if (field === "product_name") return products[i] ?? null;
        const value = row[field];
        return value === null || value === undefined ? null : String(value);
      });
      this.#choices.set(field, choice);
    }
    return choice;
  }

  /** Per row, the field's text folded (case and accents) for contains filters. */
  folded(field: UsedCodeField): readonly (string | null)[] {
    return this.#textKey("folded", field, foldText);
  }

  /** Per row, the id in canonical digits (no leading zeros), for exact id matches at any length. */
  exactKeys(field: UsedCodeField): readonly (string | null)[] {
    return this.#textKey("exact", field, canonicalDigits);
  }

  /** Per row, the searchable fields joined, then folded (one fold per row, not per field). */
  searchText(): readonly string[] {
    if (!this.#searchText) {
      const fields = FIELDS.filter((f) => f.searchable).map((f) => f.name);
      this.#searchText = this.rows.map((row) => {
        let text = "";
        for (const field of fields) text += `${row[field] ?? ""}${SEARCH_SEPARATOR}`;
        return foldText(text);
      });
    }
    return this.#searchText;
  }

  /**
   * The rows, ascending, whose search text contains `needle` (folded, not empty). A needle
   * that contains an earlier one can only match rows the earlier one matched, so typing on in
   * the box scans the last answer instead of every row; the last few answers are kept.
   */
  searchMatches(needle: string): Uint32Array {
    const known = this.#searches.get(needle);
    if (known) return known;
    const text = this.searchText();
    let candidates: Uint32Array | null = null;
    for (const [earlier, rows] of this.#searches) {
      if (needle.includes(earlier) && (!candidates || rows.length < candidates.length)) candidates = rows;
    }
    const found: number[] = [];
    if (candidates) {
      for (const i of candidates) if ((text[i] as string).includes(needle)) found.push(i);
    } else {
      for (let i = 0; i < text.length; i++) if ((text[i] as string).includes(needle)) found.push(i);
    }
    const rows = Uint32Array.from(found);
    this.#searches.set(needle, rows);
    if (this.#searches.size > RECENT_SEARCHES)
      this.#searches.delete(this.#searches.keys().next().value as string);
    return rows;
  }

  /** One derived text per row (null stays null), computed the first time it is asked for. */
  #textKey(purpose: string, field: UsedCodeField, derive: (text: string) => string): (string | null)[] {
    const memoKey = `${purpose}:${field}`;
    let keys = this.#textKeys.get(memoKey);
    if (!keys) {
      keys = this.rows.map((row) => {
        const value = row[field];
        return value === null || value === undefined ? null : derive(String(value));
      });
      this.#textKeys.set(memoKey, keys);
    }
    return keys;
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the range is "every ASCII character" on purpose.
const ASCII = /^[\x00-\x7f]*$/;

/**
 * Combining marks except the kana voicing marks (U+3099, U+309A): "ガ" and "カ" are different
 * letters, not one letter with and without an accent.
 */
const ACCENTS = /(?![\u3099\u309a])\p{M}/gu;

/**
 * Text as it is compared and ordered: lower case without accents, so "sao paulo" finds
 * "São Paulo" and "muller" finds "Müller" (also when the accent was typed as its own mark).
 * NFKD splits letters from their accents and maps compatibility forms (fullwidth Latin,
 * halfwidth kana) to the plain ones; NFC afterwards puts kana and Hangul syllables back
 * together, so "가" does not find "각" by sharing its first jamo.
 */
function foldText(text: string): string {
  // Normalizing is the costly part and ASCII needs none: skip it for most ids, codes and hosts.
  if (ASCII.test(text)) return text.toLowerCase();
  // Lower case first: some capitals lower to a letter plus a mark ("İ" → "i" + U+0307).
  return text.toLowerCase().normalize("NFKD").replace(ACCENTS, "").normalize("NFC");
}

/**
 * "007" and "7" are the same id (DigiCert ids are numbers; "0" stays "0"); anything that is not
 * all digits is kept as it is. The exact-id filter and the BFF's order route both read ids so.
 */
export function canonicalDigits(text: string): string {
  return /^\d+$/.test(text) ? text.replace(/^0+(?=\d)/, "") : text;
}

function numericKeys(rows: readonly UsedCode[], field: UsedCodeField): Float64Array {
  const keys = new Float64Array(rows.length);
  rows.forEach((row, i) => {
    const value = row[field];
    keys[i] = typeof value === "number" && Number.isFinite(value) ? value : BLANK;
  });
  return keys;
}

/**
 * Sort keys for string fields: each distinct value's rank in the field's order. Ids held as
 * strings (certificate_order_id may outgrow a JS number) order by length, then digits; dates
 * order as their wall-clock strings; text orders case- and accent-insensitively, with the raw
 * value as tie-break so the order never depends on the runtime's locale.
 */
function rankKeys(rows: readonly UsedCode[], field: UsedCodeField): Float64Array {
  const kind = fieldDef(field).kind;
  if (kind === "id") {
    const keys = idKeys(rows, field);
    if (keys) return keys;
  }
  const distinct = new Map<string, string>();
  for (const row of rows) {
    const value = row[field];
    if (value === null || value === undefined) continue;
    const text = String(value);
    if (!distinct.has(text)) distinct.set(text, sortText(kind, text));
  }
  const ordered = [...distinct].sort(
    ([rawA, keyA], [rawB, keyB]) => compareText(keyA, keyB) || compareText(rawA, rawB),
  );
  const rank = new Map(ordered.map(([raw], i) => [raw, i]));
  const keys = new Float64Array(rows.length);
  rows.forEach((row, i) => {
    const value = row[field];
    keys[i] = value === null || value === undefined ? BLANK : (rank.get(String(value)) ?? BLANK);
  });
  return keys;
}

/** Canonical ids of up to 15 digits: exact as numbers, and below LONG_IDS. */
const SHORT_ID = /^(?:0|[1-9]\d{0,14})$/;
/** Every id of 16 or more canonical digits is at least this; their ranks are placed from here. */
const LONG_IDS = 1e15;

/**
 * The same order as ranking every id as text, without sorting 100,000 strings: ids that fit in
 * 15 digits are their own key, and only the rest (longer ids, non-digit ones) are ranked, above
 * them. Null when an id has leading zeros: "007" must sort beside 7, so the text ranking decides.
 */
function idKeys(rows: readonly UsedCode[], field: UsedCodeField): Float64Array | null {
  const keys = new Float64Array(rows.length);
  const long = new Map<string, string>();
  for (let i = 0; i < rows.length; i++) {
    const value = rows[i]?.[field];
    if (value === null || value === undefined) {
      keys[i] = BLANK;
      continue;
    }
    const text = String(value);
    if (SHORT_ID.test(text)) keys[i] = Number(text);
    else if (/^0\d/.test(text)) return null;
    else if (!long.has(text)) long.set(text, idSortText(text));
  }
  if (long.size === 0) return keys;
  const ordered = [...long].sort(
    ([rawA, keyA], [rawB, keyB]) => compareText(keyA, keyB) || compareText(rawA, rawB),
  );
  const rank = new Map(ordered.map(([raw], i) => [raw, LONG_IDS + i]));
  for (let i = 0; i < rows.length; i++) {
    const value = rows[i]?.[field];
    if (value === null || value === undefined) continue;
    const longRank = rank.get(String(value));
    if (longRank !== undefined) keys[i] = longRank;
  }
  return keys;
}

/** Digits sort by length then lexically, which is numeric order at any length. */
function idSortText(id: string): string {
  const digits = canonicalDigits(id);
  // Non-digit ids (never seen upstream) still get a stable place: after every numeric id.
  return /^\d+$/.test(digits) ? `${String(digits.length).padStart(6, "0")}:${digits}` : `~${id}`;
}

/** What a string field's value sorts by: dates as sent (their format orders them), ids by number. */
function sortText(kind: FieldKind, text: string): string {
  if (kind === "id") return idSortText(text);
  if (kind === "date" || kind === "datetime") return text;
  return foldText(text);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A field's rows in ascending order; the first `present` hold a value, the rest are blank. */
interface SortOrder {
  readonly rows: Uint32Array;
  readonly present: number;
}

/** Blanks last; two blanks tie; otherwise ascending. */
function compareKeys(x: number, y: number): number {
  if (x === y) return 0;
  const xBlank = Number.isNaN(x);
  const yBlank = Number.isNaN(y);
  if (xBlank || yBlank) return xBlank && yBlank ? 0 : xBlank ? 1 : -1;
  return x < y ? -1 : 1;
}

function sortOrder(keys: Float64Array, ids: Float64Array | null): SortOrder {
  const rows = new Uint32Array(keys.length);
  let present = 0;
  // Rows already in order (the BFF sends them by id) need no sort: ~12 ms at 100,000 ids.
  let ascending = true;
  for (let i = 0; i < rows.length; i++) {
    rows[i] = i;
    const key = keys[i] as number;
    if (!Number.isNaN(key)) present++;
    if (ascending && i > 0 && !(key > (keys[i - 1] as number))) ascending = false;
  }
  if (ascending) return { rows, present };
  rows.sort(
    (a, b) =>
      compareKeys(keys[a] as number, keys[b] as number) ||
      (ids ? compareKeys(ids[a] as number, ids[b] as number) : 0) ||
      a - b,
  );
  return { rows, present };
}

/**
 * The same order as sortOrder without comparing: when the keys are small whole numbers (every
 * text, date and id rank, and counts such as validity years), rows are dealt into one bucket
 * per key, visited in id order so that ties keep it. Linear; null when the keys are not small.
 */
function countingOrder(keys: Float64Array, byId: Uint32Array): SortOrder | null {
  const limit = 4 * keys.length;
  let present = 0;
  let max = 0;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as number;
    if (Number.isNaN(key)) continue;
    if (!Number.isInteger(key) || key < 0 || key > limit) return null;
    present++;
    if (key > max) max = key;
  }
  // next[k] = where the next row with key k goes; blanks go after every present row.
  const next = new Uint32Array(max + 2);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as number;
    if (!Number.isNaN(key)) next[key + 1] = (next[key + 1] as number) + 1;
  }
  for (let k = 1; k < next.length; k++) next[k] = (next[k] as number) + (next[k - 1] as number);
  const rows = new Uint32Array(keys.length);
  let blank = present;
  for (const i of byId) {
    const key = keys[i] as number;
    if (Number.isNaN(key)) rows[blank++] = i;
    else {
      rows[next[key] as number] = i;
      next[key] = (next[key] as number) + 1;
    }
  }
  return { rows, present };
}

interface ChoiceCodes {
  /** Per row, an index into `values`. */
  readonly codes: Uint32Array;
  /** The distinct keys, null for blank. */
  readonly values: readonly (string | null)[];
}

function choiceCodes(
  rows: readonly UsedCode[],
  keyOf: (row: UsedCode, i: number) => string | null,
): ChoiceCodes {
  const codeOf = new Map<string | null, number>();
  const codes = new Uint32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const key = keyOf(rows[i] as UsedCode, i);
    let code = codeOf.get(key);
    if (code === undefined) {
      code = codeOf.size;
      codeOf.set(key, code);
    }
    codes[i] = code;
  }
  return { codes, values: [...codeOf.keys()] };
}

type RowTest = (i: number) => boolean;

function asIndex(index: UsedCodeIndex): Index {
  if (index instanceof Index) return index;
  throw new TypeError("Build the index with buildIndex(rows) before querying it.");
}

/** The test one field's filter applies to a row, or null when the filter is inactive. */
function filterTest(index: Index, field: UsedCodeField, filter: FieldFilter): RowTest | null {
  const rows = index.rows;
  switch (filter.type) {
    case "blank":
      return codeTest(index.choiceCodes(field), [null]);
    case "values":
      return filter.values.length === 0 ? null : codeTest(index.choiceCodes(field), filter.values);
    case "contains": {
      const needle = foldText(filter.text);
      if (needle === "") return null;
      const folded = index.folded(field);
      return (i) => folded[i]?.includes(needle) ?? false;
    }
    case "exact": {
      const wanted = canonicalDigits(filter.value);
      const keys = index.exactKeys(field);
      return (i) => keys[i] === wanted;
    }
    case "dateRange": {
      const { from, to } = filter;
      if (from === null && to === null) return null;
      // Compare the day part of the wall-clock string, so the `to` day is included whole.
      return (i) => {
        const value = rows[i]?.[field];
        if (typeof value !== "string") return false;
        const day = value.slice(0, 10);
        return (from === null || day >= from) && (to === null || day <= to);
      };
    }
    case "numberRange": {
      const { min, max } = filter;
      if (min === null && max === null) return null;
      const keys = index.sortKey(field);
      return (i) => {
        const value = keys[i] as number;
        return !Number.isNaN(value) && (min === null || value >= min) && (max === null || value <= max);
      };
    }
  }
}

/** Rows whose key is one of `wanted`, tested through a per-code table. */
function codeTest({ codes, values }: ChoiceCodes, wanted: readonly (string | null)[]): RowTest {
  const chosen = new Set(wanted);
  const hit = Uint8Array.from(values, (value) => (chosen.has(value) ? 1 : 0));
  return (i) => hit[codes[i] as number] === 1;
}

function rowTests(index: Index, view: ViewState, except?: UsedCodeField): RowTest[] {
  const tests: RowTest[] = [];
  const needle = foldText(view.q.trim());
  if (needle !== "") {
    const found = new Uint8Array(index.rows.length);
    for (const i of index.searchMatches(needle)) found[i] = 1;
    tests.push((i) => found[i] === 1);
  }
  for (const def of FIELDS) {
    const filter = view.filters[def.name];
    if (!filter || def.name === except) continue;
    const test = filterTest(index, def.name, filter);
    if (test) tests.push(test);
  }
  return tests;
}

function matchingRows(index: Index, tests: readonly RowTest[]): number[] {
  const matches: number[] = [];
  const n = index.rows.length;
  outer: for (let i = 0; i < n; i++) {
    for (const test of tests) if (!test(i)) continue outer;
    matches.push(i);
  }
  return matches;
}

export function buildIndex(rows: readonly UsedCode[]): UsedCodeIndex {
  return new Index(rows);
}

/**
 * The index's lazy work as separate steps (the sort order of each column shown by default,
 * the search text, the codes of facet fields, the folded text of contains filters), for a caller with idle time to
 * spend them in: the browser runs one per idle callback after the first paint, so the first
 * sort by a column or the first search keystroke finds its keys ready. Running them is
 * optional; a query computes whatever is missing itself, with the same result. Columns hidden
 * by default are left to their first use: their keys would cost memory most sessions never use.
 */
export function indexWarmUpSteps(index: UsedCodeIndex): (() => void)[] {
  const idx = asIndex(index);
  return [
    // Cheapest first (numbers, ids and dates need no text sort), so most columns are ready soon.
    ...FIELDS.filter((f) => f.defaultVisible)
      .sort((a, b) => warmUpCost(a.kind) - warmUpCost(b.kind))
      .map((f) => () => void idx.order(f.name)),
    () => void idx.searchText(),
    ...FIELDS.filter((f) => f.filter === "product" || f.filter === "enum").map(
      (f) => () => void idx.choiceCodes(f.name),
    ),
    ...FIELDS.filter((f) => f.filter === "text").map((f) => () => void idx.folded(f.name)),
  ];
}

function warmUpCost(kind: FieldKind): number {
  return kind === "text" || kind === "enum" ? 1 : 0;
}

/** The one query function: the rows matching every filter of `view`, sorted by its sort list. */
export function queryUsedCodes(index: UsedCodeIndex, view: ViewState): UsedCode[] {
  const idx = asIndex(index);
  const tests = rowTests(idx, view);
  const [only, ...more] = view.sort;
  const rows = more.length === 0 ? walkOrder(idx, tests, only ?? ID_ASC) : sortedMatches(idx, tests, view);
  return Array.from(rows, (i) => idx.rows[i] as UsedCode);
}

const ID_ASC = { field: "id", dir: "asc" } as const;

/**
 * One sort key: the field's precomputed order, walked forwards (ascending) or group by group
 * from its last value (descending: equal values keep their id order and blanks stay last),
 * keeping the rows that pass every test. Linear in the rows, whatever the key.
 */
function walkOrder(index: Index, tests: readonly RowTest[], key: ViewState["sort"][number]): number[] {
  const { rows: order, present } = index.order(key.field);
  const out: number[] = [];
  const take = (from: number, to: number) => {
    outer: for (let p = from; p < to; p++) {
      const i = order[p] as number;
      for (const test of tests) if (!test(i)) continue outer;
      out.push(i);
    }
  };
  if (key.dir === "asc") {
    take(0, order.length);
    return out;
  }
  const keys = index.sortKey(key.field);
  let end = present;
  while (end > 0) {
    const value = keys[order[end - 1] as number];
    let start = end - 1;
    while (start > 0 && keys[order[start - 1] as number] === value) start--;
    take(start, end);
    end = start;
  }
  take(present, order.length);
  return out;
}

/** Several sort keys: a comparison sort of the matching rows, ties ending on id. */
function sortedMatches(index: Index, tests: readonly RowTest[], view: ViewState): number[] {
  const matches = matchingRows(index, tests);
  const keys = view.sort
    .filter((s) => s.field !== "id")
    .map((s) => ({ key: index.sortKey(s.field), sign: s.dir === "desc" ? -1 : 1 }));
  // Ties end on id; if id is itself in the sort list, its direction holds from its position on.
  const idPosition = view.sort.findIndex((s) => s.field === "id");
  const idSign = idPosition >= 0 && view.sort[idPosition]?.dir === "desc" ? -1 : 1;
  const beforeId = idPosition >= 0 ? idPosition : keys.length;
  const sortKeys = [
    ...keys.slice(0, beforeId),
    { key: index.sortKey("id"), sign: idSign },
    ...keys.slice(beforeId),
  ];
  matches.sort((a, b) => {
    for (const { key, sign } of sortKeys) {
      const x = key[a] as number;
      const y = key[b] as number;
      if (x === y) continue;
      // Blanks (NaN) go last whichever the direction; two blanks tie.
      const c = compareKeys(x, y);
      if (c !== 0) return Number.isNaN(x) || Number.isNaN(y) ? c : c * sign;
    }
    return a - b;
  });
  return matches;
}

/**
 * Counts per value of `field` over the rows matching every OTHER active filter (and `q`).
 * Keys are in filter form: product name_ids, raw strings, numbers as decimal strings; null is
 * "(blank)". Choosing a key in a `values` filter yields exactly that many rows.
 */
export function facetCounts(
  index: UsedCodeIndex,
  view: ViewState,
  field: UsedCodeField,
): Map<string | null, number> {
  const idx = asIndex(index);
  const { codes, values } = idx.choiceCodes(field);
  const perCode = new Uint32Array(values.length);
  for (const i of matchingRows(idx, rowTests(idx, view, field))) {
    const code = codes[i] as number;
    perCode[code] = (perCode[code] as number) + 1;
  }
  const counts = new Map<string | null, number>();
  values.forEach((value, code) => {
    if ((perCode[code] as number) > 0) counts.set(value, perCode[code] as number);
  });
  return counts;
}
