import { productNameIdOf, type UsedCode, type UsedCodeField } from "@voucher-desk/digicert";
import { describe, expect, it } from "vitest";
import { FIELDS, fieldDef, isNumericField } from "./fields.js";
import { buildIndex, facetCounts, indexWarmUp, queryUsedCodes } from "./query.js";
import { generateRows, pick, seededRandom, usedCode } from "./test-support/rows.js";
import { DEFAULT_VIEW, type FieldFilter, type Filters, type SortKey, type ViewState } from "./view.js";

function run(rows: UsedCode[], view: Partial<ViewState>): UsedCode[] {
  return queryUsedCodes(buildIndex(rows), { ...DEFAULT_VIEW, ...view });
}
const ids = (rows: UsedCode[]) => rows.map((r) => r.id);
const sortBy = (field: UsedCodeField, dir: "asc" | "desc" = "asc"): SortKey[] => [{ field, dir }];

describe("sorting (data-quirks 3 and 7)", () => {
  it("sorts number ids numerically, not as text", () => {
    const rows = [usedCode({ id: 1000 }), usedCode({ id: 25 }), usedCode({ id: 9 }), usedCode({ id: 250 })];
    expect(ids(run(rows, { sort: sortBy("id") }))).toEqual([9, 25, 250, 1000]);
    expect(ids(run(rows, { sort: sortBy("id", "desc") }))).toEqual([1000, 250, 25, 9]);
  });

  it("orders rows that arrive by id (as the BFF sends them) and rows that almost do", () => {
    const byId = [1, 2, 5, 9, 40].map((id) => usedCode({ id }));
    expect(ids(run(byId, { sort: sortBy("id", "desc") }))).toEqual([40, 9, 5, 2, 1]);
    expect(ids(run(byId, {}))).toEqual([40, 9, 5, 2, 1]);
    const lastTwoSwapped = [1, 2, 5, 40, 9].map((id) => usedCode({ id }));
    expect(ids(run(lastTwoSwapped, { sort: sortBy("id") }))).toEqual([1, 2, 5, 9, 40]);
    const repeated = [1, 2, 2, 3].map((id, i) => usedCode({ id, value: `V${i}` }));
    expect(run(repeated, { sort: sortBy("id") }).map((r) => r.value)).toEqual(["V0", "V1", "V2", "V3"]);
    const blankFirst = [Number.NaN, 1, 2].map((id, i) => usedCode({ id, value: `V${i}` }));
    expect(run(blankFirst, { sort: sortBy("id") }).map((r) => r.value)).toEqual(["V1", "V2", "V0"]);
  });

  it("sorts string ids exactly at any length, beyond what a JS number holds", () => {
    const orders = [
      "9007199254740993",
      "9007199254740992",
      "99",
      "123456789012345678901",
      "0100",
      "9007199254740994",
    ];
    const rows = orders.map((certificate_order_id, i) => usedCode({ id: i + 1, certificate_order_id }));
    const byOrder = (dir: "asc" | "desc") =>
      run(rows, { sort: sortBy("certificate_order_id", dir) }).map((r) => r.certificate_order_id);
    expect(byOrder("asc")).toEqual([
      "99",
      "0100",
      "9007199254740992",
      "9007199254740993",
      "9007199254740994",
      "123456789012345678901",
    ]);
    expect(byOrder("desc")).toEqual([
      "123456789012345678901",
      "9007199254740994",
      "9007199254740993",
      "9007199254740992",
      "0100",
      "99",
    ]);
  });

  it("orders canonical ids, 15/16-digit boundary, 20+ digits, a non-digit id and blanks exactly", () => {
    // No leading zeros here, so short ids take the numeric path and only the rest are ranked.
    const orders = [
      "1000000000000000",
      "999999999999999",
      "X-17",
      null,
      "123456789012345678901",
      "7",
      "9007199254740993",
      "9007199254740992",
      "40",
    ];
    const rows = orders.map((certificate_order_id, i) => usedCode({ id: i + 1, certificate_order_id }));
    const byOrder = (dir: "asc" | "desc") =>
      run(rows, { sort: sortBy("certificate_order_id", dir) }).map((r) => r.certificate_order_id);
    const ascending = [
      "7",
      "40",
      "999999999999999",
      "1000000000000000",
      "9007199254740992",
      "9007199254740993",
      "123456789012345678901",
      "X-17",
    ];
    expect(byOrder("asc")).toEqual([...ascending, null]);
    expect(byOrder("desc")).toEqual([...ascending.reverse(), null]);
  });

  it("orders dates as their text, also when a field mixes DigiCert's two forms or holds odd text", () => {
    const uniform = [
      "2024-05-01 00:00:00",
      "2023-12-31 23:59:59",
      "2024-05-01 00:00:01",
      "1999-01-01 10:00:00",
    ];
    const mixed = ["2024-05-01", "2024-05-01 00:00:00", "2023-12-31 23:59:59", "2024-04-30"];
    const odd = ["2024-05-01 00:00:00", "01/02/2024", "2023-12-31 23:59:59", "soon"];
    // Same length, digits in the same places, another separator: the text still decides.
    const separators = ["2024-05-01T00:00:00", "2024-05-01 00:00:01", "2024-05-01T00:00:02"];
    for (const values of [uniform, mixed, odd, separators]) {
      const rows = values.map((created_date, i) => usedCode({ id: i + 1, created_date }));
      const byText = [...rows].sort((a, b) =>
        (a.created_date as string) < (b.created_date as string) ? -1 : 1,
      );
      expect(ids(run(rows, { sort: sortBy("created_date") })), values.join(" | ")).toEqual(ids(byText));
      expect(ids(run(rows, { sort: sortBy("created_date", "desc") }))).toEqual(ids(byText).reverse());
    }
  });

  it("puts blanks last in both directions, for text, dates, numbers and ids", () => {
    const cases: [UsedCodeField, UsedCode[UsedCodeField], UsedCode[UsedCodeField]][] = [
      ["cert_organization", "Alpha", "beta"],
      ["cert_validity_end_date", "2023-01-01", "2024-06-30"],
      ["server_licenses", 1, 3],
      ["certificate_order_id", "5", "40"],
      ["created_date", "2022-03-03 13:31:03", "2022-03-03 13:31:04"],
    ];
    for (const [field, low, high] of cases) {
      const rows = [
        usedCode({ id: 1, [field]: null }),
        usedCode({ id: 2, [field]: high }),
        usedCode({ id: 3, [field]: null }),
        usedCode({ id: 4, [field]: low }),
      ];
      expect(ids(run(rows, { sort: sortBy(field) })), field).toEqual([4, 2, 1, 3]);
      expect(ids(run(rows, { sort: sortBy(field, "desc") })), field).toEqual([2, 4, 1, 3]);
    }
  });

  it("orders keys too large, negative or fractional to be buckets by their rank, ties by id", () => {
    // server_licenses is numeric: these keys cannot be dealt into buckets as they are.
    const licenses = [7e12, -3, 0.5, 7e12, null, -0, 0, 2 ** 52];
    const rows = licenses.map((server_licenses, i) => usedCode({ id: 100 - i, server_licenses }));
    expect(ids(run(rows, { sort: sortBy("server_licenses") }))).toEqual([99, 94, 95, 98, 97, 100, 93, 96]);
    expect(ids(run(rows, { sort: sortBy("server_licenses", "desc") }))).toEqual([
      93, 97, 100, 98, 94, 95, 99, 96,
    ]);
    // Whole numbers only, some above 2^32: sorted by radix, ties still by id, blanks last.
    const whole = [7e12, 5, null, 7e12, 2 ** 40, 4294967296].map((server_licenses, i) =>
      usedCode({ id: 50 - i, server_licenses }),
    );
    expect(ids(run(whole, { sort: sortBy("server_licenses") }))).toEqual([49, 45, 46, 47, 50, 48]);
    expect(ids(run(whole, { sort: sortBy("server_licenses", "desc") }))).toEqual([47, 50, 46, 45, 49, 48]);
    // Ids far apart and out of order: the id order itself comes from the radix sort.
    const far = [9e14, 3, 5e9, 3].map((id, i) => usedCode({ id, value: `V${i}` }));
    expect(run(far, { sort: sortBy("id") }).map((r) => r.value)).toEqual(["V1", "V3", "V2", "V0"]);
  });

  it("breaks ties by id ascending, whatever order the rows came in", () => {
    const rows = [
      usedCode({ id: 30, product_name: "Standard SSL" }),
      usedCode({ id: 12, product_name: "Basic OV" }),
      usedCode({ id: 7, product_name: "Standard SSL" }),
      usedCode({ id: 21, product_name: "Basic OV" }),
    ];
    expect(ids(run(rows, { sort: sortBy("product_name") }))).toEqual([12, 21, 7, 30]);
    expect(ids(run(rows, { sort: sortBy("product_name", "desc") }))).toEqual([7, 30, 12, 21]);
    expect(ids(run([...rows].reverse(), { sort: sortBy("product_name", "desc") }))).toEqual([7, 30, 12, 21]);
    expect(ids(run(rows, { sort: [] }))).toEqual([7, 12, 21, 30]);
  });

  it("applies several sort keys in order, and an id key's own direction", () => {
    const rows = [
      usedCode({ id: 1, validity_years: 2, cert_organization: "b" }),
      usedCode({ id: 2, validity_years: 1, cert_organization: "a" }),
      usedCode({ id: 3, validity_years: 2, cert_organization: "a" }),
      usedCode({ id: 4, validity_years: 2, cert_organization: "a" }),
    ];
    const sort: SortKey[] = [
      { field: "validity_years", dir: "desc" },
      { field: "cert_organization", dir: "asc" },
    ];
    expect(ids(run(rows, { sort }))).toEqual([3, 4, 1, 2]);
    expect(ids(run(rows, { sort: [...sort, { field: "id", dir: "desc" }] }))).toEqual([4, 3, 1, 2]);
  });

  it("orders text without regard to case or accents, the same on every runtime", () => {
    const names = ["zeta", "Émile", "alpha", "ALPHA", "emile", "Beta"];
    const rows = names.map((cert_organization, i) => usedCode({ id: i + 1, cert_organization }));
    expect(run(rows, { sort: sortBy("cert_organization") }).map((r) => r.cert_organization)).toEqual([
      "ALPHA",
      "alpha",
      "Beta",
      "emile",
      "Émile",
      "zeta",
    ]);
  });
});

