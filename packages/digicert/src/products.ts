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
