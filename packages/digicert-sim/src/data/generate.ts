import {
  CUSTOMERS,
  type Customer,
  FORMULA_COMMON_NAMES,
  FORMULA_CUSTOMERS,
  LONG_SUBDOMAIN,
  type MixedProduct,
  PRODUCT_WEIGHTS,
  SUBDOMAINS,
} from "./catalog.js";
import { type GeneratedUsedCode, NOT_ISSUED, SEED_ROWS } from "./generated-used-code.js";
import { createRandom, type Random } from "./random.js";
import { addYears, DAY_MS, formatDate, formatDateTime, parseWallClock } from "./wall-clock.js";

export interface GenerateOptions {
  /** How many used codes, the seed document's three rows included (when count >= 3). */
  count: number;
  /** Same seed, same rows, on any machine. */
  seed: string | number;
}

/** Far more than any partner account; the id scheme below stays consistent up to here. */
export const MAX_GENERATED_CODES = 250_000;

/** A code whose value a spreadsheet or a lax parser reads as the float 3.3e38. */
export const FLOAT_LOOKING_CODE = "333333333333333333333333333333E7";

const FIRST_ORDER_MS = parseWallClock("2021-06-01 00:00:00");
const LAST_ORDER_MS = parseWallClock("2026-09-30 23:59:59");
/** No certificate request after this, so the data never claims to come from the future. */
const LAST_REQUEST_MS = parseWallClock("2026-11-30 23:59:59");
/** CA/B Forum ballot SC-081: TLS certificates issued from this day live at most 200 days. */
const SHORTER_TLS_FROM_MS = parseWallClock("2026-03-15 00:00:00");

// The seed rows sit at fixed ids, dates and order numbers. Generated rows are numbered around
// them (counting down below, up above) so that ids still rise with time across the whole list.
const [SEED_FIRST, , SEED_LAST] = SEED_ROWS as [GeneratedUsedCode, GeneratedUsedCode, GeneratedUsedCode];
const SEED_FIRST_CREATED_MS = parseWallClock(SEED_FIRST.created_date);
const SEED_LAST_CREATED_MS = parseWallClock(SEED_LAST.created_date);
const SEED_FIRST_REQUEST_MS = parseWallClock(SEED_FIRST.cert_request_date);

const CODE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

interface OrderLine {
  product: MixedProduct;
  validityYears: number;
  validityDays: number;
  noOfFqdns: number;
  noOfWildcards: number;
  /** Some orders carry no_of_wildcards as a string, as the docs' type table says. */
  wildcardsAsString: boolean;
  serverLicenses: string | number;
  shippingMethod: GeneratedUsedCode["shipping_method"];
}

interface VoucherOrderPlan {
  createdMs: number;
  size: number;
  /** null for a reseller's bulk order: each code goes to a different customer. */
  customer: Customer | null;
  lines: OrderLine[];
}

interface Draft {
  row: GeneratedUsedCode;
  requestMs: number;
  /** Which voucher order the code belongs to (two orders may share a created_date). */
  order: VoucherOrderPlan;
}

/**
 * A deterministic, realistic list of used codes in DigiCert's raw shape, in id order.
 * Voucher orders hold several codes that share one `created_date` (bulk orders thousands);
 * plans run up to 6 years; some certificates are not issued yet (`" "` dates); ids, orders
 * and dates rise together around the seed document's three rows, which appear verbatim.
 */
