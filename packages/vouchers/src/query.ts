/**
 * The one query function (filter + sort) and facet counts, over an index built once per data
 * load. All per-row work that does not depend on the view (product ids, folded text, sort
 * keys) happens once per field, the first time a view needs it, so every later query only
 * compares numbers and does substring checks. That work is written as slices (generators that
 * yield every few thousand rows), so the browser can also run it ahead in idle time without
 * ever holding the main thread for more than a slice.
 */
import { productByNameId, productNameIdOf, type UsedCode, type UsedCodeField } from "@voucher-desk/digicert";
import { FIELDS, type FieldKind, fieldDef, isNumericField } from "./fields.js";
import { identity, Lazy, type Slices, sliceEnds, sortIndices } from "./slices.js";
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

interface ProductIds {
  readonly ids: readonly (string | null)[];
  readonly names: ReadonlyMap<string, string>;
}

class Index implements UsedCodeIndex {
  readonly #lazy = new Map<string, Lazy<unknown>>();
  /** Recent search answers by folded needle, oldest first. */
  readonly #searches = new Map<string, Uint32Array>();

  /** Nothing is computed here: the first paint of 100,000 codes needs only the id order. */
  constructor(readonly rows: readonly UsedCode[]) {}

  get productIds(): readonly (string | null)[] {
    return this.products.get().ids;
  }

  get productNames(): ReadonlyMap<string, string> {
    return this.products.get().names;
  }

  /** The one lazy value stored under `key`, made by `make` the first time it is asked for. */
  #once<T>(key: string, make: () => Slices<T>): Lazy<T> {
    let lazy = this.#lazy.get(key) as Lazy<T> | undefined;
    if (!lazy) {
      lazy = new Lazy(make);
      this.#lazy.set(key, lazy as Lazy<unknown>);
    }
    return lazy;
  }

  get products(): Lazy<ProductIds> {
    return this.#once("products", () => readProducts(this.rows));
  }

  /** Per row, a number whose order is the field's order; NaN for blank. */
  sortKey(field: UsedCodeField): Float64Array {
    return this.sortKeyOf(field).get();
  }

  sortKeyOf(field: UsedCodeField): Lazy<Float64Array> {
    return this.#once(`sortKey:${field}`, () =>
      isNumericField(field) ? numericKeys(this.rows, field) : rankKeys(this.rows, field),
    );
  }

  /**
   * Every row in the field's ascending order (blanks last, ties by id, then by position): a
   * single-key sort of any view is then one walk over it instead of a comparison sort.
   */
  order(field: UsedCodeField): SortOrder {
    return this.orderOf(field).get();
  }

  orderOf(field: UsedCodeField): Lazy<SortOrder> {
    return this.#once(`order:${field}`, () => this.#buildOrder(field));
  }

  *#buildOrder(field: UsedCodeField): Slices<SortOrder> {
    const keys = yield* this.sortKeyOf(field).slices();
    // Ties keep the id order; the id order's own ties (duplicate ids) keep the rows' positions.
    const visit = field === "id" ? null : (yield* this.orderOf("id").slices()).rows;
    return yield* bucketOrder(keys, visit);
  }

  /**
   * The value a `values` filter and a facet compare (the product id, or the value as text) per
   * row, as a small integer: filters and facets then compare numbers, not strings.
   */
  choiceCodes(field: UsedCodeField): ChoiceCodes {
    return this.choiceCodesOf(field).get();
  }

  choiceCodesOf(field: UsedCodeField): Lazy<ChoiceCodes> {
    return this.#once(`choice:${field}`, () => this.#buildChoiceCodes(field));
  }

  *#buildChoiceCodes(field: UsedCodeField): Slices<ChoiceCodes> {
    if (field === "product_name") {
      const { ids } = yield* this.products.slices();
      return yield* choiceCodes(this.rows, (_row, i) => ids[i] ?? null);
    }
    return yield* choiceCodes(this.rows, (row) => {
      const value = row[field];
      return value === null || value === undefined ? null : String(value);
    });
  }

  /** Per row, the field's text folded (case and accents) for contains filters. */
  folded(field: UsedCodeField): readonly (string | null)[] {
    return this.foldedOf(field).get();
  }

  foldedOf(field: UsedCodeField): Lazy<(string | null)[]> {
    return this.#once(`folded:${field}`, () => textKeys(this.rows, field, foldText));
  }

  /** Per row, the id in canonical digits (no leading zeros), for exact id matches at any length. */
  exactKeys(field: UsedCodeField): readonly (string | null)[] {
    return this.#once(`exact:${field}`, () => textKeys(this.rows, field, canonicalDigits)).get();
  }

  /** Per row, the searchable fields joined, then folded (one fold per row, not per field). */
  searchText(): readonly string[] {
    return this.searchTextOf().get();
  }

  searchTextOf(): Lazy<string[]> {
    return this.#once("search", () => searchTexts(this.rows));
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
}

