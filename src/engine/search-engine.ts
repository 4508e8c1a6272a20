// What the model methods do, independent of Prisma: check the options, embed the query (cached), run the
// search statement in one transaction with its pgvector settings, and explain empty or impossible searches.
// An adapter (the Prisma one: src/extension/with-ai.ts) supplies a SqlExecutor and a RowFilter, and loads the rows.
import { embedRecords, type EmbedRecordsResult } from "./embed-records.js";
import type { EmbeddedFieldMeta, ModelMeta } from "../schema/ai-schema.js";
import type { RowFilter } from "../schema/row-filter.js";
import {
  ConfigError,
  DimensionMismatchError,
  InvalidSearchQueryError,
  NoEmbeddingsError,
  RecordNotFoundError,
  TakeLimitError,
  UnknownFieldError,
} from "../spec/errors/index.js";
import { idSqlType, qualifiedEmbeddingsTable } from "../sql/model-sql.js";
import { prismaAISchemaName } from "../sql/names.js";
import { quoteIdentifier, quoteLiteral, quoteQualifiedName } from "../sql/quote.js";
import { buildSearchQuery, type SearchHitRow, type SearchMode, type SearchQuality } from "../sql/search-query.js";
import type { SqlExecutor } from "../sql/sql-executor.js";
import { checkSearchQuality, type SearchEngineOptions } from "./search-options.js";
import { QueryEmbeddingCache } from "./query-embedding-cache.js";

/** Search options as the engine receives them (the typed public shapes are in types.ts). */
export interface SearchRequest {
  /** Which rows may be hits (an adapter translates its ORM's filter to this). Default: every row. */
  filter?: RowFilter;
  take?: number;
  skip?: number;
  minSimilarity?: number;
  field?: string | readonly string[];
  mode?: SearchMode;
  searchQuality?: SearchQuality;
}

/** Default `take` of searches. */
export const defaultTake = 10;

/** `embeddingStatus()`: rows of the model by embedding state (each row counted once; see {@link SearchEngine.status}). */
export interface EmbeddingStatus {
  /** Rows in the table. */
  total: number;
  /** Rows with nothing left to embed: every embedded field with text has a current embedding. */
  embedded: number;
  /** Rows with text in an embedded field that has no embedding yet (the worker or backfill will add it). */
  pending: number;
  /** Rows with a permanent embedding failure recorded in prisma_ai.failures (`prisma-ai retry-failed`). */
  failed: number;
  /** Rows whose stored embedding was made from older text (content hash differs; re-embedding is due). */
  stale: number;
}

/** Ids travel as text; this turns a user's id into that text after checking its type against the model. */
export function idToText(model: ModelMeta, id: unknown): string {
  const valid =
    model.id.type === "Int"
      ? typeof id === "number" && Number.isSafeInteger(id)
      : model.id.type === "BigInt"
        ? typeof id === "bigint" || (typeof id === "number" && Number.isSafeInteger(id))
        : typeof id === "string" && id.length > 0;
  if (!valid) {
    const expected = model.id.type === "Int" ? "an integer" : model.id.type === "BigInt" ? "a bigint" : "a non-empty string";
    throw new ConfigError(`${model.name}.${model.id.field} is ${expected}; got ${typeof id === "string" ? JSON.stringify(id) : String(id)}.`);
  }
  return String(id);
}

/** The id value Prisma expects for `where: { id }`, from its text form. */
export function idFromText(model: ModelMeta, text: string): number | bigint | string {
  if (model.id.type === "Int") return Number(text);
  if (model.id.type === "BigInt") return BigInt(text);
  return text;
}

/** The search operations, over any {@link SqlExecutor}. One per extended client. */
export class SearchEngine {
  readonly queryEmbeddings: QueryEmbeddingCache;
  /** Fields whose stored vectors were checked against the schema (model name + field). */
  private readonly checkedFields = new Set<string>();
  /** Fields that had no stored vectors when checked (model name + field); see {@link checkStoredVectors}. */
  private readonly emptyFields = new Set<string>();
  /**
   * Whether each model's table has row-level security (pg_class.relrowsecurity), looked up with the first search
   * and kept: without it an unfiltered search need not join the table (see buildSearchQuery's `rowSecurity`).
   * Row-level security enabled later takes effect on the next process; until then a hidden row can take a
   * place in the ids, and the findMany (which sees the policy) drops it, so a search may return fewer rows.
   */
  private readonly rowSecurity = new Map<string, boolean>();

