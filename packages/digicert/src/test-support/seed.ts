/**
 * The seed document's examples (docs: list-used-voucher-codes), verbatim. Note the docs' CSV
 * sample shows different code values than its JSON sample (a docs typo); SEED_CSV_AS_JSON is
 * the JSON DigiCert would send for the CSV's three rows.
 */
export const SEED_JSON = `{
  "codes": [
    {
      "id": 49170,
      "value": "ZVB3LWIH3H3U53AOZU5QZ4W4TUTRPPCS",
      "product_name": "Basic OV",
      "no_of_fqdns": 5,
      "no_of_wildcards": 0,
      "shipping_method": "N/A",
      "validity_years": 6,
      "validity_days": 0,
      "status": "used",
      "created_date": "2022-03-03 13:31:03",
      "voucher_order_id": 25252,
      "cert_request_date": "2022-03-03 13:41:41",
      "cert_validity_start_date": " ",
      "cert_validity_end_date": " ",
      "cert_organization": "Example Inc.",
      "cert_common_name": "example.com",
      "certificate_order_id": "204928159",
      "voucher_validity_end_date": "2023-03-03",
      "order_valid_from": " ",
      "order_valid_till": " ",
      "server_licenses": "1"
    }
  ]
}`;

export const SEED_CSV_LINES = [
  "id,value,product_name,no_of_fqdns,no_of_wildcards,shipping_method,validity_years,validity_days,status,created_date,voucher_order_id,cert_request_date,cert_validity_start_date,cert_validity_end_date,cert_organization,cert_common_name,certificate_order_id,voucher_validity_end_date,order_valid_from,order_valid_till,server_licenses",
  '49170,ZVB3EWIHDH3U63AOZU5QZ4W4TUTRPPCS,"Basic OV",5,0,N/A,6,0,used,"2022-03-03 13:31:03",25252,"2022-03-03 13:41:41"," "," ","Example Inc.",example.com,204928159,2023-03-03," "," ",1',
  '49178,ZGGRW6GCJIWCR2XHAU4M6TNNBAURHLJM,"Basic OV",5,0,N/A,6,0,used,"2022-03-03 14:43:28",25256,"2022-03-04 10:48:47"," "," ","Example Inc.",example.com,204928160,2023-03-03," "," ",1',
  '49179,4U6P5PVRG6HMOWYNGRD3HBM6QUSJRDH5,"Secure Site Pro EV SSL",2,0,N/A,2,0,used,"2022-03-03 14:43:28",25256,"2022-03-04 10:49:38"," "," ","Example Corp.",example.com,204928161,2023-03-03," "," ",1',
] as const;

/** LF line ends, as in the seed document. */
export const SEED_CSV = `${SEED_CSV_LINES.join("\n")}\n`;

/** The JSON body DigiCert would send for the CSV sample's rows, with JSON's types and blanks. */
export const SEED_CSV_AS_JSON = `{"codes":[
{"id":49170,"value":"ZVB3EWIHDH3U63AOZU5QZ4W4TUTRPPCS","product_name":"Basic OV","no_of_fqdns":5,"no_of_wildcards":0,"shipping_method":"N/A","validity_years":6,"validity_days":0,"status":"used","created_date":"2022-03-03 13:31:03","voucher_order_id":25252,"cert_request_date":"2022-03-03 13:41:41","cert_validity_start_date":" ","cert_validity_end_date":" ","cert_organization":"Example Inc.","cert_common_name":"example.com","certificate_order_id":"204928159","voucher_validity_end_date":"2023-03-03","order_valid_from":" ","order_valid_till":" ","server_licenses":"1"},
{"id":49178,"value":"ZGGRW6GCJIWCR2XHAU4M6TNNBAURHLJM","product_name":"Basic OV","no_of_fqdns":5,"no_of_wildcards":0,"shipping_method":"N/A","validity_years":6,"validity_days":0,"status":"used","created_date":"2022-03-03 14:43:28","voucher_order_id":25256,"cert_request_date":"2022-03-04 10:48:47","cert_validity_start_date":" ","cert_validity_end_date":" ","cert_organization":"Example Inc.","cert_common_name":"example.com","certificate_order_id":"204928160","voucher_validity_end_date":"2023-03-03","order_valid_from":" ","order_valid_till":" ","server_licenses":"1"},
{"id":49179,"value":"4U6P5PVRG6HMOWYNGRD3HBM6QUSJRDH5","product_name":"Secure Site Pro EV SSL","no_of_fqdns":2,"no_of_wildcards":0,"shipping_method":"N/A","validity_years":2,"validity_days":0,"status":"used","created_date":"2022-03-03 14:43:28","voucher_order_id":25256,"cert_request_date":"2022-03-04 10:49:38","cert_validity_start_date":" ","cert_validity_end_date":" ","cert_organization":"Example Corp.","cert_common_name":"example.com","certificate_order_id":"204928161","voucher_validity_end_date":"2023-03-03","order_valid_from":" ","order_valid_till":" ","server_licenses":"1"}
]}`;

/** A complete raw row with a real value in every field, to blank or drift one field at a time. */
export function fullRawRow(): Record<string, string | number> {
  return {
    id: 49170,
    value: "ZVB3LWIH3H3U53AOZU5QZ4W4TUTRPPCS",
    product_name: "Basic OV",
    no_of_fqdns: 5,
    no_of_wildcards: 1,
    shipping_method: "N/A",
    validity_years: 6,
    validity_days: 0,
    status: "used",
    created_date: "2022-03-03 13:31:03",
    voucher_order_id: 25252,
    cert_request_date: "2022-03-03 13:41:41",
    cert_validity_start_date: "2022-03-04 00:00:00",
    cert_validity_end_date: "2023-04-04 23:59:59",
    cert_organization: "Example Inc.",
    cert_common_name: "example.com",
    certificate_order_id: "204928159",
    voucher_validity_end_date: "2023-03-03",
    order_valid_from: "2022-03-04",
    order_valid_till: "2028-03-03",
    server_licenses: "1",
  };
}