describe("filtering (data-quirk 8)", () => {
  const rows = [
    usedCode({ id: 1, cert_organization: "Société Générale", created_date: "2024-03-31 23:59:59" }),
    usedCode({ id: 2, cert_organization: null, created_date: "2024-04-01 00:00:00" }),
    usedCode({ id: 3, cert_organization: "(blank) Holdings", created_date: "2024-03-01 00:00:00" }),
    usedCode({ id: 4, cert_organization: "株式会社テスト", created_date: "2024-02-29 23:59:59" }),
    usedCode({ id: 5, cert_organization: "ACME, Inc.", created_date: null }),
  ];
  const filtered = (filters: Filters) => ids(run(rows, { filters, sort: sortBy("id") }));

  it("includes the whole end day of a date range, and its whole first day", () => {
    expect(filtered({ created_date: { type: "dateRange", from: "2024-03-01", to: "2024-03-31" } })).toEqual([
      1, 3,
    ]);
    expect(filtered({ created_date: { type: "dateRange", from: null, to: "2024-03-31" } })).toEqual([
      1, 3, 4,
    ]);
    expect(filtered({ created_date: { type: "dateRange", from: "2024-04-01", to: null } })).toEqual([2]);
    expect(filtered({ created_date: { type: "dateRange", from: "2024-02-29", to: "2024-02-29" } })).toEqual([
      4,
    ]);
    expect(filtered({ created_date: { type: "blank" } })).toEqual([5]);
  });

  it("matches '(blank)' to absent values only, apart from text that reads '(blank)'", () => {
    expect(filtered({ cert_organization: { type: "blank" } })).toEqual([2]);
    expect(filtered({ cert_organization: { type: "contains", text: "(blank)" } })).toEqual([3]);
  });

  it("matches text case-insensitively, with accents, CJK and punctuation", () => {
    expect(filtered({ cert_organization: { type: "contains", text: "SOCIÉTÉ" } })).toEqual([1]);
    expect(filtered({ cert_organization: { type: "contains", text: "société".normalize("NFD") } })).toEqual([
      1,
    ]);
    expect(filtered({ cert_organization: { type: "contains", text: "会社" } })).toEqual([4]);
    expect(filtered({ cert_organization: { type: "contains", text: "e, i" } })).toEqual([5]);
  });

  it("matches text and q without regard to accents, as a user types them on a plain keyboard", () => {
    const people = [
      usedCode({ id: 1, cert_organization: "São Paulo Ltda", cert_common_name: "a.test" }),
      usedCode({ id: 2, cert_organization: "Công ty TNHH", cert_common_name: "b.test" }),
      usedCode({ id: 3, cert_organization: "Müller AG", cert_common_name: "c.test" }),
      usedCode({ id: 4, cert_organization: "Sao Tome", cert_common_name: "d.test" }),
      usedCode({ id: 5, cert_organization: "İstanbul A.Ş.", cert_common_name: "e.test" }),
    ];
    const org = (text: string) =>
      ids(run(people, { filters: { cert_organization: { type: "contains", text } }, sort: sortBy("id") }));
    const search = (q: string) => ids(run(people, { q, sort: sortBy("id") }));
    expect(org("sao paulo")).toEqual([1]);
    expect(org("cong ty")).toEqual([2]);
    expect(org("MULLER")).toEqual([3]);
    expect(org("são")).toEqual([1, 4]);
    expect(org("istanbul a.s")).toEqual([5]);
    expect(search("sao paulo")).toEqual([1]);
    expect(search("Cong Ty")).toEqual([2]);
    expect(search("muller")).toEqual([3]);
    expect(search("müller".normalize("NFD"))).toEqual([3]);
  });

  it("keeps CJK apart: kana voicing marks and Hangul syllables still tell text apart", () => {
    const names = ["株式会社ガス", "株式会社カス", "각 회사", "가 회사", "ｶﾞｽ販売"];
    const rows2 = names.map((cert_organization, i) => usedCode({ id: i + 1, cert_organization }));
    const org = (text: string) =>
      ids(run(rows2, { filters: { cert_organization: { type: "contains", text } }, sort: sortBy("id") }));
    expect(org("ガス")).toEqual([1, 5]);
    expect(org("カス")).toEqual([2]);
    expect(org("가")).toEqual([4]);
    expect(org("각")).toEqual([3]);
    expect(ids(run(rows2, { q: "会社", sort: sortBy("id") }))).toEqual([1, 2]);
  });

  it("filters by product id, mapping names through the catalog and deriving ids for unknown names", () => {
    const products = [
      usedCode({ id: 1, product_name: "Basic OV" }),
      usedCode({ id: 2, product_name: "Secure Site Pro EV SSL" }),
      usedCode({ id: 3, product_name: "Acme Private CA" }),
      usedCode({ id: 4, product_name: null }),
      usedCode({ id: 5, product_name: "Basic OV" }),
    ];
    const byProduct = (values: (string | null)[]) =>
      ids(run(products, { filters: { product_name: { type: "values", values } }, sort: sortBy("id") }));
    expect(byProduct(["ssl_basic"])).toEqual([1, 5]);
    expect(byProduct(["ssl_ev_securesite_pro", productNameIdOf("Acme Private CA")])).toEqual([2, 3]);
    expect(byProduct([null])).toEqual([4]);
    expect(byProduct([])).toEqual([1, 2, 3, 4, 5]);
    expect(buildIndex(products).productNames).toEqual(
      new Map([
        ["ssl_basic", "Basic OV"],
        ["ssl_ev_securesite_pro", "Secure Site Pro EV SSL"],
        [productNameIdOf("Acme Private CA"), "Acme Private CA"],
      ]),
    );
  });

  it("matches order ids exactly at any length, ignoring leading zeros", () => {
    const orders = [
      usedCode({ id: 1, certificate_order_id: "9007199254740993", voucher_order_id: 25252 }),
      usedCode({ id: 2, certificate_order_id: "9007199254740992", voucher_order_id: 2525 }),
      usedCode({ id: 3, certificate_order_id: null, voucher_order_id: null }),
    ];
    const exact = (field: UsedCodeField, filter: FieldFilter) =>
      ids(run(orders, { filters: { [field]: filter } }));
    expect(exact("certificate_order_id", { type: "exact", value: "9007199254740993" })).toEqual([1]);
    expect(exact("certificate_order_id", { type: "exact", value: "009007199254740992" })).toEqual([2]);
    expect(exact("certificate_order_id", { type: "blank" })).toEqual([3]);
    expect(exact("voucher_order_id", { type: "exact", value: "2525" })).toEqual([2]);
    expect(exact("id", { type: "exact", value: "03" })).toEqual([3]);
  });

  it("filters number ranges inclusively and never matches a blank", () => {
    const counts = [0, 1, 5, 10, null].map((no_of_fqdns, i) => usedCode({ id: i + 1, no_of_fqdns }));
    const range = (min: number | null, max: number | null) =>
      ids(run(counts, { filters: { no_of_fqdns: { type: "numberRange", min, max } }, sort: sortBy("id") }));
    expect(range(1, 5)).toEqual([2, 3]);
    expect(range(null, 0)).toEqual([1]);
    expect(range(5, null)).toEqual([3, 4]);
    expect(ids(run(counts, { filters: { no_of_fqdns: { type: "blank" } } }))).toEqual([5]);
  });

  it("searches q across the text fields but never across a field boundary", () => {
    const rows2 = [
      usedCode({ id: 1, cert_organization: "Example", cert_common_name: "shop.test" }),
      usedCode({ id: 2, cert_organization: "Shop GmbH", cert_common_name: "a.test" }),
      usedCode({ id: 3, value: "SHOPCODE", cert_organization: "Z", cert_common_name: "z.test" }),
      usedCode({ id: 4, cert_organization: "Ends with ex", cert_common_name: "ample.test" }),
    ];
    expect(ids(run(rows2, { q: "  shop ", sort: sortBy("id") }))).toEqual([1, 2, 3]);
    expect(ids(run(rows2, { q: "exAMPLE", sort: sortBy("id") }))).toEqual([1]);
  });
});

