/**
 * @voucher-desk/digicert: the DigiCert upstream contract. Raw DigiCert payloads go in,
 * normalized values come out. Bundled by the browser too, so no node-only imports.
 */
export {
  type DigicertError,
  DigicertPayloadError,
  parseDigicertError,
  rawErrorEnvelopeSchema,
} from "./errors.js";
export {
  blankToNull,
  countSchema,
  dateTextSchema,
  flagSchema,
  integerIdSchema,
  rawScalarSchema,
  stringIdSchema,
  textSchema,
} from "./lenient.js";
export {
  type NormalizedUsedCodes,
  normalizeUsedCode,
  normalizeUsedCodes,
  type RawUsedCode,
  type RejectedUsedCode,
  rawUsedCodeSchema,
  type UsedCodeFieldIssue,
  type UsedCodeReading,
  type UsedCodeRowIssue,
} from "./normalize-used-code.js";
export {
  normalizeOrder,
  type OrderDetails,
  orderDetailsSchema,
  type RawOrder,
  rawOrderSchema,
} from "./order.js";
export {
  DERIVED_NAME_ID_PREFIX,
  isProductNameId,
  PRODUCTS,
  type Product,
  productByDisplayName,
  productByNameId,
  productNameIdOf,
} from "./products.js";
export { USED_CODE_FIELDS, type UsedCode, type UsedCodeField, usedCodeSchema } from "./used-code.js";
export { parseUsedCodesCsv } from "./used-codes-csv.js";
export {
  type ListPage,
  rawUsedCodesResponseSchema,
  readUsedCodesResponse,
  type UsedCodesPage,
} from "./used-codes-response.js";