  constructor(readonly options: SearchEngineOptions) {
    this.queryEmbeddings = new QueryEmbeddingCache(options.ai, options.cacheBytes);
  }

  /** The annotated model with embedded fields, or a clear error. */
  embeddedModel(name: string): ModelMeta {
    const model = this.options.schema.models[name];
    if (!model || model.embedded.length === 0) {
      const searchable = Object.values(this.options.schema.models)
        .filter((candidate) => candidate.embedded.length > 0)
        .map((candidate) => candidate.name);
      throw new UnknownFieldError(
        `Model ${name} has no /// @ai.embed fields, so it cannot be searched; searchable models: ${searchable.join(", ") || "(none)"}.`,
        { model: name, field: "" },
      );
    }
    return model;
  }

  /** Ids and similarities of the best rows for a text query, best first. */
  async search(database: SqlExecutor, modelName: string, query: unknown, request: SearchRequest = {}): Promise<SearchHitRow[]> {
    const model = this.embeddedModel(modelName);
    const text = this.checkQuery(query);
    const { take, skip } = this.checkPaging(request);
    const fields = this.resolveFields(model, request.field);
    const mode = request.mode ?? "vector";
    if (mode !== "vector" && mode !== "hybrid") throw new ConfigError(`semanticSearch: \`mode\` must be "vector" or "hybrid", got ${JSON.stringify(mode)}.`);
    if (mode === "hybrid" && !model.hybridSearch) {
      throw new ConfigError(`${model.name} has no full-text index for hybrid search; add \`search: hybrid\` to its @ai.model annotation, run \`prisma generate\` and apply the migration.`);
    }
    const minSimilarity = this.checkMinSimilarity(request.minSimilarity);
    const quality = this.checkQuality("semanticSearch", request.searchQuality);
    // The query is embedded while the stored vectors are checked; a failed check still wins over a failed embedding.
    const [checked, embedded] = await Promise.allSettled([this.checkStoredVectors(database, model, fields), this.queryVectors(fields, text)]);
    if (checked.status === "rejected") throw checked.reason;
    if (embedded.status === "rejected") throw embedded.reason;
    const vectors = embedded.value;
    const hits = await this.run(database, model, fields, {
      vectors,
      ...(request.filter ? { filter: request.filter } : {}),
      take,
      skip,
      mode,
      text,
      ...(minSimilarity === undefined ? {} : { minSimilarity }),
      quality,
    });
    if (hits.length === 0) {
      // Vectors stored since a field was found empty are checked by the next search.
      this.forgetEmpty(model, fields);
      await this.explainEmpty(database, model, fields);
    }
    return hits;
  }

  /** One query embedding per (model, dimensions), shared by the fields that use it. */
  private async queryVectors(fields: readonly EmbeddedFieldMeta[], text: string): Promise<Record<string, readonly number[]>> {
    const embeddings = new Map<string, Promise<readonly number[]>>();
    for (const field of fields) {
      const key = `${field.model}\u0000${field.dimensions}`;
      if (!embeddings.has(key)) embeddings.set(key, this.queryEmbeddings.embed(field.model, field.dimensions, text));
    }
    const vectors: Record<string, readonly number[]> = {};
    for (const field of fields) vectors[field.field] = await embeddings.get(`${field.model}\u0000${field.dimensions}`)!;
    return vectors;
  }