export function generateUsedCodes({ count, seed }: GenerateOptions): GeneratedUsedCode[] {
  if (!Number.isInteger(count) || count < 0 || count > MAX_GENERATED_CODES) {
    throw new RangeError(`count must be an integer from 0 to ${MAX_GENERATED_CODES}, got ${count}`);
  }
  if (count < SEED_ROWS.length) return SEED_ROWS.slice(0, count).map((row) => ({ ...row }));

  const random = createRandom(seed);
  const plans = planVoucherOrders(random, count - SEED_ROWS.length);
  const before = plans.filter((plan) => plan.createdMs < SEED_FIRST_CREATED_MS);
  const after = plans.filter((plan) => plan.createdMs >= SEED_FIRST_CREATED_MS);

  const beforeDrafts = draftCodes(random, before);
  const afterDrafts = draftCodes(random, after);
  numberDownwards(random, beforeDrafts, SEED_FIRST.id - 1, SEED_FIRST.voucher_order_id - 1);
  numberUpwards(random, afterDrafts, SEED_LAST.id + 1, SEED_LAST.voucher_order_id + 1);

  const drafts = [...beforeDrafts, ...afterDrafts];
  assignCertificateOrderIds(random, drafts);
  const generated = drafts.map((draft) => draft.row);
  if (generated.length >= 10) {
    const target = generated[Math.floor(generated.length * 0.37)];
    if (target) target.value = FLOAT_LOOKING_CODE;
  }
  const seedRows = SEED_ROWS.map((row) => ({ ...row }));
  return [...generated.slice(0, beforeDrafts.length), ...seedRows, ...generated.slice(beforeDrafts.length)];
}

function planVoucherOrders(random: Random, codes: number): VoucherOrderPlan[] {
  const sizes: number[] = [];
  // No single order may swallow a small list: bulk orders scale down with the count.
  const largest = Math.min(2500, Math.max(26, Math.floor(codes / 4)));
  for (let left = codes; left > 0; ) {
    const size = Math.min(left, drawOrderSize(random, largest));
    sizes.push(size);
    left -= size;
  }
  const times = sizes
    .map(() => FIRST_ORDER_MS + Math.floor((random.next() * (LAST_ORDER_MS - FIRST_ORDER_MS)) / 1000) * 1000)
    .sort((a, b) => a - b)
    // The hour of the seed orders belongs to them (ids 49171-49177 are codes nobody used).
    .map((ms) =>
      ms >= SEED_FIRST_CREATED_MS && ms <= SEED_LAST_CREATED_MS ? SEED_LAST_CREATED_MS + 60_000 : ms,
    );
  return sizes.map((size, index) => {
    const bulk = size > 200;
    return {
      createdMs: times[index] ?? FIRST_ORDER_MS,
      size,
      customer: bulk ? null : drawCustomer(random),
      lines: Array.from({ length: !bulk && random.chance(0.2) ? 2 : 1 }, () => drawLine(random, bulk)),
    };
  });
}

function drawOrderSize(random: Random, largest: number): number {
  const roll = random.next();
  if (roll < 0.6) return random.int(1, 5);
  if (roll < 0.85) return random.int(6, 25);
  if (roll < 0.97) return Math.min(largest, random.int(26, 200));
  return random.int(Math.min(500, largest), largest);
}

function drawCustomer(random: Random): Customer {
  return random.chance(0.02) ? random.pick(FORMULA_CUSTOMERS) : random.pick(CUSTOMERS);
}

/** Resellers buy in bulk what they sell in bulk: DV and Basic OV, never EV or code signing. */
const BULK_PRODUCT_WEIGHTS = PRODUCT_WEIGHTS.filter(
  ([product]) => (product.kind === "dv" && !product.wildcard) || product.nameId === "ssl_basic",
);

function drawLine(random: Random, bulk: boolean): OrderLine {
  const product = random.weighted(bulk ? BULK_PRODUCT_WEIGHTS : PRODUCT_WEIGHTS);
  const codeSigning = product.kind === "cs";
  const daysPlan = !codeSigning && random.chance(0.06);
  const validityYears = daysPlan
    ? 0
    : codeSigning
      ? random.int(1, 3)
      : random.weighted([
          [1, 40],
          [2, 22],
          [3, 15],
          [4, 6],
          [5, 5],
          [6, 12],
        ] as const);
  let noOfFqdns = random.pick([1, 1, 1, 1, 2, 3, 5]);
  let noOfWildcards = product.kind === "ov" && random.chance(0.05) ? 1 : 0;
  if (codeSigning) noOfFqdns = 0;
  if (product.wildcard) noOfWildcards = 1;
  if (product.multiDomain) {
    noOfFqdns = random.chance(0.1) ? random.int(26, 250) : random.int(2, 25);
    noOfWildcards = random.chance(0.3) ? random.int(1, 5) : 0;
  }
  return {
    product,
    validityYears,
    validityDays: daysPlan ? random.pick([90, 180, 365]) : 0,
    noOfFqdns,
    noOfWildcards,
    wildcardsAsString: random.chance(0.25),
    serverLicenses: random.weighted<string | number>([
      ["1", 85],
      [1, 10],
      [random.int(2, 5), 5],
    ]),
    shippingMethod: codeSigning
      ? random.weighted([
          ["N/A", 40],
          ["STANDARD", 45],
          ["EXPEDITED", 15],
        ] as const)
      : "N/A",
  };
}

