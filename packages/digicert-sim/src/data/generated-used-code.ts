/**
 * Used-code rows exactly as DigiCert puts them on the wire, quirks included: `" "` for a
 * certificate that is not issued yet, `certificate_order_id` as a string, `server_licenses`
 * as `"1"`, `no_of_wildcards` sometimes a string. The simulator stores and serves raw rows;
 * normalizing them is the client's job (`@voucher-desk/digicert`).
 */
export type GeneratedUsedCode = {
  id: number;
  value: string;
  product_name: string;
  no_of_fqdns: number;
  no_of_wildcards: number | string;
  shipping_method: "N/A" | "STANDARD" | "EXPEDITED";
  validity_years: number;
  validity_days: number;
  status: "used";
  created_date: string;
  voucher_order_id: number;
  cert_request_date: string;
  cert_validity_start_date: string;
  cert_validity_end_date: string;
  cert_organization: string;
  cert_common_name: string;
  certificate_order_id: string;
  voucher_validity_end_date: string;
  order_valid_from: string;
  order_valid_till: string;
  server_licenses: string | number;
};

/** A row the simulator serves: a generated GeneratedUsedCode, or whatever a fixture file held. */
export type ServedRow = Readonly<Record<string, unknown>>;

/** DigiCert's marker for "not issued yet" (docs call it an empty string, it is one space). */
export const NOT_ISSUED = " ";

/** The three example rows of the seed document, verbatim (49170 as in its JSON example). */
export const SEED_ROWS: readonly GeneratedUsedCode[] = [
  {
    id: 49170,
    value: "ZVB3LWIH3H3U53AOZU5QZ4W4TUTRPPCS",
    product_name: "Basic OV",
    no_of_fqdns: 5,
    no_of_wildcards: 0,
    shipping_method: "N/A",
    validity_years: 6,
    validity_days: 0,
    status: "used",
    created_date: "2022-03-03 13:31:03",
    voucher_order_id: 25252,
    cert_request_date: "2022-03-03 13:41:41",
    cert_validity_start_date: " ",
    cert_validity_end_date: " ",
    cert_organization: "Example Inc.",
    cert_common_name: "example.com",
    certificate_order_id: "204928159",
    voucher_validity_end_date: "2023-03-03",
    order_valid_from: " ",
    order_valid_till: " ",
    server_licenses: "1",
  },
  {
    id: 49178,
    value: "ZGGRW6GCJIWCR2XHAU4M6TNNBAURHLJM",
    product_name: "Basic OV",
    no_of_fqdns: 5,
    no_of_wildcards: 0,
    shipping_method: "N/A",
    validity_years: 6,
    validity_days: 0,
    status: "used",
    created_date: "2022-03-03 14:43:28",
    voucher_order_id: 25256,
    cert_request_date: "2022-03-04 10:48:47",
    cert_validity_start_date: " ",
    cert_validity_end_date: " ",
    cert_organization: "Example Inc.",
    cert_common_name: "example.com",
    certificate_order_id: "204928160",
    voucher_validity_end_date: "2023-03-03",
    order_valid_from: " ",
    order_valid_till: " ",
    server_licenses: "1",
  },
  {
    id: 49179,
    value: "4U6P5PVRG6HMOWYNGRD3HBM6QUSJRDH5",
    product_name: "Secure Site Pro EV SSL",
    no_of_fqdns: 2,
    no_of_wildcards: 0,
    shipping_method: "N/A",
    validity_years: 2,
    validity_days: 0,
    status: "used",
    created_date: "2022-03-03 14:43:28",
    voucher_order_id: 25256,
    cert_request_date: "2022-03-04 10:49:38",
    cert_validity_start_date: " ",
    cert_validity_end_date: " ",
    cert_organization: "Example Corp.",
    cert_common_name: "example.com",
    certificate_order_id: "204928161",
    voucher_validity_end_date: "2023-03-03",
    order_valid_from: " ",
    order_valid_till: " ",
    server_licenses: "1",
  },
];
