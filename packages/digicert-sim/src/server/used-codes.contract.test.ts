import { productNameIdOf, USED_CODE_FIELDS } from "@voucher-desk/digicert";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED_ROWS, type ServedRow } from "../data/generated-used-code.js";
import { type RunningSimulator, startSimulator } from "../start.js";
import { ids, request, usedCodes } from "../test-support/http.js";

/** Contract of GET /services/v2/voucher/download/used-codes over real HTTP (docs/digicert-api.md §2). */
const KEY = "contract-key";
/** The seed document's CSV lines, copied verbatim (../shared/seed/list-used-voucher-codes.txt). */
const SEED_CSV_HEADER =
  "id,value,product_name,no_of_fqdns,no_of_wildcards,shipping_method,validity_years,validity_days,status,created_date,voucher_order_id,cert_request_date,cert_validity_start_date,cert_validity_end_date,cert_organization,cert_common_name,certificate_order_id,voucher_validity_end_date,order_valid_from,order_valid_till,server_licenses";
const SEED_CSV_49178 =
  '49178,ZGGRW6GCJIWCR2XHAU4M6TNNBAURHLJM,"Basic OV",5,0,N/A,6,0,used,"2022-03-03 14:43:28",25256,"2022-03-04 10:48:47"," "," ","Example Inc.",example.com,204928160,2023-03-03," "," ",1';
const SEED_CSV_49179 =
  '49179,4U6P5PVRG6HMOWYNGRD3HBM6QUSJRDH5,"Secure Site Pro EV SSL",2,0,N/A,2,0,used,"2022-03-03 14:43:28",25256,"2022-03-04 10:49:38"," "," ","Example Corp.",example.com,204928161,2023-03-03," "," ",1';

let sim: RunningSimulator;
let all: readonly ServedRow[];
const text = (value: unknown) => (typeof value === "number" ? String(value) : String(value ?? ""));
const orderTill = (row: ServedRow) => text(row.order_valid_till).trim();

beforeAll(async () => {
  sim = await startSimulator({ key: KEY, count: 3000, seed: "contract", rateLimits: [] });
  all = sim.control.codes;
});
afterAll(() => sim.close());

describe("used codes: JSON answer", () => {
  it("answers the first 1000 rows in id order with a page object, DigiCert's raw values untouched", async () => {
    const answer = await usedCodes(sim, "", KEY);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/json");
    const body = answer.json();
    expect(body.page).toEqual({ total: all.length, limit: 1000, offset: 0 });
    expect(body.codes).toEqual(all.slice(0, 1000));
    const seedRow =
      body.codes?.find((row) => row.id === 49170) ??
      (await usedCodes(sim, "filters[id]=49170", KEY)).json().codes?.[0];
    expect(seedRow).toEqual(SEED_ROWS[0]);
    expect(Object.keys(seedRow ?? {})).toEqual([...USED_CODE_FIELDS]);
  });

  it("omits the codes key entirely when nothing matches (DigiCert's quirk)", async () => {
    const answer = await usedCodes(sim, "filters[id]=1", KEY);
    expect(answer.status).toBe(200);
    expect(answer.json()).toEqual({ page: { total: 0, limit: 1000, offset: 0 } });
  });
});