function draftCodes(random: Random, plans: readonly VoucherOrderPlan[]): Draft[] {
  const drafts: Draft[] = [];
  for (const plan of plans) {
    const createdDate = formatDateTime(plan.createdMs);
    const voucherEndMs = addYears(Math.floor(plan.createdMs / DAY_MS) * DAY_MS, 1);
    for (let i = 0; i < plan.size; i++) {
      const line = plan.lines.length === 1 ? plan.lines[0] : random.pick(plan.lines);
      if (!line) continue;
      const customer = plan.customer ?? drawCustomer(random);
      const requestMs = drawRequestTime(random, plan.createdMs, Math.min(voucherEndMs, LAST_REQUEST_MS));
      const recent = LAST_REQUEST_MS - requestMs < 30 * DAY_MS;
      const issued = !random.chance(recent ? 0.45 : 0.05);
      const row: GeneratedUsedCode = {
        id: 0,
        value: drawCodeValue(random),
        product_name: line.product.displayName,
        no_of_fqdns: line.noOfFqdns,
        no_of_wildcards: line.wildcardsAsString ? String(line.noOfWildcards) : line.noOfWildcards,
        shipping_method: line.shippingMethod,
        validity_years: line.validityYears,
        validity_days: line.validityDays,
        status: "used",
        created_date: createdDate,
        voucher_order_id: 0,
        cert_request_date: formatDateTime(requestMs),
        cert_validity_start_date: NOT_ISSUED,
        cert_validity_end_date: NOT_ISSUED,
        cert_organization: line.product.kind === "dv" && random.chance(0.65) ? "" : customer.organization,
        cert_common_name: drawCommonName(random, line.product, customer),
        certificate_order_id: "",
        voucher_validity_end_date: formatDate(voucherEndMs),
        order_valid_from: NOT_ISSUED,
        order_valid_till: NOT_ISSUED,
        server_licenses: line.serverLicenses,
      };
      if (issued) issue(random, row, line, requestMs);
      drafts.push({ row, requestMs, order: plan });
    }
  }
  return drafts;
}

function drawRequestTime(random: Random, createdMs: number, latestMs: number): number {
  const span = Math.max(0, latestMs - createdMs);
  const soon = Math.min(span, 7 * DAY_MS);
  const delay = random.chance(0.55) ? random.next() * soon : soon + random.next() * (span - soon);
  return createdMs + Math.max(300_000, Math.floor(delay / 1000) * 1000);
}

const codeChars = new Array<number>(32);

function drawCodeValue(random: Random): string {
  for (let i = 0; i < 32; i++) codeChars[i] = CODE_ALPHABET.charCodeAt(Math.floor(random.next() * 32));
  return String.fromCharCode(...codeChars);
}

function drawCommonName(random: Random, product: MixedProduct, customer: Customer): string {
  if (product.kind === "cs") return customer.organization;
  if (random.chance(0.003)) return random.pick(FORMULA_COMMON_NAMES);
  if (random.chance(0.01)) return `${LONG_SUBDOMAIN}.${customer.domain}`;
  if (product.wildcard) return `*.${customer.domain}`;
  const subdomain = random.pick(SUBDOMAINS);
  return subdomain ? `${subdomain}.${customer.domain}` : customer.domain;
}

