// The built-in providers' names: the one list that the router's factories (`router/built-in-providers.ts`,
// checked against it at compile time) and the generator's model-string validation both read.

/** Providers a model string (`<provider>:<model id>`) may name without registering a custom driver. */
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
  "azure",
  "openrouter",
  "xai",
  "deepseek",
  "together",
  "fireworks",
  "voyage",
  "jina",
  "tei",
] as const;

/** The name of a built-in provider. */
export type BuiltInProviderName = (typeof knownProviders)[number];

/** A `"provider:model-id"` string naming a built-in provider (the keys of the catalogue's tables). */
export type KnownModelString = `${BuiltInProviderName}:${string}`;
