import { productNameIdOf } from "@voucher-desk/digicert";
import { buildIndex, DEFAULT_VIEW, facetCounts, queryUsedCodes } from "@voucher-desk/vouchers";

/**
 * What each operation must show, computed in Node from the exact bytes both pages receive.
 * Ours is checked against the shared query rules (the dashboard's own spec); the baseline
 * against what AG Grid's equivalent operation means. Where both agree, both are checked
 * against the same number.
 */
export function expectationsFor(codes) {
  const index = buildIndex(codes);
  const byId = queryUsedCodes(index, DEFAULT_VIEW);
  const total = codes.length;

  const extremes = (field, compare) => {
    const present = codes.map((c) => c[field]).filter((v) => v !== null);
    present.sort(compare);
    return { asc: present[0], desc: present.at(-1) };
  };
  const text = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  const digits = (a, b) => a.length - b.length || text(a, b);

  // A product in the middle of the mix: neither almost all rows nor a handful.
  const productCounts = countBy(codes, (c) => c.product_name);
  const product = pickMiddle(productCounts);
  const productView = {
    ...DEFAULT_VIEW,
    filters: { product_name: { type: "values", values: [productNameIdOf(product)] } },
  };

  // Facets: a minimum validity (one keystroke: the smallest value above the minimum, so the
  // filter really removes rows) recounts the Status facet.
  const years = [...countBy(codes, (c) => c.validity_years).keys()].sort((a, b) => a - b);
  const minYears = years[1] ?? years[0];
  const yearsView = {
    ...DEFAULT_VIEW,
    filters: { validity_years: { type: "numberRange", min: minYears, max: null } },
  };
  const statusValue = pickMiddle(countBy(codes, (c) => c.status));
  const statusCount = facetCounts(index, yearsView, "status").get(statusValue) ?? 0;

  const search = pickSearchTerm(index, codes);

  return {
    total,
    firstValue: byId[0].value,
    sorts: {
      Created: extremes("created_date", text),
      "Certificate order": extremes("certificate_order_id", digits),
    },
    product: {
      name: product,
      ours: queryUsedCodes(index, productView).length,
      baseline: productCounts.get(product),
    },
    facet: {
      input: "Validity (years) minimum",
      key: String(minYears),
      legend: "Status",
      value: statusValue,
      count: statusCount,
    },
    search,
  };
}

function countBy(codes, key) {
  const counts = new Map();
  for (const code of codes) {
    const k = key(code);
    if (k !== null) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

function pickMiddle(counts) {
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return sorted[Math.floor(sorted.length / 2)][0];
}

const SEARCHABLE = [
  "id",
  "value",
  "product_name",
  "voucher_order_id",
  "cert_organization",
  "cert_common_name",
  "certificate_order_id",
];

/**
 * A search term whose last keystroke narrows the view to a few percent of the rows: a word
 * from an organization name. The baseline's count is AG Grid's quick filter semantics
 * (case-insensitive "contains" over the same searchable columns).
 */
function pickSearchTerm(index, codes) {
  const orgs = countBy(codes, (c) => c.cert_organization);
  const candidates = [...orgs.keys()]
    .flatMap((org) => org.split(/[^\p{L}\p{N}]+/u))
    // Plain ASCII letters: one key on any keyboard layout, so the keystroke is a real keydown.
    .filter((word) => /^[a-z]{5,}$/i.test(word))
    .sort();
  const seen = new Set();
  let best;
  for (const word of candidates) {
    const term = word.toLowerCase();
    if (seen.has(term)) continue;
    seen.add(term);
    const ours = queryUsedCodes(index, { ...DEFAULT_VIEW, q: term }).length;
    const prefix = term.slice(0, -1);
    const oursPrefix = queryUsedCodes(index, { ...DEFAULT_VIEW, q: prefix }).length;
    const share = ours / codes.length;
    if (share < 0.005 || share > 0.1 || oursPrefix === ours) continue;
    const baseline = codes.filter((c) =>
      SEARCHABLE.some((f) => c[f] !== null && String(c[f]).toLowerCase().includes(term)),
    ).length;
    const baselinePrefix = codes.filter((c) =>
      SEARCHABLE.some((f) => c[f] !== null && String(c[f]).toLowerCase().includes(prefix)),
    ).length;
    const candidate = { term, ours, oursPrefix, baseline, baselinePrefix };
    if (ours === baseline) return candidate;
    best ??= candidate;
  }
  if (!best) throw new Error("no organization word narrows the data to 0.5–10 % of the rows");
  return best;
}