function* readProducts(rows: readonly UsedCode[]): Slices<ProductIds> {
  const names = new Map<string, string>();
  // Many rows share a product name: derive each name's id once.
  const idOfName = new Map<string, string>();
  const ids: (string | null)[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const name = rows[i]?.product_name;
    if (name === null || name === undefined) {
      ids[i] = null;
    } else {
      let id = idOfName.get(name);
      if (id === undefined) {
        id = productNameIdOf(name);
        idOfName.set(name, id);
        if (!names.has(id)) names.set(id, productByNameId(id)?.displayName ?? name);
      }
      ids[i] = id;
    }
    if (sliceEnds(i)) yield;
  }
  return { ids, names };
}

/** One derived text per row (null stays null). */
function* textKeys(
  rows: readonly UsedCode[],
  field: UsedCodeField,
  derive: (text: string) => string,
): Slices<(string | null)[]> {
  const keys: (string | null)[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const value = rows[i]?.[field];
    keys[i] = value === null || value === undefined ? null : derive(String(value));
    if (sliceEnds(i)) yield;
  }
  return keys;
}

function* searchTexts(rows: readonly UsedCode[]): Slices<string[]> {
  const fields = FIELDS.filter((f) => f.searchable).map((f) => f.name);
  const texts: string[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as UsedCode;
    let text = "";
    for (const field of fields) text += `${row[field] ?? ""}${SEARCH_SEPARATOR}`;
    texts[i] = foldText(text);
    if (sliceEnds(i)) yield;
  }
  return texts;
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

function* numericKeys(rows: readonly UsedCode[], field: UsedCodeField): Slices<Float64Array> {
  const keys = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const value = rows[i]?.[field];
    keys[i] = typeof value === "number" && Number.isFinite(value) ? value : BLANK;
    if (sliceEnds(i)) yield;
  }
  return keys;
}

/**
 * Sort keys for string fields: each distinct value's rank in the field's order. Ids held as
 * strings (certificate_order_id may outgrow a JS number) order by length, then digits; dates
 * order as their wall-clock strings; text orders case- and accent-insensitively, with the raw
 * value as tie-break so the order never depends on the runtime's locale.
 */
function* rankKeys(rows: readonly UsedCode[], field: UsedCodeField): Slices<Float64Array> {
  const kind = fieldDef(field).kind;
  if (kind === "id") {
    const keys = yield* idKeys(rows, field);
    if (keys) return keys;
  }
  if (kind === "date" || kind === "datetime") {
    const keys = yield* sameShapeDigitKeys(rows, field);
    if (keys) return keys;
  }
  const distinct = new Map<string, string>();
  for (let i = 0; i < rows.length; i++) {
    const value = rows[i]?.[field];
    if (value !== null && value !== undefined) {
      const text = String(value);
      if (!distinct.has(text)) distinct.set(text, sortText(kind, text));
    }
    if (sliceEnds(i)) yield;
  }
  const rank = yield* ranksOf(distinct, 0);
  // This keyOf never gives up, so there are always keys.
  return (yield* keysOfText(rows, field, (text) => rank.get(text) ?? BLANK)) as Float64Array;
}

/**
 * Per row, `keyOf` of the field's value as text (blank for a blank), in slices; null as soon as
 * `keyOf` gives up on a value (returns null), so the caller can take another way.
 */
function* keysOfText(
  rows: readonly UsedCode[],
  field: UsedCodeField,
  keyOf: (text: string) => number | null,
): Slices<Float64Array | null> {
  const keys = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const value = rows[i]?.[field];
    if (value === null || value === undefined) {
      keys[i] = BLANK;
    } else {
      const key = keyOf(String(value));
      if (key === null) return null;
      keys[i] = key;
    }
    if (sliceEnds(i)) yield;
  }
  return keys;
}

/**
 * Each raw value's rank (from `first`) in the order of its sort text, the raw value breaking
 * ties: `keyOf` maps raw → sort text.
 */