  /** Rows most similar to row `id` (by its stored vectors), best first, without the row itself. */
  async similar(database: SqlExecutor, modelName: string, id: unknown, request: Omit<SearchRequest, "mode"> = {}): Promise<SearchHitRow[]> {
    const model = this.embeddedModel(modelName);
    const idText = idToText(model, id);
    const { take, skip } = this.checkPaging(request);
    const fields = this.resolveFields(model, request.field);
    const minSimilarity = this.checkMinSimilarity(request.minSimilarity);
    const quality = this.checkQuality("findSimilar", request.searchQuality);
    const stored = await database.query<{ field: string; embedding: string }>({
      text: `SELECT e.field, e.embedding::text AS embedding FROM ${qualifiedEmbeddingsTable(model)} AS e WHERE e.row_id = $1::${idSqlType(model)} AND e.field = ANY ($2::text[]) ORDER BY e.field, e.chunk_index`,
      values: [idText, fields.map((field) => field.field)],
    });
    // A chunked field is represented by the mean of its chunk vectors.
    const sums = new Map<string, { sum: number[]; count: number }>();
    for (const row of stored) {
      const vector = JSON.parse(row.embedding) as number[];
      const entry = sums.get(row.field);
      if (!entry) sums.set(row.field, { sum: vector, count: 1 });
      else {
        vector.forEach((value, index) => (entry.sum[index] = (entry.sum[index] ?? 0) + value));
        entry.count++;
      }
    }
    const usable = fields.filter((field) => sums.get(field.field)?.sum.length === field.dimensions);
    if (usable.length === 0) {
      const exists = await database.query({
        text: `SELECT 1 FROM ${quoteQualifiedName(model.dbSchema, model.table)} WHERE ${quoteIdentifier(model.id.column)} = $1::${idSqlType(model)}`,
        values: [idText],
      });
      if (exists.length === 0) throw new RecordNotFoundError(`${model.name} ${idText} does not exist.`, { model: model.name, id: idText });
      const mismatched = fields.find((field) => sums.has(field.field));
      if (mismatched) {
        const actual = sums.get(mismatched.field)!.sum.length;
        throw new DimensionMismatchError(
          `${model.name}.${mismatched.field} of ${model.name} ${idText} is stored with ${actual} dimensions but the schema declares ${mismatched.dimensions} (${mismatched.model}); re-embed with \`prisma-ai backfill\` after changing the model.`,
          { expected: mismatched.dimensions, actual },
        );
      }
      throw new NoEmbeddingsError(
        `${model.name} ${idText} has no embeddings yet for ${fields.map((field) => field.field).join(", ")}; call prisma.${lowerFirst(model.name)}.generateEmbedding(${idText}) or let the worker catch up.`,
        model.name,
      );
    }
    const vectors: Record<string, number[]> = {};
    for (const field of usable) {
      const { sum, count } = sums.get(field.field)!;
      vectors[field.field] = sum.map((value) => value / count);
    }
    return this.run(database, model, usable, {
      vectors,
      ...(request.filter ? { filter: request.filter } : {}),
      take,
      skip,
      mode: "vector",
      excludeIds: [idText],
      ...(minSimilarity === undefined ? {} : { minSimilarity }),
      quality,
    });
  }

  /** Embeds row `id` now (all embedded fields, even unchanged ones) and stores the vectors. */
  async embedNow(database: SqlExecutor, modelName: string, id: unknown): Promise<EmbedRecordsResult> {
    const model = this.embeddedModel(modelName);
    const idText = idToText(model, id);
    const result = await embedRecords({ ai: this.options.ai, database, model, ids: [idText], force: true });
    if (result.missing.length > 0) throw new RecordNotFoundError(`${model.name} ${idText} does not exist, so there is nothing to embed.`, { model: model.name, id: idText });
    return result;
  }

  /**
   * Counts the model's rows by state, each row once, in this order of precedence: failed (a permanent embed
   * failure is recorded), stale (a stored embedding's content hash differs from md5 of the current text),
   * pending (an embedded field has text but no embedding), embedded (nothing left to do).
   */
  async status(database: SqlExecutor, modelName: string): Promise<EmbeddingStatus> {
    const model = this.embeddedModel(modelName);
    const table = quoteQualifiedName(model.dbSchema, model.table);
    const embeddings = qualifiedEmbeddingsTable(model);
    const id = `t.${quoteIdentifier(model.id.column)}`;
    const stale = model.embedded
      .map((field) => `EXISTS (SELECT 1 FROM ${embeddings} AS e WHERE e.row_id = ${id} AND e.field = ${quoteLiteral(field.field)} AND e.content_hash IS DISTINCT FROM md5(t.${quoteIdentifier(field.column)}::text))`)
      .join(" OR ");
    const pending = model.embedded
      .map(
        (field) =>
          `(btrim(coalesce(t.${quoteIdentifier(field.column)}::text, '')) <> '' AND NOT EXISTS (SELECT 1 FROM ${embeddings} AS e WHERE e.row_id = ${id} AND e.field = ${quoteLiteral(field.field)}))`,
      )
      .join(" OR ");
    const failed = `EXISTS (SELECT 1 FROM ${quoteQualifiedName(prismaAISchemaName, "failures")} AS f WHERE f.model = $1 AND f.kind = 'embed' AND f.row_id = ${id}::text)`;
    const rows = await database.query<Record<keyof EmbeddingStatus, number>>({
      text: `SELECT count(*)::int AS total,
  count(*) FILTER (WHERE failed)::int AS failed,
  count(*) FILTER (WHERE NOT failed AND stale)::int AS stale,
  count(*) FILTER (WHERE NOT failed AND NOT stale AND pending)::int AS pending,
  count(*) FILTER (WHERE NOT failed AND NOT stale AND NOT pending)::int AS embedded
FROM (SELECT ${failed} AS failed, (${stale}) AS stale, (${pending}) AS pending FROM ${table} AS t) AS states`,
      values: [model.name],
    });
    const row = rows[0]!;
    return { total: row.total, embedded: row.embedded, pending: row.pending, failed: row.failed, stale: row.stale };
  }

