// Facts the validation needs about model strings: which providers exist, and the output size of well-known
// embedding models (so `dimensions` may be left out for them).

import { knownEmbeddingDimensions as routerEmbeddingDimensions } from "../src/router/embedding-dimensions.js";

/** Providers a model string (`<provider>:<model id>`) may name. */
export const knownProviders = [
  "openai",
  "openai-compatible",
  "anthropic",
  "google",
  "ollama",
  "groq",
  "mistral",
  "cohere",
  "huggingface",
  "local",
] as const;

/**
 * Default output dimensions of well-known embedding models, by full model string: the router's table (one list
 * for `prisma generate` and for embedding fallbacks), as numbers.
 */
export const knownEmbeddingDimensions: Readonly<Record<string, number>> = Object.fromEntries(
  Object.entries(routerEmbeddingDimensions).map(([model, dimensions]) => [model, dimensions.native]),
);