function* ranksOf(keyOf: ReadonlyMap<string, string>, first: number): Slices<Map<string, number>> {
  const raws = [...keyOf.keys()];
  yield;
  const keys = [...keyOf.values()];
  yield;
  const order = yield* sortIndices(raws.length, (a, b) => {
    const keyA = keys[a] as string;
    const keyB = keys[b] as string;
    if (keyA !== keyB) return keyA < keyB ? -1 : 1;
    return compareText(raws[a] as string, raws[b] as string);
  });
  const rank = new Map<string, number>();
  for (let r = 0; r < order.length; r++) {
    rank.set(raws[order[r] as number] as string, first + r);
    if (sliceEnds(r)) yield;
  }
  return rank;
}

/**
 * Dates that all share one shape ("2024-06-01 09:30:00": the same length, the same separators
 * at the same places, digits everywhere else) order as their text exactly when the numbers
 * their digits spell do, so those numbers are the keys and no text is sorted (a column of
 * 100,000 distinct times: ~160 ms of sorting strings in Node). Null when any value differs in
 * shape, or spells more digits than a number holds exactly: the text ranking decides then.
 */
function* sameShapeDigitKeys(rows: readonly UsedCode[], field: UsedCodeField): Slices<Float64Array | null> {
  let shape: string | undefined;
  return yield* keysOfText(rows, field, (text) => {
    shape ??= text.replace(/\d/g, "0");
    if (text.length !== shape.length) return null;
    let number = 0;
    let digits = 0;
    for (let c = 0; c < text.length; c++) {
      const code = text.charCodeAt(c);
      if (shape.charCodeAt(c) === 48) {
        if (code < 48 || code > 57) return null;
        number = number * 10 + (code - 48);
        digits++;
      } else if (code !== shape.charCodeAt(c)) {
        return null;
      }
    }
    return digits > SHORT_ID_DIGITS ? null : number;
  });
}

/** Canonical ids of up to this many digits are exact as numbers, and below LONG_IDS. */
const SHORT_ID_DIGITS = 15;
/** Every id of 16 or more canonical digits is at least this; their ranks are placed from here. */
const LONG_IDS = 1e15;

/**
 * The same order as ranking every id as text, without sorting 100,000 strings: ids that fit in
 * 15 digits are their own key, and only the rest (longer ids, non-digit ones) are ranked, above
 * them. Null when an id has leading zeros: "007" must sort beside 7, so the text ranking decides.
 */
function* idKeys(rows: readonly UsedCode[], field: UsedCodeField): Slices<Float64Array | null> {
  const long = new Map<string, string>();
  const keys = yield* keysOfText(rows, field, (text) => {
    const short = shortIdValue(text);
    if (!Number.isNaN(short)) return short;
    if (/^0\d/.test(text)) return null;
    // Ranked below, once every long id is known.
    if (!long.has(text)) long.set(text, idSortText(text));
    return BLANK;
  });
  if (!keys || long.size === 0) return keys;
  const rank = yield* ranksOf(long, LONG_IDS);
  for (let i = 0; i < rows.length; i++) {
    const value = rows[i]?.[field];
    if (value !== null && value !== undefined) {
      const longRank = rank.get(String(value));
      if (longRank !== undefined) keys[i] = longRank;
    }
    if (sliceEnds(i)) yield;
  }
  return keys;
}

/**
 * The number a canonical id of up to 15 digits ("0", or no leading zero) stands for, else NaN.
 * Read digit by digit: a regular expression and Number() per row were most of the ~35 ms a first
 * sort by certificate order took at 100,000 rows.
 */