  // ----- checks -------------------------------------------------------------------------------------------

  checkQuery(query: unknown): string {
    if (typeof query !== "string") throw new InvalidSearchQueryError(`The search query must be a string, got ${query === null ? "null" : typeof query}.`);
    const text = query.trim();
    if (text.length === 0) throw new InvalidSearchQueryError("The search query is empty; pass the text to search for.");
    if (text.length > this.options.maxQueryLength) {
      throw new InvalidSearchQueryError(
        `The search query is ${text.length} characters long, more than the ${this.options.maxQueryLength} allowed; shorten it or raise withAI({ maxQueryLength }).`,
      );
    }
    return text;
  }

  checkPaging(request: { take?: number; skip?: number }): { take: number; skip: number } {
    const take = request.take ?? defaultTake;
    const skip = request.skip ?? 0;
    if (!Number.isInteger(take) || take < 1) throw new ConfigError(`\`take\` must be a whole number >= 1, got ${String(request.take)}.`);
    if (!Number.isInteger(skip) || skip < 0) throw new ConfigError(`\`skip\` must be a whole number >= 0, got ${String(request.skip)}.`);
    if (take > this.options.maxTake) {
      throw new TakeLimitError(`\`take\` is ${take}, more than the maximum of ${this.options.maxTake}; page with skip, or raise withAI({ maxTake }).`, this.options.maxTake);
    }
    return { take, skip };
  }

