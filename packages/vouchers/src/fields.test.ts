import { USED_CODE_FIELDS } from "@voucher-desk/digicert";
import { describe, expect, it } from "vitest";
import { FIELDS, fieldByUrlKey, fieldDef, formatCell, isNumericField } from "./fields.js";
import { VIEW_PARAMS } from "./view-url.js";

describe("field catalog", () => {
  it("lists DigiCert's 21 fields in DigiCert's order with the agreed labels", () => {
    expect(FIELDS.map((f) => f.name)).toEqual([...USED_CODE_FIELDS]);
    expect(Object.fromEntries(FIELDS.map((f) => [f.name, f.label]))).toEqual({
      id: "ID",
      value: "Voucher code",
      product_name: "Product",
      no_of_fqdns: "FQDNs",
      no_of_wildcards: "Wildcards",
      shipping_method: "Shipping",
      validity_years: "Validity (years)",
      validity_days: "Validity (days)",
      status: "Status",
      created_date: "Created",
      voucher_order_id: "Voucher order",
      cert_request_date: "Certificate requested",
      cert_validity_start_date: "Certificate valid from",
      cert_validity_end_date: "Certificate valid until",
      cert_organization: "Organization",
      cert_common_name: "Common name",
      certificate_order_id: "Certificate order",
      voucher_validity_end_date: "Voucher expires",
      order_valid_from: "Order valid from",
      order_valid_till: "Order valid until",
      server_licenses: "Server licenses",
    });
  });

  it("gives every field a distinct URL key that no reserved parameter uses", () => {
    const keys = FIELDS.map((f) => f.urlKey);
    expect(new Set(keys).size).toBe(21);
    for (const reserved of Object.values(VIEW_PARAMS)) expect(keys).not.toContain(reserved);
    for (const def of FIELDS) expect(fieldByUrlKey(def.urlKey)).toBe(def);
    expect(fieldByUrlKey("cert_organization")).toBeUndefined();
  });

  it("says 'Not issued' only for blank certificate and order validity dates", () => {
    const notIssued = FIELDS.filter((f) => f.blankLabel === "Not issued").map((f) => f.name);
    expect(notIssued).toEqual([
      "cert_validity_start_date",
      "cert_validity_end_date",
      "order_valid_from",
      "order_valid_till",
    ]);
    expect(FIELDS.filter((f) => f.blankLabel !== "Not issued").every((f) => f.blankLabel === "—")).toBe(true);
  });

  it("formats cells from the catalog, never as Invalid Date, NaN or 1970", () => {
    expect(formatCell("cert_validity_end_date", null)).toBe("Not issued");
    expect(formatCell("cert_organization", null)).toBe("—");
    expect(formatCell("server_licenses", undefined)).toBe("—");
    expect(formatCell("no_of_fqdns", 0)).toBe("0");
    expect(formatCell("created_date", "2022-03-03 13:31:03")).toBe("2022-03-03 13:31:03");
    expect(formatCell("certificate_order_id", "123456789012345678901")).toBe("123456789012345678901");
  });

  it("knows which fields hold numbers and which filter each offers", () => {
    expect(FIELDS.filter((f) => isNumericField(f.name)).map((f) => f.name)).toEqual([
      "id",
      "no_of_fqdns",
      "no_of_wildcards",
      "validity_years",
      "validity_days",
      "voucher_order_id",
      "server_licenses",
    ]);
    expect(fieldDef("product_name").filter).toBe("product");
    expect(fieldDef("cert_organization").filter).toBe("text");
    expect(fieldDef("voucher_order_id").filter).toBe("exact");
    expect(fieldDef("certificate_order_id").filter).toBe("exact");
    expect(fieldDef("status").filter).toBe("enum");
    expect(
      FIELDS.filter((f) => f.kind === "date" || f.kind === "datetime").every((f) => f.filter === "dateRange"),
    ).toBe(true);
  });
});
