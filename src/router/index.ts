// The router: createAI() and the pieces it is made of.
export * from "./router-types.js";
export { assistantMessage } from "./assistant-message.js";
export * from "./model-string.js";
export * from "./tools.js";
export * from "./embed-batching.js";
export { builtInProviders, type BuiltInProviderName, type AnyProviderFactory } from "./built-in-providers.js";
export * from "./fallbacks.js";
export * from "./rate-limiter.js";
export * from "./rate-limit-store.js";
export * from "./response-cache.js";
export * from "./prices.js";
export * from "./usage-ledger.js";
export * from "../spec/catalogue/embedding-dimensions.js";
export * from "./default-models.js";
