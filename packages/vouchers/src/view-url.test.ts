import type { UsedCodeField } from "@voucher-desk/digicert";
import { describe, expect, it } from "vitest";
import { FIELDS } from "./fields.js";
import { nastyString, pick, seededRandom } from "./test-support/rows.js";
import { DEFAULT_COLUMNS, DEFAULT_VIEW, type FieldFilter, type SortKey, type ViewState } from "./view.js";
import { parseView, serializeView } from "./view-url.js";

function parse(query: string, allowExtra?: string[]) {
  return parseView(new URLSearchParams(query), { allowExtra });
}

describe("serializeView", () => {
  it("writes the default view as no parameters at all", () => {
    expect(serializeView(DEFAULT_VIEW).toString()).toBe("");
    expect(parse("")).toEqual({ view: DEFAULT_VIEW, problems: [] });
  });

  it("writes readable short keys, repeating a key for several values", () => {
    const view: ViewState = {
      q: "acme",
      filters: {
        product_name: { type: "values", values: ["ssl_basic", "ssl_plus"] },
        cert_organization: { type: "blank" },
        cert_common_name: { type: "contains", text: "shop" },
        created_date: { type: "dateRange", from: "2024-01-01", to: "2024-03-31" },
        no_of_fqdns: { type: "numberRange", min: 2, max: null },
        validity_years: { type: "numberRange", min: 3, max: 3 },
        certificate_order_id: { type: "exact", value: "204928159" },
        status: { type: "values", values: ["used", null] },
      },
      sort: [
        { field: "created_date", dir: "desc" },
        { field: "id", dir: "asc" },
      ],
      columns: ["id", "product_name", "cert_organization"],
    };
    expect(serializeView(view).toString()).toBe(
      // Filters follow the catalog order, whatever order the view object lists them in.
      "q=acme&product=ssl_basic&product=ssl_plus&fqdns=2..&years=3&status=used&status=&created=2024-01-01..2024-03-31&org=&cn=shop&corder=204928159&sort=-created%2Cid&cols=id%2Cproduct%2Corg",
    );
    expect(parseView(serializeView(view))).toEqual({ view, problems: [] });
  });

  it("reports a product that is not an id instead of filtering on it, keeping the known ids", () => {
    // A newcomer typed ?product=Basic+OV and saw "Showing 0" under a chip that looked real.
    const named = parse("product=Basic+OV");
    expect(named.view.filters.product_name).toBeUndefined();
    expect(named.problems).toEqual([
      expect.objectContaining({
        param: "product",
        message: expect.stringContaining('"Basic OV" is a product name, not its id: use ssl_basic'),
      }),
    ]);
    const mixed = parse("product=ssl_basic&product=nope&product=&product=x_acme_trust");
    expect(mixed.view.filters.product_name).toEqual({
      type: "values",
      values: ["ssl_basic", null, "x_acme_trust"],
    });
    expect(mixed.problems.map((p) => [p.param, p.message])).toEqual([
      ["product", expect.stringContaining('unknown product "nope"')],
    ]);
    expect(parse("product=x_").problems).toHaveLength(1);
  });

  it("falls back to the default order when no sort key is usable, instead of fetch order", () => {
    const { view, problems } = parse("sort=bogus,-nope");
    expect(view.sort).toEqual(DEFAULT_VIEW.sort);
    expect(problems.map((p) => p.param)).toEqual(["sort", "sort"]);
    expect(parse("sort=").view.sort).toEqual([]);
  });

  it("keeps a value literally '(blank)' apart from the (blank) choice", () => {
    const literal: ViewState = {
      ...DEFAULT_VIEW,
      filters: {
        cert_organization: { type: "contains", text: "(blank)" },
        shipping_method: { type: "values", values: ["(blank)", null] },
      },
    };
    const params = serializeView(literal);
    expect(params.getAll("org")).toEqual(["(blank)"]);
    expect(params.getAll("shipping")).toEqual(["(blank)", ""]);
    expect(parseView(params).view.filters).toEqual(literal.filters);
    expect(parse("org=").view.filters.cert_organization).toEqual({ type: "blank" });
  });

  it("reads a literal + as a plus and a bare + as a space, like every form-encoded URL", () => {
    const view: ViewState = { ...DEFAULT_VIEW, q: "a+b c&d,e%f" };
    const query = serializeView(view).toString();
    expect(query).toBe("q=a%2Bb+c%26d%2Ce%25f");
    expect(parse(query).view.q).toBe("a+b c&d,e%f");
    expect(parse("q=a+b").view.q).toBe("a b");
  });
});