/** An independent, slow, obviously-right reading of the rules, to check the fast path against. */
function oracle(rows: UsedCode[], view: ViewState): number[] {
  // Accents go (NFKD, drop combining marks) except kana voicing marks, then recompose (Hangul, kana).
  const lower = (s: string) =>
    [...s.toLowerCase().normalize("NFKD")]
      .filter((c) => !/\p{M}/u.test(c) || c === "\u3099" || c === "\u309a")
      .join("")
      .normalize("NFC");
  const key = (row: UsedCode, field: UsedCodeField) => {
    if (field === "product_name") return row.product_name === null ? null : productNameIdOf(row.product_name);
    const value = row[field];
    return value === null ? null : String(value);
  };
  const matches = (row: UsedCode, field: UsedCodeField, filter: FieldFilter): boolean => {
    const value = row[field];
    switch (filter.type) {
      case "blank":
        return value === null;
      case "values":
        return filter.values.length === 0 || filter.values.includes(key(row, field));
      case "contains":
        return value !== null && lower(String(value)).includes(lower(filter.text));
      case "exact":
        return value !== null && BigInt(String(value)) === BigInt(filter.value);
      case "dateRange":
        return (
          typeof value === "string" &&
          (filter.from === null || value.slice(0, 10) >= filter.from) &&
          (filter.to === null || value.slice(0, 10) <= filter.to)
        );
      case "numberRange":
        return (
          typeof value === "number" &&
          (filter.min === null || value >= filter.min) &&
          (filter.max === null || value <= filter.max)
        );
    }
  };
  const q = lower(view.q.trim());
  const kept = rows.filter(
    (row) =>
      (q === "" ||
        FIELDS.some((f) => f.searchable && row[f.name] !== null && lower(String(row[f.name])).includes(q))) &&
      Object.entries(view.filters).every(([field, filter]) =>
        matches(row, field as UsedCodeField, filter as FieldFilter),
      ),
  );
  const fold = (s: string) => s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  const compare = (a: UsedCode, b: UsedCode, field: UsedCodeField): number => {
    const x = a[field];
    const y = b[field];
    if (isNumericField(field)) return (x as number) - (y as number);
    if (fieldDef(field).kind === "id") {
      const d = BigInt(x as string) - BigInt(y as string);
      return d < 0n ? -1 : d > 0n ? 1 : 0;
    }
    const [fx, fy] = [fold(String(x)), fold(String(y))];
    if (fx !== fy) return fx < fy ? -1 : 1;
    return String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;
  };
  const keys = view.sort.some((s) => s.field === "id")
    ? view.sort
    : [...view.sort, { field: "id", dir: "asc" } as SortKey];
  return kept
    .sort((a, b) => {
      for (const { field, dir } of keys) {
        const [x, y] = [a[field], b[field]];
        if (x === null && y === null) continue;
        if (x === null) return 1;
        if (y === null) return -1;
        const c = compare(a, b, field);
        if (c !== 0) return dir === "desc" ? -c : c;
      }
      return 0;
    })
    .map((r) => r.id);
}

