// Prices of common models (USD per 1M tokens), and the cost of one call from its usage.
import { ConfigError } from "../spec/errors/index.js";

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
};

/** Checks a price table (from `createAI({ prices })`): every price a finite number >= 0. */
export function validatePrices(prices: PriceTable): void {
  for (const [model, price] of Object.entries(prices)) {
    if (!/^[^:]+:.+$/.test(model)) throw new ConfigError(`prices key ${JSON.stringify(model)} must be "provider:model-id" or "provider:*".`);
    for (const field of ["input", "output", "cachedInput"] as const) {
      const value = price?.[field];
      if (field === "input" ? !isPrice(value) : value !== undefined && !isPrice(value)) {
        throw new ConfigError(`prices["${model}"].${field} must be a number >= 0 (US dollars per 1M tokens), got ${String(value)}.`);
      }
    }
  }
}

function isPrice(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0;
}

/** The price of `provider:modelId` in `prices`: the exact entry, else `provider:*`, else `undefined`. */
export function findPrice(prices: PriceTable, provider: string, modelId: string): ModelPrice | undefined {
  return prices[`${provider}:${modelId}`] ?? prices[`${provider}:*`];
}

/**
 * Cost of one call in US dollars, or `undefined` when the price is unknown or the provider did not report the
 * token counts the price needs (an unknown count is never taken as 0). Cached input tokens (part of
 * `inputTokens`) are charged at `cachedInput`.
 */
export function costOf(
  price: ModelPrice | undefined,
  usage: { inputTokens: number | undefined; outputTokens?: number | undefined; cachedInputTokens?: number | undefined },
): number | undefined {
  if (price === undefined || usage.inputTokens === undefined) return undefined;
  const outputPrice = price.output ?? 0;
  if (outputPrice > 0 && usage.outputTokens === undefined) return undefined;
  const cached = Math.min(usage.cachedInputTokens ?? 0, usage.inputTokens);
  const dollars =
    (usage.inputTokens - cached) * price.input + cached * (price.cachedInput ?? price.input) + (usage.outputTokens ?? 0) * outputPrice;
  return dollars / 1_000_000;
}
