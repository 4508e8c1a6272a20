// List prices of common models (USD per 1M tokens), by `"provider:model-id"`: data only. The cost of a call
// (`costOf`), the lookup with `provider:*` (`findPrice`) and the check of user tables (`validatePrices`) are
// the router's (`router/prices.ts`).
import type { KnownModelString } from "./provider-names.js";

/** Price of one model in US dollars per 1,000,000 tokens. */
export interface ModelPrice {
  /** Per 1M input (prompt) tokens. */
  input: number;
  /** Per 1M output (completion) tokens. Default: 0 (embedding models). */
  output?: number;
  /** Per 1M input tokens read from the provider's prompt cache. Default: `input`. */
  cachedInput?: number;
}

/**
 * Prices by `"provider:model-id"`, or `"provider:*"` for every model of a provider. Exact ids only: a dated id
 * (`gpt-4o-mini-2024-07-18`) is not matched by its alias; add it with `createAI({ prices })` if you use it.
 */
export type PriceTable = Record<string, ModelPrice>;

/**
 * List prices (standard tier, no batch discount, prompts under any long-context threshold) of common models,
 * as published by each provider in late 2025. Prices change: check the provider's pricing page and override
 * with `createAI({ prices })`. Models not listed have an unknown cost (`costUsd: undefined`), never a guess.
 * Local models (`ollama:*`, `local:*`) cost nothing.
 */
export const defaultPrices: PriceTable = {
  "openai:gpt-4o-mini": { input: 0.15, output: 0.6, cachedInput: 0.075 },
  "openai:gpt-4o": { input: 2.5, output: 10, cachedInput: 1.25 },
  "openai:gpt-4.1": { input: 2, output: 8, cachedInput: 0.5 },
  "openai:gpt-4.1-mini": { input: 0.4, output: 1.6, cachedInput: 0.1 },
  "openai:gpt-4.1-nano": { input: 0.1, output: 0.4, cachedInput: 0.025 },
  "openai:text-embedding-3-small": { input: 0.02 },
  "openai:text-embedding-3-large": { input: 0.13 },
  "openai:text-embedding-ada-002": { input: 0.1 },
  "anthropic:claude-haiku-4-5": { input: 1, output: 5, cachedInput: 0.1 },
  "anthropic:claude-sonnet-4-5": { input: 3, output: 15, cachedInput: 0.3 },
  "anthropic:claude-opus-4-1": { input: 15, output: 75, cachedInput: 1.5 },
  "google:gemini-2.5-flash": { input: 0.3, output: 2.5, cachedInput: 0.075 },
  "google:gemini-2.5-flash-lite": { input: 0.1, output: 0.4, cachedInput: 0.025 },
  "google:gemini-2.5-pro": { input: 1.25, output: 10, cachedInput: 0.31 },
  "google:gemini-2.0-flash": { input: 0.1, output: 0.4, cachedInput: 0.025 },
  "google:gemini-embedding-001": { input: 0.15 },
  "groq:llama-3.1-8b-instant": { input: 0.05, output: 0.08 },
  "groq:llama-3.3-70b-versatile": { input: 0.59, output: 0.79 },
  "mistral:mistral-small-latest": { input: 0.1, output: 0.3 },
  "mistral:mistral-medium-latest": { input: 0.4, output: 2 },
  "mistral:mistral-large-latest": { input: 2, output: 6 },
  "mistral:mistral-embed": { input: 0.1 },
  "cohere:command-a-03-2025": { input: 2.5, output: 10 },
  "cohere:command-r-08-2024": { input: 0.15, output: 0.6 },
  "cohere:command-r-plus-08-2024": { input: 2.5, output: 10 },
  "cohere:embed-english-v3.0": { input: 0.1 },
  "cohere:embed-multilingual-v3.0": { input: 0.1 },
  "cohere:embed-v4.0": { input: 0.12 },
  "ollama:*": { input: 0, output: 0 },
  "local:*": { input: 0, output: 0 },
  "xai:grok-4": { input: 3, output: 15, cachedInput: 0.75 },
  "xai:grok-3": { input: 3, output: 15, cachedInput: 0.75 },
  "xai:grok-3-mini": { input: 0.3, output: 0.5, cachedInput: 0.075 },
  "deepseek:deepseek-chat": { input: 0.28, output: 0.42, cachedInput: 0.028 },
  "deepseek:deepseek-reasoner": { input: 0.28, output: 0.42, cachedInput: 0.028 },
  "voyage:voyage-3.5": { input: 0.06 },
  "voyage:voyage-3.5-lite": { input: 0.02 },
  "voyage:voyage-3-large": { input: 0.18 },
  "voyage:voyage-code-3": { input: 0.18 },
  "voyage:rerank-2.5": { input: 0.05 },
  "voyage:rerank-2.5-lite": { input: 0.02 },
  "fireworks:nomic-ai/nomic-embed-text-v1.5": { input: 0.008 },
} satisfies Partial<Record<KnownModelString, ModelPrice>>;
