/**
 * DigiCert's product identifiers (name_id) and the display names the used-codes rows carry.
 * The used-codes row exposes only `product_name`, while its filter takes `product_name_id`,
 * so both the simulator and the dashboard need this mapping. Source: docs/digicert-api.md §5.
 * `confirmed: false` marks display names inferred from identifiers seen in public client code.
 */
export interface Product {
  nameId: string;
  displayName: string;
  confirmed: boolean;
}

export const PRODUCTS: readonly Product[] = [
  { nameId: "ssl_basic", displayName: "Basic OV", confirmed: true },
  { nameId: "ssl_ev_basic", displayName: "Basic EV", confirmed: false },
  { nameId: "ssl_ev_securesite_pro", displayName: "Secure Site Pro EV SSL", confirmed: true },
  { nameId: "ssl_securesite_pro", displayName: "Secure Site Pro SSL", confirmed: true },
  { nameId: "ssl_securesite_flex", displayName: "Secure Site OV", confirmed: true },
  { nameId: "ssl_ev_securesite_flex", displayName: "Secure Site EV", confirmed: true },
  { nameId: "ssl_securesite", displayName: "Secure Site SSL", confirmed: true },
  { nameId: "ssl_ev_securesite", displayName: "Secure Site EV SSL", confirmed: true },
  { nameId: "ssl_securesite_multi_domain", displayName: "Secure Site Multi-Domain SSL", confirmed: true },
  {
    nameId: "ssl_ev_securesite_multi_domain",
    displayName: "Secure Site EV Multi-Domain SSL",
    confirmed: true,
  },
  { nameId: "ssl_securesite_wildcard", displayName: "Secure Site Wildcard SSL", confirmed: true },
  { nameId: "ssl_dv_geotrust_flex", displayName: "GeoTrust DV SSL", confirmed: true },
  { nameId: "ssl_dv_thawte", displayName: "Thawte SSL123 DV", confirmed: true },
  { nameId: "ssl_dv_geotrust", displayName: "GeoTrust Standard DV", confirmed: true },
  { nameId: "wildcard_dv_geotrust", displayName: "GeoTrust Wildcard DV", confirmed: true },
  { nameId: "cloud_dv_geotrust", displayName: "GeoTrust Cloud DV", confirmed: true },
  { nameId: "ssl_dv_rapidssl", displayName: "RapidSSL Standard DV", confirmed: true },
  { nameId: "wildcard_dv_rapidssl", displayName: "RapidSSL Wildcard DV", confirmed: true },
  { nameId: "ssl_plus", displayName: "Standard SSL", confirmed: true },
  { nameId: "code_signing", displayName: "Code Signing", confirmed: true },
  { nameId: "code_signing_ev", displayName: "EV Code Signing", confirmed: true },
  { nameId: "ssl_geotrust_truebizid", displayName: "GeoTrust TrueBusiness ID OV", confirmed: false },
  { nameId: "ssl_ev_geotrust_truebizid", displayName: "GeoTrust TrueBusiness ID EV", confirmed: false },
  { nameId: "ssl_thawte_webserver", displayName: "Thawte SSL Web Server OV", confirmed: false },
  { nameId: "ssl_ev_thawte_webserver", displayName: "Thawte SSL Web Server EV", confirmed: false },
  { nameId: "ssl_wildcard", displayName: "Wildcard SSL", confirmed: false },
  { nameId: "ssl_multi_domain", displayName: "Multi-Domain SSL", confirmed: false },
  { nameId: "ssl_ev_plus", displayName: "EV SSL Plus", confirmed: false },
  { nameId: "ssl_ev_multi_domain", displayName: "EV Multi-Domain SSL", confirmed: false },
];

/** Catalog entries keyed by the forms lookups use; built once. */
const BY_NAME_ID = new Map(PRODUCTS.map((product) => [product.nameId, product]));
const BY_DISPLAY_KEY = new Map(PRODUCTS.map((product) => [displayKey(product.displayName), product]));

/** Prefix of an id derived from a display name outside the catalog; no catalog id starts with it. */
export const DERIVED_NAME_ID_PREFIX = "x_";

/** Display names compare without case and with runs of whitespace folded: "basic  ov" is Basic OV. */
function displayKey(displayName: string): string {
  return displayName.trim().replace(/\s+/g, " ").toLowerCase();
}

export function productByNameId(nameId: string): Product | undefined {
  return BY_NAME_ID.get(nameId.trim());
}

/** A derived id as `productNameIdOf` writes it: the prefix, then letters, digits and `_`. */
const DERIVED_NAME_ID = new RegExp(`^${DERIVED_NAME_ID_PREFIX}[\\p{L}\\p{N}_]+$`, "u");

/** True for an id `productNameIdOf` can give: a catalog name_id, or a derived `x_…` id. */
export function isProductNameId(value: string): boolean {
  return BY_NAME_ID.has(value) || DERIVED_NAME_ID.test(value);
}

export function productByDisplayName(displayName: string): Product | undefined {
  return BY_DISPLAY_KEY.get(displayKey(displayName));
}

/**
 * The product id for a used-code row's `product_name`, so rows can always be filtered by id.
 *
 * A catalog name gives its DigiCert name_id. Any other name gives a derived id that is stable
 * (a pure function of the name) and never collides with a catalog id: `x_` followed by the
 * name lower-cased, accents removed, and every run of characters other than letters and digits
 * (any script) replaced by one `_`, with no `_` at either end. "Acme Trust SSL (2 yr)" →
 * `x_acme_trust_ssl_2_yr`; "Société Générale DV" → `x_societe_generale_dv`. Names differing
 * only in case, accents or punctuation share an id, on purpose: they are the same product
 * spelled twice. A name with no letter or digit at all is spelled by its code points in hex
 * (`"★"` → `x_u2605`) so it still gets an id of its own.
 */
export function productNameIdOf(displayName: string): string {
  const product = productByDisplayName(displayName);
  if (product) return product.nameId;
  const slug = displayName
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "_")
    .replace(/^_+|_+$/g, "");
  if (slug !== "") return DERIVED_NAME_ID_PREFIX + slug;
  const codePoints = [...displayName.trim()].map((char) => `u${char.codePointAt(0)?.toString(16)}`);
  return DERIVED_NAME_ID_PREFIX + codePoints.join("_");
}
