// The public, typed shapes of the extension's methods. `T` is the Prisma model (or client) the method is
// called on (`this`), so `where`/`select`/`include` and the result rows are Prisma's own types for that model;
// `S` is the generated schema, so `field` only accepts that model's embedded fields.
import type { Prisma } from "@prisma/client/extension";
import type { EmbedRecordsResult } from "../engine/embed-records.js";
import type { AISchema, EmbeddedFieldName, EmbeddedModelName } from "../schema/ai-schema.js";
import type { SearchMode, SearchQuality } from "../sql/search-query.js";
import type { DrainResult } from "../engine/inline-queue.js";
import type { QueryEmbeddingCacheStats } from "../engine/query-embedding-cache.js";
import type { EmbeddingStatus } from "../engine/search-engine.js";

type FindManyArgs<T> = Prisma.Args<T, "findMany">;

/** The id type of model `M`: `number` for Int, `bigint` (or a safe integer) for BigInt, `string` otherwise. */
export type ModelIdValue<S extends AISchema, M extends keyof S["models"]> = S["models"][M]["id"]["type"] extends "Int"
  ? number
  : S["models"][M]["id"]["type"] extends "BigInt"
    ? bigint | number
    : string;

/** Options shared by `semanticSearch` and `findSimilar`. */
export interface SimilarityOptions<S extends AISchema, M extends EmbeddedModelName<S>> {
  /** Rows to return. Default: 10; at most `maxTake` (default 100). */
  take?: number;
  /** Rows to skip first (paging). Default: 0. */
  skip?: number;
  /** Leave out rows whose `_similarity` is below this (cosine: 1 - distance, so 1 is identical). */
  minSimilarity?: number;
  /** Search these embedded fields only. Default: all of the model's; each row gets its best similarity across them. */
  field?: EmbeddedFieldName<S, M> | readonly EmbeddedFieldName<S, M>[];
  /** Index accuracy for this query (`hnsw.ef_search`). Default: withAI's `searchQuality` ("balanced"). */
  searchQuality?: SearchQuality;
  /** Add `_match`: the text of the best-matching chunk (null for fields that are not chunked). Default: false. */
  includeMatch?: boolean;
}

/** Options of `semanticSearch`: {@link SimilarityOptions} plus Prisma's own `where`, `select`, `include`, `omit`. */
export type SemanticSearchOptions<T, S extends AISchema, M extends EmbeddedModelName<S>> = Flatten<SimilarityOptions<S, M> & PrismaShapeOptions<T>>;

/** Prisma's own options of `semanticSearch` and `findSimilar`, typed by the model. */
export interface PrismaShapeOptions<T> {
  /** Ordinary Prisma where, applied inside the search statement (so `take` is exact). */
  where?: FindManyArgs<T>["where"];
  select?: FindManyArgs<T>["select"];
  include?: FindManyArgs<T>["include"];
  omit?: FindManyArgs<T>["omit"];
  /** `"vector"` (default) or `"hybrid"`: full-text and vector ranks fused (needs `search: hybrid` on the model). */
  mode?: SearchMode;
}

type Flatten<T> = { [K in keyof T]: T[K] };

/** No options given: Prisma's default row shape. */
type NoOptions = Record<never, never>;

/** Options of `findSimilar`: like {@link SemanticSearchOptions}, without `mode`. */
export type FindSimilarOptions<T, S extends AISchema, M extends EmbeddedModelName<S>> = Omit<SemanticSearchOptions<T, S, M>, "mode">;

type Shape<A> = Pick<A, Extract<keyof A, "select" | "include" | "omit" | "includeMatch">>;

/**
 * The part of the options that shapes the result rows (inferred with `const`, so `true` stays a literal).
 * The rest of the options is checked, not inferred.
 */
export interface ShapeOptions<T> {
  select?: FindManyArgs<T>["select"];
  include?: FindManyArgs<T>["include"];
  omit?: FindManyArgs<T>["omit"];
  includeMatch?: boolean;
}