/** Fills the dates an issued certificate has: its own validity and the plan's (order) validity. */
function issue(random: Random, row: GeneratedUsedCode, line: OrderLine, requestMs: number): void {
  const slowValidation = line.product.kind === "ev" || line.product.kind === "cs";
  const startMs = requestMs + random.int(600, (slowValidation ? 5 : 2) * 86_400) * 1000;
  const startDay = Math.floor(startMs / DAY_MS) * DAY_MS;
  const planEnd =
    line.validityYears > 0
      ? addYears(startDay, line.validityYears) - DAY_MS
      : startDay + line.validityDays * DAY_MS;
  const certificateDays =
    line.product.kind === "cs"
      ? Math.min(line.validityYears, 3) * 365 || line.validityDays
      : startMs < SHORTER_TLS_FROM_MS
        ? 396
        : 199;
  row.cert_validity_start_date = formatDate(startMs);
  row.cert_validity_end_date = formatDate(Math.min(startDay + certificateDays * DAY_MS, planEnd));
  row.order_valid_from = formatDate(startDay);
  row.order_valid_till = formatDate(planEnd);
}

/** Code ids and voucher order ids counting down from the seed rows, steps drawn forward. */
function numberDownwards(random: Random, drafts: Draft[], lastCodeId: number, lastOrderId: number): void {
  numberFrom(
    random,
    drafts,
    (step) => lastCodeId - step,
    (step) => lastOrderId - step,
    -1,
  );
}

function numberUpwards(random: Random, drafts: Draft[], firstCodeId: number, firstOrderId: number): void {
  numberFrom(
    random,
    drafts,
    (step) => firstCodeId + step,
    (step) => firstOrderId + step,
    1,
  );
}

/**
 * Ids rise with the list; unused codes and other accounts' orders leave gaps. Counting down
 * walks the list backwards, so the steps shrink to 1 if the budget below the seed ids is tight.
 */
function numberFrom(
  random: Random,
  drafts: Draft[],
  codeIdAt: (offset: number) => number,
  orderIdAt: (offset: number) => number,
  direction: 1 | -1,
): void {
  const ordered = direction === 1 ? drafts : [...drafts].reverse();
  const orderCount = new Set(drafts.map((draft) => draft.order)).size;
  const codeStep = direction === 1 || ordered.length * 3 < SEED_FIRST.id - 1000 ? 3 : 1;
  const orderStep = direction === 1 || orderCount * 12 < SEED_FIRST.voucher_order_id - 1000 ? 12 : 1;
  let codeOffset = 0;
  let orderOffset = 0;
  let previousOrder: VoucherOrderPlan | null = null;
  for (const { row, order } of ordered) {
    if (order !== previousOrder) {
      orderOffset += previousOrder === null ? 0 : random.int(1, orderStep);
      previousOrder = order;
    }
    row.id = codeIdAt(codeOffset);
    row.voucher_order_id = orderIdAt(orderOffset);
    codeOffset += random.int(1, codeStep);
  }
}

/**
 * Certificate order ids follow the request time, as DigiCert numbers orders when they are
 * placed. A few are 16+ digits, past what a JavaScript number holds exactly.
 */
function assignCertificateOrderIds(random: Random, drafts: Draft[]): void {
  const byRequest = [...drafts].sort((a, b) => a.requestMs - b.requestMs);
  const split = byRequest.findIndex((draft) => draft.requestMs >= SEED_FIRST_REQUEST_MS);
  const firstAfter = split === -1 ? byRequest.length : split;
  const longIds = new Set<string>();
  const assign = (draft: Draft, next: () => number) => {
    if (random.chance(0.003)) {
      let id: string;
      do {
        id = String(random.int(1, 9));
        const length = random.int(15, 18);
        while (id.length < length + 1) id += String(random.int(0, 9));
      } while (longIds.has(id));
      longIds.add(id);
      draft.row.certificate_order_id = id;
    } else {
      draft.row.certificate_order_id = String(next());
    }
  };
  let below = Number(SEED_FIRST.certificate_order_id);
  for (let i = firstAfter - 1; i >= 0; i--) {
    const draft = byRequest[i];
    if (draft) assign(draft, () => (below -= random.int(1, 40)));
  }
  let above = Number(SEED_LAST.certificate_order_id);
  for (let i = firstAfter; i < byRequest.length; i++) {
    const draft = byRequest[i];
    if (draft) assign(draft, () => (above += random.int(1, 40)));
  }
}