/** A random view built from values present in the rows, so filters actually bite. */
function randomDataView(random: () => number, rows: UsedCode[]): ViewState {
  const filters: Partial<Record<UsedCodeField, FieldFilter>> = {};
  const sample = (field: UsedCodeField) => pick(random, rows)[field];
  for (const def of FIELDS) {
    if (random() < 0.9) continue;
    if (random() < 0.15) {
      filters[def.name] = { type: "blank" };
      continue;
    }
    const value = sample(def.name);
    switch (def.filter) {
      case "product":
      case "enum": {
        const one = () => {
          const row = pick(random, rows);
          return def.filter === "product"
            ? row.product_name === null
              ? null
              : productNameIdOf(row.product_name)
            : row[def.name] === null
              ? null
              : String(row[def.name]);
        };
        filters[def.name] = { type: "values", values: [...new Set([one(), one()])] };
        break;
      }
      case "text":
        if (typeof value === "string")
          filters[def.name] = { type: "contains", text: value.slice(1, 4).toUpperCase() };
        break;
      case "exact":
        if (value !== null) filters[def.name] = { type: "exact", value: String(value) };
        break;
      case "dateRange":
        if (typeof value === "string")
          filters[def.name] = {
            type: "dateRange",
            from: random() < 0.5 ? null : value.slice(0, 10),
            to: `2024-${pick(random, ["06", "09", "12"])}-30`,
          };
        break;
      case "numberRange":
        if (typeof value === "number")
          filters[def.name] = { type: "numberRange", min: value, max: random() < 0.5 ? null : value + 2 };
        break;
    }
  }
  const sort = [...FIELDS]
    .sort(() => random() - 0.5)
    .slice(0, Math.floor(random() * 4))
    .map((f): SortKey => ({ field: f.name, dir: random() < 0.5 ? "asc" : "desc" }));
  return {
    ...DEFAULT_VIEW,
    q: random() < 0.15 ? pick(random, ["example", "ACME", "société", "societe", "9007"]) : "",
    filters,
    sort,
  };
}