function shortIdValue(text: string): number {
  const length = text.length;
  if (length === 0 || length > SHORT_ID_DIGITS || (length > 1 && text.charCodeAt(0) === 48)) return BLANK;
  let value = 0;
  for (let i = 0; i < length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return BLANK;
    value = value * 10 + digit;
  }
  return value;
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

/**
 * The rows in ascending key order, blanks last, ties in `visit` order (positions when null),
 * without comparing rows: small whole-number keys (text, date and long-id ranks, counts such as
 * validity years) are dealt into one bucket each; other whole numbers (ids, up to 2^53) are
 * ordered by a stable radix sort on 11 bits at a time; any others (negative or fractional) are
 * first replaced by their rank among the distinct keys. At 100,000 rows in Node a comparison
 * sort took ~27 ms, the radix sort ~3 ms.
 */
function* bucketOrder(keys: Float64Array, visit: Uint32Array | null): Slices<SortOrder> {
  // Rows already in order (the BFF sends them by id) need nothing: ~12 ms at 100,000 ids.
  if (visit === null && (yield* strictlyAscending(keys)))
    return { rows: identity(keys.length), present: keys.length };
  const positions = visit ?? identity(keys.length);
  const order = (yield* countingOrder(keys, positions)) ?? (yield* radixOrder(keys, positions));
  if (order) return order;
  const ranked = yield* countingOrder(yield* denseRanks(keys), positions);
  if (!ranked) throw new Error("dense ranks are small whole numbers");
  return ranked;
}

const RADIX_BITS = 11;
const RADIX = 2 ** RADIX_BITS;
const TWO_TO_32 = 2 ** 32;

/**
 * A stable LSD radix sort of the rows with a key (in `visit` order) by keys that are whole
 * numbers from 0 to 2^53, blanks after them in `visit` order; null when a key is not such a
 * number. Only as many 11-bit passes as the largest key needs.
 */
function* radixOrder(keys: Float64Array, visit: Uint32Array): Slices<SortOrder | null> {
  let max = 0;
  let present = 0;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as number;
    if (!Number.isNaN(key)) {
      if (!Number.isSafeInteger(key) || key < 0) return null;
      present++;
      if (key > max) max = key;
    }
    if (sliceEnds(i)) yield;
  }
  // Each key as two 32-bit halves; a pass reads 11 bits of one half.
  const low = new Uint32Array(keys.length);
  const high = new Uint32Array(keys.length);
  let from = new Uint32Array(present);
  let to = new Uint32Array(present);
  const rows = new Uint32Array(keys.length);
  let filled = 0;
  let blank = present;
  for (let p = 0; p < visit.length; p++) {
    const i = visit[p] as number;
    const key = keys[i] as number;
    if (Number.isNaN(key)) rows[blank++] = i;
    else {
      low[i] = key % TWO_TO_32;
      high[i] = Math.floor(key / TWO_TO_32);
      from[filled++] = i;
    }
    if (sliceEnds(p)) yield;
  }
  const passes: [Uint32Array, number][] = [];
  for (let shift = 0; shift < 32 && 2 ** shift <= max; shift += RADIX_BITS) passes.push([low, shift]);
  for (let shift = 0; shift < 21 && TWO_TO_32 * 2 ** shift <= max; shift += RADIX_BITS)
    passes.push([high, shift]);
  for (const [half, shift] of passes) {
    const next = new Uint32Array(RADIX + 1);
    for (let p = 0; p < present; p++) {
      const digit = ((half[from[p] as number] as number) >>> shift) & (RADIX - 1);
      next[digit + 1] = (next[digit + 1] as number) + 1;
      if (sliceEnds(p)) yield;
    }
    for (let d = 1; d <= RADIX; d++) next[d] = (next[d] as number) + (next[d - 1] as number);
    for (let p = 0; p < present; p++) {
      const i = from[p] as number;
      const digit = ((half[i] as number) >>> shift) & (RADIX - 1);
      to[next[digit] as number] = i;
      next[digit] = (next[digit] as number) + 1;
      if (sliceEnds(p)) yield;
    }
    [from, to] = [to, from];
  }
  rows.set(from);
  return { rows, present };
}

function* strictlyAscending(keys: Float64Array): Slices<boolean> {
  for (let i = 1; i < keys.length; i++) {
    // NaN (a blank) compares false, so a list with blanks is never "ascending".
    if (!((keys[i] as number) > (keys[i - 1] as number))) return false;
    if (sliceEnds(i)) yield;
  }
  return keys.length === 0 || !Number.isNaN(keys[0] as number);
}

/** Per row, its key's rank among the distinct keys (blank stays blank): the same order, small. */
function* denseRanks(keys: Float64Array): Slices<Float64Array> {
  const present = new Float64Array(keys.length);
  let count = 0;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as number;
    if (!Number.isNaN(key)) present[count++] = key;
    if (sliceEnds(i)) yield;
  }
  // A typed array's own sort is numeric and native: one call of a few ms at 100,000 keys.
  const distinct = present.subarray(0, count).sort();
  yield;
  let size = 0;
  for (let i = 0; i < count; i++) {
    if (size === 0 || distinct[i] !== distinct[size - 1]) distinct[size++] = distinct[i] as number;
    if (sliceEnds(i)) yield;
  }
  const ranks = new Float64Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as number;
    ranks[i] = Number.isNaN(key) ? BLANK : lowerBound(distinct, size, key);
    if (sliceEnds(i)) yield;
  }
  return ranks;
}