  private checkMinSimilarity(value: unknown): number | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== "number" || !Number.isFinite(value)) throw new ConfigError(`\`minSimilarity\` must be a number, got ${String(value)}.`);
    return value;
  }

  private checkQuality(method: string, value: unknown): SearchQuality {
    return value === undefined ? this.options.searchQuality : checkSearchQuality(method, value);
  }

  resolveFields(model: ModelMeta, field: string | readonly string[] | undefined): EmbeddedFieldMeta[] {
    if (field === undefined) return [...model.embedded];
    const names = typeof field === "string" ? [field] : [...field];
    if (names.length === 0) throw new ConfigError("`field` is an empty list; leave it out to search every embedded field.");
    return names.map((name) => {
      const meta = model.embedded.find((candidate) => candidate.field === name);
      if (!meta) {
        throw new UnknownFieldError(
          `${model.name} has no embedded field ${JSON.stringify(name)}; embedded fields: ${model.embedded.map((candidate) => candidate.field).join(", ")}.`,
          { model: model.name, field: String(name) },
        );
      }
      return meta;
    });
  }

  /**
   * Once per field: the stored vectors have the dimensions the schema declares. A field with no vectors yet is
   * remembered too, and checked again after a search that finds nothing or fails on dimensions. The same
   * statement reads whether the model's table has row-level security (an unknown table counts as having it).
   */
  private async checkStoredVectors(database: SqlExecutor, model: ModelMeta, fields: readonly EmbeddedFieldMeta[]): Promise<void> {
    const unchecked = fields.filter((field) => !this.checkedFields.has(fieldKey(model, field)) && !this.emptyFields.has(fieldKey(model, field)));
    if (unchecked.length === 0 && this.rowSecurity.has(model.name)) return;
    const rows = await database.query<{ field: string; embedding_model: string | null; dimensions: number | null; row_security: boolean }>({
      text: `SELECT wanted.field, sample.embedding_model, sample.dimensions,
  coalesce((SELECT c.relrowsecurity FROM pg_catalog.pg_class AS c WHERE c.oid = to_regclass($2)), TRUE) AS row_security
FROM unnest($1::text[]) AS wanted(field)
LEFT JOIN LATERAL (SELECT e.embedding_model, vector_dims(e.embedding) AS dimensions FROM ${qualifiedEmbeddingsTable(model)} AS e WHERE e.field = wanted.field LIMIT 1) AS sample ON TRUE`,
      values: [unchecked.map((field) => field.field), quoteQualifiedName(model.dbSchema, model.table)],
    });
    if (rows[0]) this.rowSecurity.set(model.name, rows[0].row_security);
    for (const row of rows) {
      const field = unchecked.find((candidate) => candidate.field === row.field)!;
      if (row.dimensions === null) {
        this.emptyFields.add(fieldKey(model, field));
        continue;
      }
      if (Number(row.dimensions) !== field.dimensions) {
        throw new DimensionMismatchError(
          `${model.name}.${field.field} is configured with ${field.model} at ${field.dimensions} dimensions, but its stored vectors have ${row.dimensions} (made by ${row.embedding_model}); re-embed them (\`prisma-ai backfill\`) or restore the previous model.`,
          { expected: field.dimensions, actual: Number(row.dimensions) },
        );
      }
      this.emptyFields.delete(fieldKey(model, field));
      this.checkedFields.add(fieldKey(model, field));
    }
  }

  /** Fields found with no vectors are checked again by the next search. */
  private forgetEmpty(model: ModelMeta, fields: readonly EmbeddedFieldMeta[]): void {
    for (const field of fields) this.emptyFields.delete(fieldKey(model, field));
  }

  /** An empty result is fine when rows were filtered out, but a model with no embeddings at all deserves an error. */
  private async explainEmpty(database: SqlExecutor, model: ModelMeta, fields: readonly EmbeddedFieldMeta[]): Promise<void> {
    const rows = await database.query({
      text: `SELECT 1 FROM ${qualifiedEmbeddingsTable(model)} AS e WHERE e.field = ANY ($1::text[]) LIMIT 1`,
      values: [fields.map((field) => field.field)],
    });
    if (rows.length > 0) return;
    const names = fields.map((field) => field.field).join(", ");
    throw new NoEmbeddingsError(
      `${model.name} has no embeddings yet for ${names}: start the worker (runAIWorker) and run \`npx prisma-ai backfill ${model.name}\` for existing rows, or call prisma.${lowerFirst(model.name)}.generateEmbedding(id) per row (with queue: "inline", writes embed themselves).`,
      model.name,
    );
  }

  private async run(
    database: SqlExecutor,
    model: ModelMeta,
    fields: readonly EmbeddedFieldMeta[],
    input: {
      vectors: Record<string, readonly number[]>;
      filter?: RowFilter;
      take: number;
      skip: number;
      mode: SearchMode;
      text?: string;
      minSimilarity?: number;
      excludeIds?: string[];
      quality: SearchQuality;
    },
  ): Promise<SearchHitRow[]> {
    const statement = buildSearchQuery({ schema: this.options.schema, model, fields, rowSecurity: this.rowSecurity.get(model.name) ?? true, ...input }, input.quality);
    try {
      return await database.query<SearchHitRow>(statement);
    } catch (error) {
      const match = /expected (\d+) dimensions, not (\d+)/.exec(String((error as Error)?.message ?? ""));
      if (match) {
        // Vectors stored after a field was found empty: the check names the field and the model that made them.
        // (Inside a transaction the failed statement aborted it, so the check fails too: then the error below.)
        this.forgetEmpty(model, fields);
        await this.checkStoredVectors(database, model, fields).catch((checkError: unknown) => {
          if (checkError instanceof DimensionMismatchError) throw checkError;
        });
        throw new DimensionMismatchError(
          `${model.name} has stored vectors of ${match[2]} dimensions where the schema declares ${match[1]} (${fields.map((field) => `${field.field}: ${field.model}`).join(", ")}); re-embed them (\`prisma-ai backfill\`).`,
          { expected: Number(match[1]), actual: Number(match[2]) },
          { cause: error },
        );
      }
      throw error;
    }
  }
}

/** `BlogPost` -> `blogPost`: a model's property on the Prisma client. */
export function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function fieldKey(model: ModelMeta, field: EmbeddedFieldMeta): string {
  return `${model.name}.${field.field}`;
}
