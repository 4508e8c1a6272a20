// The provider catalogue: pure data about the built-in providers and common models, read by the router and
// the generator (one list each, so they cannot drift).
export { knownProviders, type BuiltInProviderName, type KnownModelString } from "./provider-names.js";
export { knownEmbeddingDimensions, embeddingDimensionsOf, type EmbeddingDimensions } from "./embedding-dimensions.js";
export { defaultPrices, type ModelPrice, type PriceTable } from "./prices.js";