describe("the query against an independent reading of the rules", () => {
  it("agrees on filter and order for hundreds of generated views", () => {
    const rows = generateRows(2000, 7);
    const index = buildIndex(rows);
    const random = seededRandom(99);
    let nonEmpty = 0;
    for (let run = 0; run < 250; run++) {
      const view = randomDataView(random, rows);
      const expected = oracle(rows, view);
      if (expected.length > 0) nonEmpty++;
      expect(ids(queryUsedCodes(index, view)), JSON.stringify(view)).toEqual(expected);
    }
    // The check means something only if many views keep rows.
    expect(nonEmpty).toBeGreaterThan(125);
  });

  it("agrees on every single-key sort (the walked order), both ways, with and without filters", () => {
    const rows = generateRows(2000, 13);
    const index = buildIndex(rows);
    const random = seededRandom(21);
    for (const def of FIELDS) {
      for (const dir of ["asc", "desc"] as const) {
        const sorted = { ...DEFAULT_VIEW, sort: [{ field: def.name, dir }] };
        expect(ids(queryUsedCodes(index, sorted)), `${def.name} ${dir}`).toEqual(oracle(rows, sorted));
        const filtered = { ...randomDataView(random, rows), sort: [{ field: def.name, dir }] };
        expect(ids(queryUsedCodes(index, filtered)), JSON.stringify(filtered)).toEqual(
          oracle(rows, filtered),
        );
      }
    }
  });

  it("answers a typing session (narrowing, deleting, retyping) like a fresh index each time", () => {
    const rows = generateRows(2000, 17);
    const typed = buildIndex(rows);
    const session = [
      "e",
      "ex",
      "exa",
      "exam",
      "exa",
      "ex",
      "e",
      "",
      "s",
      "so",
      "soc",
      "soci",
      "socié",
      "société",
    ];
    session.push("9", "90", "900", "9007", "xyz", "9007", "ACME", "acm", "a\u0000e");
    for (const q of session) {
      const view = { ...DEFAULT_VIEW, q };
      expect(ids(queryUsedCodes(typed, view)), JSON.stringify(q)).toEqual(oracle(rows, view));
      expect(ids(queryUsedCodes(typed, view))).toEqual(ids(queryUsedCodes(buildIndex(rows), view)));
    }
    // A shorter needle than any seen (text selected and replaced) matches more, not fewer rows.
    const selectedAndReplaced = buildIndex(rows);
    for (const q of ["example", "ex", "9007", "9"]) {
      const view = { ...DEFAULT_VIEW, q };
      expect(ids(queryUsedCodes(selectedAndReplaced, view)), q).toEqual(oracle(rows, view));
    }
  });

  it("answers the same after its warm-up ran, or while it is half done (precomputed keys change nothing)", () => {
    const rows = generateRows(9000, 11);
    const cold = buildIndex(rows);
    const warm = buildIndex(rows);
    const half = buildIndex(rows);
    // Every key the warm-up builds comes in slices: well over one yield per key.
    const keys =
      FIELDS.filter((f) => f.defaultVisible).length +
      1 +
      FIELDS.filter((f) => f.filter === "product" || f.filter === "enum" || f.filter === "text").length;
    let yields = 0;
    for (const _ of indexWarmUp(warm)) yields++;
    expect(yields).toBeGreaterThan(3 * keys);
    // Stopped in the middle of a key: queries finish what it started.
    const halfWarmUp = indexWarmUp(half);
    for (let i = 0; i < yields / 2; i++) halfWarmUp.next();
    const random = seededRandom(5);
    for (let run = 0; run < 100; run++) {
      const view = randomDataView(random, rows);
      const expected = ids(queryUsedCodes(cold, view));
      expect(ids(queryUsedCodes(warm, view))).toEqual(expected);
      expect(ids(queryUsedCodes(half, view))).toEqual(expected);
      if (run === 50) for (const _ of halfWarmUp); // and the warm-up resumed after them
    }
  });
});

