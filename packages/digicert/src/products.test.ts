import { describe, expect, it } from "vitest";
import {
  DERIVED_NAME_ID_PREFIX,
  PRODUCTS,
  productByDisplayName,
  productByNameId,
  productNameIdOf,
} from "./products.js";

describe("product catalog", () => {
  it("has unique ids and display names, none using the derived prefix", () => {
    const ids = PRODUCTS.map((product) => product.nameId);
    const names = PRODUCTS.map((product) => product.displayName.toLowerCase());
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(names).size).toBe(names.length);
    expect(ids.filter((id) => id.startsWith(DERIVED_NAME_ID_PREFIX))).toEqual([]);
  });

  it("maps name_id and display name both ways", () => {
    expect(productByNameId("ssl_basic")?.displayName).toBe("Basic OV");
    expect(productByNameId("ssl_ev_securesite_pro")?.displayName).toBe("Secure Site Pro EV SSL");
    expect(productByDisplayName("Secure Site Pro EV SSL")?.nameId).toBe("ssl_ev_securesite_pro");
    expect(productByDisplayName("GeoTrust DV SSL")?.nameId).toBe("ssl_dv_geotrust_flex");
    for (const product of PRODUCTS) {
      expect(productByDisplayName(product.displayName)).toBe(product);
      expect(productByNameId(product.nameId)).toBe(product);
    }
  });

  it("matches display names regardless of case and spacing", () => {
    expect(productByDisplayName("  basic   ov ")?.nameId).toBe("ssl_basic");
    expect(productByDisplayName("Basic OVX")).toBeUndefined();
    expect(productByNameId("SSL_BASIC")).toBeUndefined();
    expect(productByNameId("x_basic_ov")).toBeUndefined();
  });
});

describe("productNameIdOf", () => {
  it("gives the catalog id for a catalog name", () => {
    expect(productNameIdOf("Basic OV")).toBe("ssl_basic");
    expect(productNameIdOf("Secure Site EV")).toBe("ssl_ev_securesite_flex");
    expect(productNameIdOf("Secure Site EV SSL")).toBe("ssl_ev_securesite");
  });

  it.each([
    ["Acme Trust SSL (2 yr)", "x_acme_trust_ssl_2_yr"],
    ["Société Générale DV", "x_societe_generale_dv"],
    ["  Private SSL Plus  ", "x_private_ssl_plus"],
    ["证书 Pro", "x_证书_pro"],
    ["★", "x_u2605"],
    ["+-+", "x_u2b_u2d_u2b"],
  ])("derives %j → %j", (name, id) => {
    expect(productNameIdOf(name)).toBe(id);
  });

  it("is stable and never returns a catalog id for an unknown name", () => {
    const names = ["Basic OV Plus", "ssl_basic", "Secure Site", "Code Signing Pro"];
    for (const name of names) {
      const id = productNameIdOf(name);
      expect(productNameIdOf(name)).toBe(id);
      expect(id.startsWith(DERIVED_NAME_ID_PREFIX)).toBe(true);
      expect(productByNameId(id)).toBeUndefined();
    }
  });

  it("gives different names different ids", () => {
    const names = ["Acme DV", "Acme OV", "Acme EV", "Acme DV 2", "★", "☆"];
    expect(new Set(names.map(productNameIdOf)).size).toBe(names.length);
  });
});