describe("used codes: filters", () => {
  it("filters[product_name_id] matches the catalog id of each row's display name, brackets raw or encoded", async () => {
    const expected = all
      .filter((row) => productNameIdOf(text(row.product_name)) === "ssl_basic")
      .map((row) => row.id);
    expect(expected.length).toBeGreaterThan(0);
    const raw = await usedCodes(sim, "filters[product_name_id]=ssl_basic&limit=1000", KEY);
    const encoded = await usedCodes(sim, "filters%5Bproduct_name_id%5D=ssl_basic&limit=1000", KEY);
    expect(ids(raw)).toEqual(expected.slice(0, 1000));
    expect(raw.json().page?.total).toBe(expected.length);
    expect(encoded.text).toBe(raw.text);
    expect(raw.json().codes?.every((row) => row.product_name === "Basic OV")).toBe(true);
  });

  it("filters[voucher_order_id], [certificate_order_id], [code] and [id] match exactly", async () => {
    expect(ids(await usedCodes(sim, "filters[voucher_order_id]=25256", KEY))).toEqual([49178, 49179]);
    expect(ids(await usedCodes(sim, "filters[certificate_order_id]=204928161", KEY))).toEqual([49179]);
    expect(ids(await usedCodes(sim, "filters[code]=ZGGRW6GCJIWCR2XHAU4M6TNNBAURHLJM", KEY))).toEqual([49178]);
    expect(ids(await usedCodes(sim, "filters[id]=49170", KEY))).toEqual([49170]);
    const longId = all.find((row) => text(row.certificate_order_id).length >= 16);
    expect(longId).toBeDefined();
    expect(
      ids(await usedCodes(sim, `filters[certificate_order_id]=${text(longId?.certificate_order_id)}`, KEY)),
    ).toEqual([longId?.id]);
    expect(ids(await usedCodes(sim, "filters[code]=ZGGRW6GCJIWCR2XHAU4M6TNNBAURHLJ", KEY))).toEqual([]);
  });

  it("filters[date_valid_till] targets order_valid_till in every form, blanks never matching", async () => {
    const tills = all
      .map(orderTill)
      .filter((till) => till !== "")
      .sort();
    const low = tills[Math.floor(tills.length * 0.3)] ?? "";
    const high = tills[Math.floor(tills.length * 0.6)] ?? "";
    const expectIds = (test: (till: string) => boolean) =>
      all.filter((row) => orderTill(row) !== "" && test(orderTill(row))).map((row) => row.id);
    const cases: [string, (till: string) => boolean][] = [
      [`${low}...${high}`, (till) => till >= low && till <= high],
      [`<${low}`, (till) => till < low],
      [`>${high}`, (till) => till > high],
      [low, (till) => till === low],
    ];
    for (const [value, test] of cases) {
      const expected = expectIds(test);
      expect(expected.length, value).toBeGreaterThan(0);
      const answer = await usedCodes(
        sim,
        `filters[date_valid_till]=${encodeURIComponent(value)}&limit=1000`,
        KEY,
      );
      expect(answer.json().page?.total, value).toBe(expected.length);
      expect(ids(answer), value).toEqual(expected.slice(0, 1000));
    }
    const unissued = all.filter((row) => orderTill(row) === "").length;
    const everything = await usedCodes(sim, "filters[date_valid_till]=1900-01-01...2999-12-31", KEY);
    expect(everything.json().page?.total).toBe(all.length - unissued);
  });

  it("accepts date-times in a range (a + for the space), the end day's whole date included", async () => {
    const till = all.map(orderTill).find((value) => value !== "") ?? "";
    const answer = await usedCodes(sim, `filters[date_valid_till]=${till}+00:00:00...${till}+23:59:59`, KEY);
    expect(ids(answer)).toEqual(all.filter((row) => orderTill(row) === till).map((row) => row.id));
  });

  it("combines filters with AND", async () => {
    const answer = await usedCodes(
      sim,
      "filters[voucher_order_id]=25256&filters[product_name_id]=ssl_basic",
      KEY,
    );
    expect(ids(answer)).toEqual([49178]);
  });

  it("refuses an unsupported filter or a malformed date with DigiCert's error envelope", async () => {
    for (const query of [
      "filters[organization]=Acme",
      "filters[date_valid_till]=03/04/2022",
      "filters[date_valid_till]=2022-01-01...",
    ]) {
      const answer = await usedCodes(sim, query, KEY);
      expect(answer.status, query).toBe(400);
      expect(answer.json(), query).toMatchObject({ errors: [{ code: "invalid_filter" }] });
    }
  });
});

