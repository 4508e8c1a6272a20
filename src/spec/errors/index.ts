export * from "./ai-error.js";
export * from "./provider-error.js";
export * from "./search-errors.js";
export * from "./budget-error.js";
export * from "./worker-error.js";