describe("facet counts (data-quirk 9)", () => {
  it("counts over every other filter, so choosing 'X (n)' yields exactly n rows", () => {
    const rows = generateRows(3000, 11);
    const index = buildIndex(rows);
    const view: ViewState = {
      ...DEFAULT_VIEW,
      filters: {
        product_name: { type: "values", values: ["ssl_basic"] },
        created_date: { type: "dateRange", from: "2024-03-01", to: "2024-08-31" },
        cert_organization: { type: "contains", text: "acme" },
      },
    };
    for (const field of [
      "product_name",
      "shipping_method",
      "status",
      "cert_organization",
      "validity_years",
    ] as const) {
      const counts = facetCounts(index, view, field);
      expect(counts.size, field).toBeGreaterThan(1);
      let total = 0;
      for (const [value, count] of counts) {
        total += count;
        const chosen: FieldFilter =
          field === "cert_organization" || field === "validity_years"
            ? value === null
              ? { type: "blank" }
              : { type: "values", values: [value] }
            : { type: "values", values: [value] };
        if (field === "validity_years" && value !== null) {
          const n = Number(value);
          expect(
            queryUsedCodes(index, {
              ...view,
              filters: { ...view.filters, [field]: { type: "numberRange", min: n, max: n } },
            }),
          ).toHaveLength(count);
        } else if (field !== "cert_organization" || value === null) {
          expect(
            queryUsedCodes(index, { ...view, filters: { ...view.filters, [field]: chosen } }),
            `${field}=${value}`,
          ).toHaveLength(count);
        }
      }
      const withoutOwn = { ...view.filters };
      delete withoutOwn[field];
      expect(total, field).toBe(queryUsedCodes(index, { ...view, filters: withoutOwn }).length);
    }
  });

  it("gives exact counts on a small list, including (blank)", () => {
    const rows = [
      usedCode({ id: 1, product_name: "Basic OV", shipping_method: "N/A" }),
      usedCode({ id: 2, product_name: "Basic OV", shipping_method: null }),
      usedCode({ id: 3, product_name: "GeoTrust Standard DV", shipping_method: "N/A" }),
      usedCode({ id: 4, product_name: "GeoTrust Standard DV", shipping_method: "EXPEDITED" }),
      usedCode({ id: 5, product_name: null, shipping_method: "N/A" }),
    ];
    const view: ViewState = {
      ...DEFAULT_VIEW,
      filters: {
        product_name: { type: "values", values: ["ssl_basic"] },
        shipping_method: { type: "values", values: ["N/A"] },
      },
    };
    const index = buildIndex(rows);
    expect(facetCounts(index, view, "product_name")).toEqual(
      new Map<string | null, number>([
        ["ssl_basic", 1],
        ["ssl_dv_geotrust", 1],
        [null, 1],
      ]),
    );
    expect(facetCounts(index, view, "shipping_method")).toEqual(
      new Map<string | null, number>([
        ["N/A", 1],
        [null, 1],
      ]),
    );
    expect(ids(queryUsedCodes(index, view))).toEqual([1]);
  });
});