/** One result row: the model's row as `select`/`include`/`omit` shape it, plus `_similarity` (and `_match`). */
export type SearchHit<T, A> = Prisma.Result<T, Shape<A>, "findFirstOrThrow"> & { _similarity: number } & (A extends { includeMatch: true } ? { _match: string | null } : unknown);

/** `generateEmbedding(id)`: what was embedded (fields and their chunk counts) and what was cleared (empty text). */
export type GenerateEmbeddingResult = Pick<EmbedRecordsResult, "embedded" | "cleared">;

/** The methods of a model that has `@ai.embed` fields. */
export type EmbeddedModelMethods<S extends AISchema, M extends EmbeddedModelName<S>> = {
  /**
   * Rows whose embedded fields are closest in meaning to `query`, best first, loaded with the model's own
   * `findMany` (so `select`/`include`/`omit` work as usual) and each given `_similarity`.
   */
  semanticSearch<T, const A extends ShapeOptions<T> = NoOptions>(
    this: T,
    query: string,
    options?: Prisma.Exact<A, ShapeOptions<T>> & SemanticSearchOptions<T, S, M>,
  ): Promise<Array<SearchHit<T, A>>>;
  /** Rows closest to row `id` (by its stored vectors; the row itself is left out), best first. */
  findSimilar<T, const A extends ShapeOptions<T> = NoOptions>(
    this: T,
    id: ModelIdValue<S, M>,
    options?: Prisma.Exact<A, ShapeOptions<T>> & FindSimilarOptions<T, S, M>,
  ): Promise<Array<SearchHit<T, A>>>;
  /** Embeds row `id` now, bypassing the queue, and stores its vectors (content_hash = md5 of each field's text). */
  generateEmbedding(id: ModelIdValue<S, M>): Promise<GenerateEmbeddingResult>;
  /** How many rows are embedded, pending, stale or failed. */
  embeddingStatus(): Promise<EmbeddingStatus>;
};

/** The model part of the extension: methods only on models with embedded fields, by Prisma's client property name. */
export type ModelExtension<S extends AISchema> = {
  [M in EmbeddedModelName<S> as Uncapitalize<M>]: EmbeddedModelMethods<S, M>;
};

/** Options of `prisma.$semanticSearch`. */
export interface CrossModelSearchOptions<M extends string> {
  /** Models to search (Prisma model names). Default: every model with embedded fields. */
  models?: readonly M[];
  /** Rows to return in total, merged by similarity. Default: 10. */
  take?: number;
  minSimilarity?: number;
  searchQuality?: SearchQuality;
}

type ModelDelegate<T, M extends string> = T extends { [K in Uncapitalize<M>]: infer Delegate } ? Delegate : never;

/** One row of `$semanticSearch`: the model's full row, its model name in `_model`, and `_similarity`. */
export type CrossModelHit<T, M extends string> = {
  [K in M]: Prisma.Result<ModelDelegate<T, K>, NoOptions, "findFirstOrThrow"> & { _model: K; _similarity: number };
}[M];

/** `prisma.$ai`: the extension's runtime handle. */
export interface AIHandle<S extends AISchema> {
  /** The generated schema the extension was built with. */
  readonly schema: S;
  /** `"worker"` or `"inline"`. */
  readonly queue: "worker" | "inline";
  /**
   * Waits for the inline work (embedding, generation) of every write made so far, and returns what was done
   * and what failed since the previous drain. Resolves at once in worker mode.
   */
  drain(): Promise<DrainResult>;
  /** Query embedding cache counters. */
  cacheStats(): QueryEmbeddingCacheStats;
  /** Empties the query embedding cache. */
  clearCache(): void;
}

/** The client part of the extension. */
export type ClientExtension<S extends AISchema> = {
  /** Searches several models at once and merges their rows by `_similarity`. */
  $semanticSearch<T, M extends EmbeddedModelName<S> = EmbeddedModelName<S>>(this: T, query: string, options?: CrossModelSearchOptions<M>): Promise<Array<CrossModelHit<T, M>>>;
  $ai: AIHandle<S>;
};
