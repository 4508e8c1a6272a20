// The router: createAI() and the pieces it is made of.
export * from "./create-ai.js";
export * from "./model-string.js";
export * from "./tools.js";
export * from "./embed-batching.js";
export { builtInProviders, type BuiltInProviderName, type AnyProviderFactory } from "./built-in-providers.js";