/** A random view that a user could build, with hostile text wherever text is free. */
function randomView(random: () => number): ViewState {
  const filters: Partial<Record<UsedCodeField, FieldFilter>> = {};
  const day = () =>
    `${2000 + Math.floor(random() * 30)}-${String(1 + Math.floor(random() * 12)).padStart(2, "0")}-${String(1 + Math.floor(random() * 28)).padStart(2, "0")}`;
  const num = () =>
    Math.round((random() * 2000 - 1000) * (random() < 0.3 ? 100 : 1)) / (random() < 0.3 ? 100 : 1) || 0;
  for (const def of FIELDS) {
    if (random() < 0.6) continue;
    const blank = random() < 0.15;
    switch (def.filter) {
      case "product":
      case "enum": {
        const choices = new Set<string | null>();
        const n = 1 + Math.floor(random() * 4);
        // Products are ids (catalog or derived, any script); other choices are free text.
        const value = () =>
          def.filter === "product"
            ? pick(random, ["ssl_basic", "x_acme", "x_société_générale_dv", "x_北京_ssl_2", "x_u2605"])
            : random() < 0.3
              ? pick(random, ["used", "email"])
              : nastyString(random);
        for (let i = 0; i < n; i++) choices.add(random() < 0.2 ? null : value());
        filters[def.name] = { type: "values", values: [...choices] };
        break;
      }
      case "text":
        filters[def.name] = blank ? { type: "blank" } : { type: "contains", text: nastyString(random) };
        break;
      case "exact":
        filters[def.name] = blank
          ? { type: "blank" }
          : {
              type: "exact",
              value: String(Math.floor(random() * 1e6)).padStart(1 + Math.floor(random() * 25), "0"),
            };
        break;
      case "dateRange": {
        const [a, b] = [day(), day()].sort();
        const shape = Math.floor(random() * 4);
        filters[def.name] = blank
          ? { type: "blank" }
          : {
              type: "dateRange",
              from: shape === 1 ? null : (a as string),
              to: shape === 2 ? null : shape === 3 ? (a as string) : (b as string),
            };
        break;
      }
      case "numberRange": {
        const [a, b] = [num(), num()].sort((x, y) => x - y);
        const shape = Math.floor(random() * 4);
        filters[def.name] = blank
          ? { type: "blank" }
          : {
              type: "numberRange",
              min: shape === 1 ? null : (a as number),
              max: shape === 2 ? null : shape === 3 ? (a as number) : (b as number),
            };
        break;
      }
    }
  }
  const shuffled = [...FIELDS].sort(() => random() - 0.5).map((f) => f.name);
  const sort: SortKey[] = shuffled
    .slice(0, Math.floor(random() * 4))
    .map((field) => ({ field, dir: random() < 0.5 ? "asc" : "desc" }));
  const columns = random() < 0.3 ? DEFAULT_COLUMNS : shuffled.slice(0, 1 + Math.floor(random() * 21));
  return { q: random() < 0.5 ? nastyString(random) : "", filters, sort, columns };
}

describe("URL round trip", () => {
  it("gives back every generated view exactly, through the query string and through a URL", () => {
    const random = seededRandom(20261203);
    for (let run = 0; run < 600; run++) {
      const view = randomView(random);
      const query = serializeView(view).toString();
      const fromQuery = parse(query);
      expect(fromQuery, query).toEqual({ view, problems: [] });
      const fromUrl = parseView(new URL(`https://desk.example/?${query}`).searchParams);
      expect(fromUrl.view, query).toEqual(view);
    }
  });

  it("survives ampersands, commas, plus, percent, quotes, accents and CJK in every text filter", () => {
    const samples = [
      "A&B, Inc.",
      "1+1=2",
      '100% "sure"',
      "l'Oréal",
      "株式会社テスト",
      "%25",
      "a..b",
      " padded ",
    ];
    for (const text of samples) {
      const view: ViewState = {
        ...DEFAULT_VIEW,
        q: text,
        filters: {
          cert_organization: { type: "contains", text },
          cert_common_name: { type: "contains", text },
          shipping_method: { type: "values", values: [text] },
        },
      };
      expect(parseView(new URLSearchParams(serializeView(view).toString())).view).toEqual(view);
    }
  });
});

