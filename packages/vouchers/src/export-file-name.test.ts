import { describe, expect, it } from "vitest";
import { exportFileName } from "./export-file-name.js";
import { DEFAULT_VIEW, type ViewState } from "./view.js";

const day = new Date(2026, 11, 3, 23, 59);
const withProducts = (values: (string | null)[]): ViewState => ({
  ...DEFAULT_VIEW,
  filters: { product_name: { type: "values", values } },
});

describe("exportFileName", () => {
  it("carries the local date and the chosen product", () => {
    expect(exportFileName(withProducts(["ssl_basic"]), day)).toBe("voucher-codes-2026-12-03-basic-ov.csv");
    expect(exportFileName(withProducts(["ssl_ev_securesite_pro"]), new Date(2025, 0, 9))).toBe(
      "voucher-codes-2025-01-09-secure-site-pro-ev-ssl.csv",
    );
  });

  it("names the view without a product filter, with several products, or with blank products", () => {
    expect(exportFileName(DEFAULT_VIEW, day)).toBe("voucher-codes-2026-12-03.csv");
    expect(exportFileName(withProducts([]), day)).toBe("voucher-codes-2026-12-03.csv");
    expect(exportFileName(withProducts(["ssl_basic", "ssl_plus", null]), day)).toBe(
      "voucher-codes-2026-12-03-3-products.csv",
    );
    expect(exportFileName(withProducts([null]), day)).toBe("voucher-codes-2026-12-03-no-product.csv");
  });

  it("keeps derived and unknown product ids to safe ASCII", () => {
    expect(exportFileName(withProducts(["x_société_générale_ca"]), day)).toBe(
      "voucher-codes-2026-12-03-x-societe-generale-ca.csv",
    );
    expect(exportFileName(withProducts(["x_株式会社"]), day)).toBe("voucher-codes-2026-12-03-x.csv");
    expect(exportFileName(withProducts(["株式会社"]), day)).toBe("voucher-codes-2026-12-03-product.csv");
  });
});