describe("used codes: sort", () => {
  it("sort=-id gives newest first, sort=id oldest first", async () => {
    const descending = ids(await usedCodes(sim, "sort=-id&limit=1000", KEY));
    expect(descending).toEqual(
      all
        .map((row) => Number(row.id))
        .sort((a, b) => b - a)
        .slice(0, 1000),
    );
    const ascending = ids(await usedCodes(sim, "sort=id&limit=5", KEY));
    expect(ascending).toEqual(all.slice(0, 5).map((row) => row.id));
  });

  it("sorts by several fields, the first deciding, later ones breaking ties", async () => {
    const answer = await usedCodes(sim, "sort=product_name,-created_date,id&limit=1000", KEY);
    const rows = answer.json().codes ?? [];
    expect(rows).toHaveLength(1000);
    const broken = rows.filter((row, i) => {
      const previous = rows[i - 1];
      if (!previous) return false;
      const a = [text(previous.product_name), text(previous.created_date), Number(previous.id)] as const;
      const b = [text(row.product_name), text(row.created_date), Number(row.id)] as const;
      if (a[0] !== b[0]) return a[0] > b[0];
      if (a[1] !== b[1]) return a[1] < b[1];
      return a[2] >= b[2];
    });
    expect(broken).toEqual([]);
    expect(new Set(rows.map((row) => row.product_name)).size).toBeGreaterThan(1);
  });

  it("sorts digit strings as exact integers, so 16+ digit order ids come after 9-digit ones", async () => {
    const answer = await usedCodes(sim, "sort=-certificate_order_id&limit=3", KEY);
    const expected = all
      .map((row) => text(row.certificate_order_id))
      .sort((a, b) => (a.length !== b.length ? b.length - a.length : a < b ? 1 : a > b ? -1 : 0))
      .slice(0, 3);
    expect(answer.json().codes?.map((row) => row.certificate_order_id)).toEqual(expected);
    expect(expected[0]?.length).toBeGreaterThanOrEqual(16);
  });

  it("refuses a field that does not exist", async () => {
    const answer = await usedCodes(sim, "sort=-organization", KEY);
    expect(answer.status).toBe(400);
    expect(answer.json()).toMatchObject({ errors: [{ code: "invalid_sort" }] });
  });
});

describe("used codes: limit, offset and page", () => {
  it("slices by limit and offset and echoes both in page", async () => {
    const answer = await usedCodes(sim, "limit=10&offset=20", KEY);
    expect(answer.json().page).toEqual({ total: all.length, limit: 10, offset: 20 });
    expect(answer.json().codes).toEqual(all.slice(20, 30));
  });

  it("caps limit at 1000 and says so in page.limit", async () => {
    const answer = await usedCodes(sim, "limit=5000", KEY);
    expect(answer.json().codes).toHaveLength(1000);
    expect(answer.json().page).toEqual({ total: all.length, limit: 1000, offset: 0 });
  });

  it("walks the whole filtered list page by page with a unique sort", async () => {
    const seen: number[] = [];
    for (let offset = 0; ; offset += 1000) {
      const answer = await usedCodes(sim, `sort=-created_date,id&limit=1000&offset=${offset}`, KEY);
      const page = ids(answer);
      seen.push(...page);
      if (page.length < 1000) break;
    }
    expect(seen).toHaveLength(all.length);
    expect(new Set(seen).size).toBe(all.length);
  });

  it("past the end answers no codes key and the true total", async () => {
    const answer = await usedCodes(sim, `offset=${all.length}`, KEY);
    expect(answer.json()).toEqual({ page: { total: all.length, limit: 1000, offset: all.length } });
  });

  it.each(["limit=-1", "limit=ten", "offset=1.5", "offset=-3"])("refuses %s", async (query) => {
    const answer = await usedCodes(sim, query, KEY);
    expect(answer.status).toBe(400);
    expect(answer.json().errors?.[0]?.code).toMatch(/^invalid_(limit|offset)$/);
  });
});