describe("parseView problems", () => {
  it("drops each invalid part, keeps the rest, and names the parameter in a message", () => {
    const { view, problems } = parse(
      "org=acme&created=2024-02-30..2024-03-01&expires=2024-05-01..2024-04-01&fqdns=two&corder=12a&sort=-created,nope,created&cols=id,bogus,id,org&utm_source=x",
    );
    expect(view).toEqual({
      q: "",
      filters: { cert_organization: { type: "contains", text: "acme" } },
      sort: [{ field: "created_date", dir: "desc" }],
      columns: ["id", "cert_organization"],
    });
    expect(problems.map((p) => p.param)).toEqual([
      "created",
      "expires",
      "fqdns",
      "corder",
      "sort",
      "sort",
      "cols",
      "cols",
      "utm_source",
    ]);
    for (const problem of problems) expect(problem.message).toContain(`${problem.param}`);
    expect(problems[0]?.message).toContain("2024-02-30");
    expect(problems[1]?.message).toContain("after");
  });

  it("ignores only the extra parameters the caller allows", () => {
    expect(parse("bom=0&org=x", ["bom"]).problems).toEqual([]);
    expect(parse("bom=0&org=x").problems).toEqual([{ param: "bom", message: "`bom`: unknown parameter" }]);
  });

  it("says what is wrong and leaves the consequence to the caller (the dashboard ignores, the CSV route refuses)", () => {
    const { problems } = parse(
      "q=a&q=b&created=..&fqdns=5..2&corder=x&sort=nope,id,id&cols=foo,id,id&utm_source=x",
    );
    expect(problems.map((p) => p.message)).toEqual([
      "`q`: given 2 times, expected once",
      '`created` (Created): ".." has neither a start nor an end; use YYYY-MM-DD..YYYY-MM-DD, either side may be empty',
      "`fqdns` (FQDNs): its start 5 is after its end 2; use MIN..MAX, either side may be empty",
      '`corder` (Certificate order): must be digits only, got "x"',
      '`sort`: unknown column `nope` (use column keys, "-" before one for descending)',
      "`sort`: `id` is listed twice",
      "`cols`: unknown column `foo`",
      "`cols`: `id` is listed twice",
      "`utm_source`: unknown parameter",
    ]);
    expect(parse("cols=foo").problems.map((p) => p.message)).toEqual([
      "`cols`: unknown column `foo`",
      "`cols`: names no known column",
    ]);
  });

  it("uses the first of a repeated single-value parameter and says so", () => {
    const { view, problems } = parse("q=a&q=b&org=x&org=y");
    expect(view.q).toBe("a");
    expect(view.filters.cert_organization).toEqual({ type: "contains", text: "x" });
    expect(problems.map((p) => p.param)).toEqual(["q", "org"]);
  });

  it("falls back to the default columns when none is valid, and reads an empty sort as none", () => {
    const { view, problems } = parse("cols=zzz&sort=");
    expect(view.columns).toEqual(DEFAULT_COLUMNS);
    expect(view.sort).toEqual([]);
    expect(problems).toHaveLength(2);
  });

  it("reads one day, open ranges and leap days", () => {
    expect(parse("created=2024-02-29").view.filters.created_date).toEqual({
      type: "dateRange",
      from: "2024-02-29",
      to: "2024-02-29",
    });
    expect(parse("created=..2024-02-29").view.filters.created_date).toEqual({
      type: "dateRange",
      from: null,
      to: "2024-02-29",
    });
    expect(parse("fqdns=-2.5..").view.filters.no_of_fqdns).toEqual({
      type: "numberRange",
      min: -2.5,
      max: null,
    });
    expect(parse("created=2023-02-29").problems.map((p) => p.param)).toEqual(["created"]);
    expect(parse("created=2024-1-5").problems.map((p) => p.param)).toEqual(["created"]);
  });

  it("drops a range with neither end (a bare `..`) and reports it, instead of filtering by nothing", () => {
    for (const query of ["requested=..", "fqdns=..", "created=.."]) {
      const { view, problems } = parse(`org=acme&${query}`);
      expect(view.filters, query).toEqual({ cert_organization: { type: "contains", text: "acme" } });
      expect(problems.map((p) => p.param)).toEqual([query.split("=")[0]]);
      expect(problems[0]?.message).toContain("neither a start nor an end");
    }
  });

  it("drops a reversed range and reports it, instead of applying a filter nothing can match", () => {
    const { view, problems } = parse("fqdns=5..2&created=2026-12-31..2020-01-01&years=1..3");
    expect(view.filters).toEqual({ validity_years: { type: "numberRange", min: 1, max: 3 } });
    expect(problems.map((p) => p.param)).toEqual(["fqdns", "created"]);
    expect(problems[0]?.message).toContain("5 is after its end 2");
    expect(problems[1]?.message).toContain("2026-12-31 is after its end 2020-01-01");
  });
});
