// withAI() options and their eager validation: a wrong option fails when the client is built, not at the
// first query.
import type { AI } from "../ai/create-ai.js";
import type { AISchema } from "../schema/ai-schema.js";
import { ConfigError } from "../spec/errors/index.js";
import { checkSearchQuality } from "../engine/search-options.js";
import { defaultSearchQuality, type SearchQuality } from "../sql/search-query.js";

/** Options of {@link withAI}. */
export interface WithAIOptions<S extends AISchema = AISchema> {
  /** The AI core (`createAI(...)`): embeds queries and rows, and generates `@ai.generate` fields inline. */
  ai: Pick<AI, "embed" | "chat">;
  /** The generated metadata: `import { aiSchema } from "./generated/ai"`. */
  schema: S;
  /**
   * Who embeds rows after writes. `"worker"` (default): the database triggers enqueue Graphile Worker jobs and
   * `runAIWorker` does the work. `"inline"`: this process embeds (and generates) right after each
   * `create`/`update`/`upsert`/`createManyAndReturn`/`updateManyAndReturn` made through the extended client;
   * `prisma.$ai.drain()` waits for that work. Use inline with the SQL generated without triggers.
   */
  queue?: "worker" | "inline";
  /** Largest `take` a search accepts ({@link TakeLimitError} beyond). Default: 100. */
  maxTake?: number;
  /** Longest query text, in characters ({@link InvalidSearchQueryError} beyond). Default: 4,000. */
  maxQueryLength?: number;
  /**
   * In-memory LRU cache of query embeddings, keyed by embedding model, dimensions and a hash of the text.
   * `false` turns it off. Default: `{ maxBytes: 16 MiB }` (a 1,536-dimension vector takes about 12 KB).
   */
  cache?: false | { maxBytes?: number };
  /** Default `searchQuality` of searches (see {@link SearchQuality}). Default: `"balanced"`. */
  searchQuality?: SearchQuality;
}

/** {@link WithAIOptions} with every default applied. */
export interface ResolvedOptions<S extends AISchema = AISchema> {
  readonly ai: Pick<AI, "embed" | "chat">;
  readonly schema: S;
  readonly queue: "worker" | "inline";
  readonly maxTake: number;
  readonly maxQueryLength: number;
  readonly cacheBytes: number;
  readonly searchQuality: SearchQuality;
}

/** Default of {@link WithAIOptions.maxTake}. */
export const defaultMaxTake = 100;
/** Default of {@link WithAIOptions.maxQueryLength}. */
export const defaultMaxQueryLength = 4_000;
/** Default size of the query embedding cache, in bytes. */
export const defaultCacheBytes = 16 * 1024 * 1024;

/** Checks every option now and applies the defaults. Throws {@link ConfigError} naming the option. */
export function resolveOptions<S extends AISchema>(options: WithAIOptions<S>): ResolvedOptions<S> {
  if (typeof options !== "object" || options === null) throw new ConfigError("withAI(options) needs an options object: withAI({ ai: createAI(...), schema: aiSchema }).");
  const { ai, schema } = options;
  if (typeof ai !== "object" || ai === null || typeof ai.embed !== "function") {
    throw new ConfigError("withAI: `ai` must be the AI core from createAI(...) (an object with embed and chat).");
  }
  checkSchema(schema);
  const queue = options.queue ?? "worker";
  if (queue !== "worker" && queue !== "inline") throw new ConfigError(`withAI: \`queue\` must be "worker" or "inline", got ${JSON.stringify(queue)}.`);
  const maxTake = options.maxTake ?? defaultMaxTake;
  if (!Number.isInteger(maxTake) || maxTake < 1) throw new ConfigError(`withAI: \`maxTake\` must be a whole number >= 1, got ${String(options.maxTake)}.`);
  const maxQueryLength = options.maxQueryLength ?? defaultMaxQueryLength;
  if (!Number.isInteger(maxQueryLength) || maxQueryLength < 1) {
    throw new ConfigError(`withAI: \`maxQueryLength\` must be a whole number >= 1, got ${String(options.maxQueryLength)}.`);
  }
  let cacheBytes = defaultCacheBytes;
  if (options.cache === false) cacheBytes = 0;
  else if (options.cache !== undefined) {
    if (typeof options.cache !== "object" || options.cache === null) throw new ConfigError("withAI: `cache` must be false or { maxBytes }.");
    cacheBytes = options.cache.maxBytes ?? defaultCacheBytes;
    if (!Number.isInteger(cacheBytes) || cacheBytes < 1) throw new ConfigError(`withAI: \`cache.maxBytes\` must be a whole number >= 1, got ${String(options.cache.maxBytes)}.`);
  }
  const searchQuality = checkSearchQuality("withAI", options.searchQuality ?? defaultSearchQuality);
  return { ai, schema, queue, maxTake, maxQueryLength, cacheBytes, searchQuality };
}

function checkSchema(schema: unknown): asserts schema is AISchema {
  const hint = "pass the `aiSchema` that `prisma generate` wrote (import { aiSchema } from \"./generated/ai\").";
  if (typeof schema !== "object" || schema === null) throw new ConfigError(`withAI: \`schema\` is missing; ${hint}`);
  const candidate = schema as Partial<AISchema>;
  if (candidate.version !== 1) {
    throw new ConfigError(`withAI: \`schema.version\` is ${JSON.stringify(candidate.version)} but this prisma-ai reads version 1; regenerate with \`prisma generate\` after upgrading, or ${hint}`);
  }
  if (typeof candidate.models !== "object" || candidate.models === null || typeof candidate.tables !== "object" || candidate.tables === null) {
    throw new ConfigError(`withAI: \`schema\` has no models/tables; ${hint}`);
  }
  for (const [name, model] of Object.entries(candidate.models)) {
    if (!model || model.name !== name || !model.id || !Array.isArray(model.embedded) || !Array.isArray(model.generated) || typeof model.embeddingsTable !== "string") {
      throw new ConfigError(`withAI: \`schema.models.${name}\` is not valid generated metadata; ${hint}`);
    }
    for (const field of model.embedded) {
      if (!Number.isInteger(field.dimensions) || field.dimensions < 1 || typeof field.model !== "string") {
        throw new ConfigError(`withAI: ${name}.${field.field} has invalid embedding settings (model ${JSON.stringify(field.model)}, dimensions ${String(field.dimensions)}); ${hint}`);
      }
    }
  }
}