describe("used codes: CSV", () => {
  it("starts with the seed's header line and writes the seed rows exactly as the seed does", async () => {
    const answer = await usedCodes(sim, "filters[voucher_order_id]=25256", KEY, { Accept: "text/csv" });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("text/csv");
    expect(answer.text).toBe(`${SEED_CSV_HEADER}\n${SEED_CSV_49178}\n${SEED_CSV_49179}\n`);
  });

  it("quotes like the seed: text with spaces, colons, commas or quotes quoted (quotes doubled), the rest bare", async () => {
    const answer = await usedCodes(sim, "limit=1000", KEY, { Accept: "text/csv" });
    const lines = answer.text.split("\n");
    expect(lines[0]).toBe(SEED_CSV_HEADER);
    const parsed = Papa.parse<string[]>(answer.text.trimEnd(), { header: false });
    expect(parsed.errors).toEqual([]);
    const json = (await usedCodes(sim, "limit=1000", KEY)).json().codes ?? [];
    expect(parsed.data.slice(1)).toEqual(
      json.map((row) => USED_CODE_FIELDS.map((field) => text(row[field]))),
    );
    const withComma = json.find((row) => text(row.cert_organization).includes(","));
    expect(withComma).toBeDefined();
    const quotedOrg = `"${text(withComma?.cert_organization).replaceAll('"', '""')}"`;
    expect(answer.text).toContain(quotedOrg);
    expect(answer.text).not.toMatch(/"\d+"/); // numbers and ids are never quoted
    expect(answer.text).not.toMatch(/,"N\/A",/);
  });

  it("applies filters, sort and paging exactly as the JSON answer does", async () => {
    const query = "filters[product_name_id]=ssl_basic&sort=-id&limit=50&offset=5";
    const csv = await usedCodes(sim, query, KEY, { Accept: "text/csv" });
    const json = await usedCodes(sim, query, KEY);
    const csvIds = csv.text
      .trimEnd()
      .split("\n")
      .slice(1)
      .map((line) => Number(line.split(",")[0]));
    expect(csvIds).toEqual(ids(json));
  });

  it("answers just the header line when nothing matches", async () => {
    const answer = await usedCodes(sim, "filters[id]=1", KEY, { Accept: "text/csv" });
    expect(answer.text).toBe(`${SEED_CSV_HEADER}\n`);
  });
});

describe("key check and unknown routes", () => {
  const denied = {
    errors: [
      {
        code: "access_denied|access_denied_invalid_key",
        message: "Access denied due to access_denied_invalid_key.",
      },
    ],
  };

  it("answers 403 access_denied_invalid_key to a missing or wrong key, on every route", async () => {
    for (const [path, headers] of [
      ["/services/v2/voucher/download/used-codes", {}],
      ["/services/v2/voucher/download/used-codes", { "X-DC-DEVKEY": "wrong" }],
      ["/services/v2/voucher/download/used-codes", { "X-DC-DEVKEY": KEY.toUpperCase() }],
      ["/services/v2/order/certificate/204928159", {}],
      ["/services/v2/no/such/route", { "X-DC-DEVKEY": "wrong" }],
    ] as const) {
      const answer = await request(sim, path, headers);
      expect(answer.status, `${path} ${JSON.stringify(headers)}`).toBe(403);
      expect(answer.json()).toEqual(denied);
    }
  });

  it("answers 404 not_found|route to an unknown route or method", async () => {
    const route = { errors: [{ code: "not_found|route", message: "The specified route was not found." }] };
    for (const [path, method] of [
      ["/services/v2/voucher/download/unused-codes", "GET"],
      ["/services/v2/voucher/download/used-codes", "POST"],
      ["/services/v3/voucher/download/used-codes", "GET"],
    ] as const) {
      const answer = await request(sim, path, { "X-DC-DEVKEY": KEY }, { method });
      expect(answer.status, path).toBe(404);
      expect(answer.json()).toEqual(route);
    }
  });
});
