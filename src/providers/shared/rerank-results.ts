// What every rerank driver does with the provider's scores: check the indexes, sort, keep the top N.
import { errorOptions, type ResponseContext } from "../../http/response-handlers.js";
import { ProviderResponseError } from "../../spec/errors/index.js";
import type { RerankResultItem } from "../../spec/rerank-model.js";

/**
 * The provider's `{ index, score }` pairs as results: every index must point into the `documentCount`
 * documents sent (else `ProviderResponseError`), sorted by descending score (stable), at most `topN`.
 */
export function rerankResults(
  items: ReadonlyArray<{ index: number; score: number }>,
  documentCount: number,
  topN: number | undefined,
  context: ResponseContext,
  text: string,
): RerankResultItem[] {
  for (const item of items) {
    if (!Number.isInteger(item.index) || item.index < 0 || item.index >= documentCount) {
      throw new ProviderResponseError(
        `${context.provider} returned a rerank result for document ${item.index}, but only ${documentCount} documents were sent; the reply cannot be used.`,
        errorOptions(context, text.slice(0, 500)),
      );
    }
  }
  const results = items.map((item) => ({ index: item.index, relevanceScore: item.score })).sort((a, b) => b.relevanceScore - a.relevanceScore);
  return topN === undefined ? results : results.slice(0, topN);
}
