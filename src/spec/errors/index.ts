export * from "./ai-error.js";
export * from "./provider-error.js";
