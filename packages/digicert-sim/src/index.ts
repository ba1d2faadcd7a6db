/**
 * @voucher-desk/digicert-sim: a DigiCert Services API simulator for tests and the demo.
 * Node only (it listens on a port). See README.md for what it reproduces and what it does not.
 */
export { FixtureError, fixtureRows, loadFixture } from "./data/fixture.js";
export {
  FLOAT_LOOKING_CODE,
  type GenerateOptions,
  generateUsedCodes,
  MAX_GENERATED_CODES,
} from "./data/generate.js";
export { type GeneratedUsedCode, NOT_ISSUED, SEED_ROWS, type ServedRow } from "./data/generated-used-code.js";
export { certificateOrderJson } from "./data/orders.js";
export { type CsvLineEnding, writeUsedCodesCsv } from "./query/used-codes-csv.js";
export { MAX_LIMIT } from "./query/used-codes-query.js";
export { ORDER_PATH, SERVICES_PREFIX, USED_CODES_PATH } from "./server/app.js";
export type { SimulatorControl } from "./server/control-routes.js";
export {
  ACCESS_DENIED,
  type DigicertErrorBody,
  ORDER_NOT_FOUND,
  REQUEST_LIMIT_EXCEEDED,
  ROUTE_NOT_FOUND,
} from "./server/digicert-errors.js";
export {
  FAULT_KINDS,
  FAULT_SCOPES,
  type FaultKind,
  type Faults,
  type FaultsInput,
  NO_FAULTS,
  RETRY_AFTER_FORMS,
} from "./server/faults.js";
export { DIGICERT_RATE_LIMITS, type RateLimitWindow } from "./server/rate-limiter.js";
export type { RecordedRequest } from "./server/request-recorder.js";
export {
  DEFAULT_CODE_COUNT,
  DEFAULT_SEED,
  DEMO_API_KEY,
  type RunningSimulator,
  type SimulatorOptions,
  startSimulator,
} from "./start.js";
