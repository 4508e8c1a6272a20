// The cost of one call from its usage and a price table; the default table is data in the catalogue
// (`spec/catalogue/prices.ts`).
import { defaultPrices, type ModelPrice, type PriceTable } from "../spec/catalogue/prices.js";
import { ConfigError } from "../spec/errors/index.js";

export { defaultPrices, type ModelPrice, type PriceTable };

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
