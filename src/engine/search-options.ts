// What the search engine is configured with (an adapter checks its own options and passes these), and the
// check of a `searchQuality` value shared by the adapter's options and each search.
import type { AI } from "../ai/create-ai.js";
import type { AISchema } from "../schema/ai-schema.js";
import { ConfigError } from "../spec/errors/index.js";
import { searchQualityProblem, type SearchQuality } from "../sql/search-query.js";

/** Settings of a {@link SearchEngine}, already checked (the Prisma adapter's `ResolvedOptions` is one). */
export interface SearchEngineOptions {
  /** Embeds the queries (and rows for `embedNow`). */
  readonly ai: Pick<AI, "embed" | "chat">;
  /** The generated metadata. */
  readonly schema: AISchema;
  /** Largest `take` a search accepts. */
  readonly maxTake: number;
  /** Longest query text, in characters. */
  readonly maxQueryLength: number;
  /** Size of the query embedding cache, in bytes (0: no cache). */
  readonly cacheBytes: number;
  /** Default quality of searches. */
  readonly searchQuality: SearchQuality;
}

/** A `searchQuality` option (of withAI or of one search), or a {@link ConfigError} prefixed with `method`. */
export function checkSearchQuality(method: string, quality: unknown): SearchQuality {
  const problem = searchQualityProblem(quality);
  if (problem) throw new ConfigError(`${method}: ${problem}`);
  return quality as SearchQuality;
}