/** The first index in sorted `values[0…size)` whose value is not below `key`. */
function lowerBound(values: Float64Array, size: number, key: number): number {
  let low = 0;
  let high = size;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((values[mid] as number) < key) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Rows dealt into one bucket per key when the keys are small whole numbers, visited in
 * `byId` order so that ties keep it. Linear; null when the keys are not small.
 */
function* countingOrder(keys: Float64Array, byId: Uint32Array): Slices<SortOrder | null> {
  const limit = 4 * keys.length;
  let present = 0;
  let max = 0;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as number;
    if (!Number.isNaN(key)) {
      if (!Number.isInteger(key) || key < 0 || key > limit) return null;
      present++;
      if (key > max) max = key;
    }
    if (sliceEnds(i)) yield;
  }
  // next[k] = where the next row with key k goes; blanks go after every present row.
  const next = new Uint32Array(max + 2);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as number;
    if (!Number.isNaN(key)) next[key + 1] = (next[key + 1] as number) + 1;
    if (sliceEnds(i)) yield;
  }
  for (let k = 1; k < next.length; k++) next[k] = (next[k] as number) + (next[k - 1] as number);
  const rows = new Uint32Array(keys.length);
  let blank = present;
  for (let p = 0; p < byId.length; p++) {
    const i = byId[p] as number;
    const key = keys[i] as number;
    if (Number.isNaN(key)) rows[blank++] = i;
    else {
      rows[next[key] as number] = i;
      next[key] = (next[key] as number) + 1;
    }
    if (sliceEnds(p)) yield;
  }
  return { rows, present };
}

interface ChoiceCodes {
  /** Per row, an index into `values`. */
  readonly codes: Uint32Array;
  /** The distinct keys, null for blank. */
  readonly values: readonly (string | null)[];
}

function* choiceCodes(
  rows: readonly UsedCode[],
  keyOf: (row: UsedCode, i: number) => string | null,
): Slices<ChoiceCodes> {
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
    if (sliceEnds(i)) yield;
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
 * The index's lazy work, in slices of a few thousand rows (the sort order of each column shown
 * by default, the search text, the codes of facet fields, the folded text of contains
 * filters), for a caller with idle time to spend: the browser advances it while an idle
 * callback has time left, so the first sort by a column or the first search keystroke finds
 * its keys ready, and an input never waits behind more than one slice. Running it is optional;
 * a query computes whatever is missing itself (finishing a half-done key, not restarting it),
 * with the same result. Columns hidden by default are left to their first use: their keys
 * would cost memory most sessions never use.
 */
export function* indexWarmUp(index: UsedCodeIndex): Generator<void, void, void> {
  const idx = asIndex(index);
  // Cheapest first (numbers, ids and dates need no text sort), so most columns are ready soon.
  const shown = FIELDS.filter((f) => f.defaultVisible).sort(
    (a, b) => warmUpCost(a.kind) - warmUpCost(b.kind),
  );
  for (const f of shown) yield* idx.orderOf(f.name).slices();
  yield* idx.searchTextOf().slices();
  for (const f of FIELDS.filter((f) => f.filter === "product" || f.filter === "enum"))
    yield* idx.choiceCodesOf(f.name).slices();
  for (const f of FIELDS.filter((f) => f.filter === "text")) yield* idx.foldedOf(f.name).slices();
}

function warmUpCost(kind: FieldKind): number {
  return kind === "text" || kind === "enum" ? 1 : 0;
}

/** The one query function: the rows matching every filter of `view`, sorted by its sort list. */
export function queryUsedCodes(index: UsedCodeIndex, view: ViewState): UsedCode[] {
  const idx = asIndex(index);
  const tests = rowTests(idx, view);
  const [only, ...more] = view.sort;
  if (more.length === 0) return walkOrder(idx, tests, only ?? ID_ASC);
  return Array.from(sortedMatches(idx, tests, view), (i) => idx.rows[i] as UsedCode);
}

const ID_ASC = { field: "id", dir: "asc" } as const;

/**
 * One sort key: the field's precomputed order, walked forwards (ascending) or group by group
 * from its last value (descending: equal values keep their id order and blanks stay last),
 * keeping the rows that pass every test. Linear in the rows, whatever the key.
 */
function walkOrder(index: Index, tests: readonly RowTest[], key: ViewState["sort"][number]): UsedCode[] {
  const { rows: order, present } = index.order(key.field);
  const rows = index.rows;
  // The rows themselves, not their positions: one array of 100,000 fewer to allocate and collect.
  const out: UsedCode[] = [];
  const take = (from: number, to: number) => {
    outer: for (let p = from; p < to; p++) {
      const i = order[p] as number;
      for (const test of tests) if (!test(i)) continue outer;
      out.push(rows[i] as UsedCode);
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
