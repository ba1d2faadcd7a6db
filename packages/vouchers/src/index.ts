export * from "./api-contract.js";
export * from "./csv.js";
export * from "./export-file-name.js";
export * from "./fields.js";
export * from "./query.js";
export * from "./used-code-lines.js";
export * from "./view.js";
export * from "./view-url.js";
