// The semantic (and hybrid) search statement: one query over a model's embeddings table joined to its source
// table, returning row ids and similarity in order. It orders each field by the exact expression of that field's
// partial index (`embedding::vector(n) <=> $1::vector(n)` with `field = '<field>'`) so pgvector's index is used,
// and filters inside the statement (iterative index scans keep filtered queries index-backed) so `take` is exact.
import type { AISchema, DistanceMetric, EmbeddedFieldMeta, ModelMeta } from "../schema/ai-schema.js";
import type { RowFilter } from "../schema/row-filter.js";
import { DimensionMismatchError } from "../spec/errors/search-errors.js";
import { distanceOperator, fullTextExpression, idSqlType, qualifiedEmbeddingsTable, vectorExpression } from "./model-sql.js";
import { quoteIdentifier, quoteLiteral, quoteQualifiedName } from "./quote.js";
import { SqlParameters, type SqlStatement } from "./sql-parameters.js";
import { filterToSql } from "./filter-to-sql.js";

/** `vector`: nearest neighbours only. `hybrid`: full-text rank and vector rank fused by reciprocal rank fusion. */
export type SearchMode = "vector" | "hybrid";

/**
 * Accuracy/speed trade-off of the approximate index. Presets set `hnsw.ef_search` (and `ivfflat.probes`):
 * `"fast"` 40 / 4, `"balanced"` 200 / 10 (the default), `"accurate"` 400 / 40; a number sets `hnsw.ef_search`
 * directly (1 to 1000). `hnsw.ef_search` is never set below `skip + take` (up to 1000).
 */
export type SearchQuality = "fast" | "balanced" | "accurate" | number;

/** Default of {@link SearchQuality}. */
export const defaultSearchQuality: SearchQuality = "balanced";

/** Reciprocal rank fusion constant (the usual 60): score = sum over rankings of 1 / (60 + rank). */
export const reciprocalRankConstant = 60;

/** Everything one search statement needs. Vectors are already computed, per embedded field. */
export interface SearchQueryInput {
  readonly schema: AISchema;
  readonly model: ModelMeta;
  /** Embedded fields to search (at least one); several give each row its best similarity across them. */
  readonly fields: readonly EmbeddedFieldMeta[];
  /** The query's embedding for each searched field (by Prisma field name), of that field's dimensions. */
  readonly vectors: Readonly<Record<string, readonly number[]>>;
  /** Which rows of the model may be hits (compiled with {@link filterToSql}). Default: every row. */
  readonly filter?: RowFilter;
  readonly take: number;
  /** Default 0. */
  readonly skip?: number;
  /** Keep only rows whose similarity is at least this (see {@link similarityExpression} per metric). */
  readonly minSimilarity?: number;
  /** Default `"vector"`. */
  readonly mode?: SearchMode;
  /** The query text, for the full-text side of `hybrid`. */
  readonly text?: string;
  /** Rows excluded from the results (e.g. the source row of `findSimilar`), as ids in text form. */
  readonly excludeIds?: readonly string[];
  /**
   * Whether the model's table has row-level security. Pass `false` only when it is known not to: then a search
   * without a filter does not join the table (the embeddings' foreign key already guarantees the rows exist),
   * saving a primary-key lookup per candidate. Default `true`: always joined, so rows hidden by a policy are
   * never candidates.
   */
  readonly rowSecurity?: boolean;
}

/** One row of the search statement's result. */
export interface SearchHitRow {
  /** The row's id, as text (uuid, BigInt and Int ids alike); convert with the model's id type. */
  id: string;
  /** Best similarity across the searched fields (and chunks); higher is closer. */
  similarity: number;
  /** Text of the best-matching chunk of a chunked field, else null. */
  match: string | null;
  /** Reciprocal-rank-fusion score in hybrid mode; equal to `similarity` in vector mode. */
  score: number;
}

/** A `set_config(name, value, true)` the statement must run after, in the same transaction. */
export interface SearchSetting {
  readonly name: string;
  readonly value: string;
}

/** The statement, and the pgvector settings it applies to itself (for information and tests). */
export interface SearchStatement extends SqlStatement {
  readonly settings: readonly SearchSetting[];
}

/**
 * Builds the search statement. Its rows are {@link SearchHitRow}s in result order (best first), at most `take`.
 *
 * The statement sets its own pgvector settings (`hnsw.ef_search`, `hnsw.iterative_scan`, ...) with
 * `set_config(name, value, true)` in a materialized CTE that the search is laterally joined to, so they are
 * in force before any index scan starts, in one round trip and without an explicit transaction. `is_local`
 * means they end with the statement's transaction (with the statement itself under autocommit; at the end
 * of the surrounding transaction otherwise).
 */
export function buildSearchQuery(input: SearchQueryInput, quality: SearchQuality = defaultSearchQuality): SearchStatement {
  if (input.fields.length === 0) throw new TypeError("buildSearchQuery needs at least one embedded field.");
  const skip = input.skip ?? 0;
  const parameters = new SqlParameters();
  const vectorParameters = bindVectors(input, parameters);
  const where = filterToSql(input.filter, { schema: input.schema, table: input.model, alias: "t", parameters });
  const exclude = input.excludeIds?.length ? `NOT (t.${quoteIdentifier(input.model.id.column)}::text = ANY (${parameters.add([...input.excludeIds], "text[]")}))` : "TRUE";
  const filter = [where, exclude].filter((condition) => condition !== "TRUE").join(" AND ") || "TRUE";
  const mode = input.mode ?? "vector";
  const candidates = mode === "hybrid" ? Math.max(2 * (skip + input.take), 40) : skip + input.take;
  const limit = parameters.add(candidates, "integer");
  const joinSource = filter !== "TRUE" || input.rowSecurity !== false;
  const branches = input.fields.map((field) => fieldBranch(input.model, field, vectorParameters[field.field]!, filter, limit, joinSource));
  const vectorHits = branches.length === 1 ? branches[0]! : branches.map((branch) => `(${branch})`).join("\nUNION ALL\n");
  const minimum = input.minSimilarity === undefined ? undefined : parameters.add(input.minSimilarity, "double precision");
  const page = `OFFSET ${parameters.add(skip, "integer")} LIMIT ${parameters.add(input.take, "integer")}`;
  // Only the settings of the index kinds searched (hnsw.* always: the guard below needs one column).
  const usesIvfflat = input.fields.some((field) => field.index === "ivfflat");
  const settings = searchSettings(quality, skip + input.take).filter((setting) => usesIvfflat || !setting.name.startsWith("ivfflat."));
  const settingsColumns = settings.map((setting, index) => `set_config(${parameters.add(setting.name, "text")}, ${parameters.add(setting.value, "text")}, true) AS s${index}`);
  // Referenced inside the lateral subquery (which has ORDER BY/LIMIT, so it is never flattened): the settings
  // row is produced first, then the search runs.
  const guard = "prisma_ai_settings.s0 IS NOT NULL";

  let text: string;
  if (mode === "vector" && branches.length === 1) {
    // One field: the branch already gives each row once; re-sort (relaxed index order) and page.
    text = [
      "SELECT hit.id, hit.similarity, hit.match, hit.similarity AS score FROM (",
      vectorHits,
      ") AS hit",
      `WHERE ${guard}${minimum ? ` AND hit.similarity >= ${minimum}` : ""}`,
      `ORDER BY hit.similarity DESC, hit.id ${page}`,
    ].join("\n");
  } else if (mode === "vector") {
    // Several fields: keep each row's best hit across them, then order and page.
    text = [
      "SELECT best.id, best.similarity, best.match, best.similarity AS score FROM (",
      "  SELECT DISTINCT ON (hit.id) hit.id, hit.similarity, hit.match FROM (",
      vectorHits,
      "  ) AS hit ORDER BY hit.id, hit.similarity DESC",
      ") AS best",
      `WHERE ${guard}${minimum ? ` AND best.similarity >= ${minimum}` : ""}`,
      `ORDER BY best.similarity DESC, best.id ${page}`,
    ].join("\n");
  } else {
    if (!input.model.hybridSearch) {
      throw new TypeError(`Model ${input.model.name} has no full-text index; hybrid search needs @ai.model(search: hybrid).`);
    }
    const query = parameters.add(input.text ?? "", "text");
    const document = fullTextExpression(input.model, "t");
    const k = reciprocalRankConstant;
    text = [
      "WITH vector_hits AS MATERIALIZED (",
      "  SELECT DISTINCT ON (hit.id) hit.id, hit.similarity, hit.match FROM (",
      vectorHits,
      "  ) AS hit ORDER BY hit.id, hit.similarity DESC",
      "), vector_ranked AS (",
      "  SELECT id, similarity, match, row_number() OVER (ORDER BY similarity DESC, id) AS rank FROM vector_hits",
      "), text_ranked AS (",
      `  SELECT ranked.id, row_number() OVER (ORDER BY ranked.text_rank DESC, ranked.id) AS rank FROM (`,
      `    SELECT t.${quoteIdentifier(input.model.id.column)}::text AS id, ts_rank(${document}, query) AS text_rank`,
      `    FROM ${quoteQualifiedName(input.model.dbSchema, input.model.table)} AS t, websearch_to_tsquery('english', ${query}) AS query`,
      `    WHERE ${document} @@ query${filter === "TRUE" ? "" : ` AND ${filter}`}`,
      `    ORDER BY text_rank DESC LIMIT ${limit}`,
      "  ) AS ranked",
      "), fused AS (",
      "  SELECT coalesce(v.id, x.id) AS id, v.similarity, v.match,",
      `    coalesce(1.0 / (${k} + v.rank), 0) + coalesce(1.0 / (${k} + x.rank), 0) AS score`,
      "  FROM vector_ranked AS v FULL OUTER JOIN text_ranked AS x ON x.id = v.id",
      ")",
      "SELECT scored.id, scored.similarity, scored.match, scored.score FROM (",
      "  SELECT fused.id, coalesce(fused.similarity, best.similarity) AS similarity, coalesce(fused.match, best.match) AS match, fused.score::float8 AS score",
      "  FROM fused LEFT JOIN LATERAL (",
      bestOfRow(input.model, input.fields, vectorParameters, "fused.id"),
      "  ) AS best ON fused.similarity IS NULL",
      ") AS scored",
      // Rows matching the text but not embedded yet (no similarity) are left out.
      `WHERE ${guard} AND ${minimum ? `scored.similarity >= ${minimum}` : "scored.similarity IS NOT NULL"}`,
      `ORDER BY scored.score DESC, scored.similarity DESC NULLS LAST, scored.id ${page}`,
    ].join("\n");
  }
  const order = mode === "vector" ? "found.similarity DESC, found.id" : "found.score DESC, found.similarity DESC NULLS LAST, found.id";
  const statement = [
    `WITH prisma_ai_settings AS MATERIALIZED (SELECT ${settingsColumns.join(", ")})`,
    "SELECT found.id, found.similarity, found.match, found.score FROM prisma_ai_settings CROSS JOIN LATERAL (",
    text,
    `) AS found ORDER BY ${order}`,
  ].join("\n");
  return { text: statement, values: parameters.values, settings };
}

/** The distance expression of one field, exactly as its partial index is built (`e` is the embeddings alias). */
export function distanceExpression(field: EmbeddedFieldMeta, vectorParameter: string, alias = "e"): string {
  return `(${vectorExpression(field, `${quoteIdentifier(alias)}."embedding"`)} ${distanceOperator(field.distance)} ${vectorExpression(field, vectorParameter)})`;
}

/** Similarity from distance: cosine 1 - d; l2 1 / (1 + d); inner product -d (pgvector's `<#>` is negated). */
export function similarityExpression(metric: DistanceMetric, distance: string): string {
  if (metric === "cosine") return `(1 - ${distance})`;
  if (metric === "l2") return `(1 / (1 + ${distance}))`;
  return `(-1 * ${distance})`;
}

/** hnsw.ef_search and ivfflat.probes of each preset. */
const qualityPresets: Readonly<Record<string, readonly [number, number]>> = { fast: [40, 4], balanced: [200, 10], accurate: [400, 40] };

/** What is wrong with a `searchQuality` value, or undefined when it is valid (callers wrap this in their own error). */
export function searchQualityProblem(quality: unknown): string | undefined {
  if (typeof quality === "number") {
    return Number.isInteger(quality) && quality >= 1 && quality <= 1000 ? undefined : "searchQuality as a number is hnsw.ef_search: an integer from 1 to 1000.";
  }
  return typeof quality === "string" && Object.hasOwn(qualityPresets, quality)
    ? undefined
    : `searchQuality must be "fast", "balanced", "accurate" or a number, got ${JSON.stringify(quality)}.`;
}

/**
 * The transaction-local pgvector settings for a quality level (and the number of rows wanted).
 * @throws RangeError for an invalid quality (the extension checks it first, see {@link searchQualityProblem}).
 */
export function searchSettings(quality: SearchQuality, wanted: number): SearchSetting[] {
  const problem = searchQualityProblem(quality);
  if (problem) throw new RangeError(problem);
  const [efSearch, probes] = typeof quality === "number" ? [quality, Math.max(1, Math.round(quality / 10))] : qualityPresets[quality]!;
  return [
    { name: "hnsw.ef_search", value: String(Math.min(1000, Math.max(efSearch, wanted))) },
    { name: "hnsw.iterative_scan", value: "relaxed_order" },
    { name: "ivfflat.probes", value: String(probes) },
    { name: "ivfflat.iterative_scan", value: "relaxed_order" },
  ];
}

/** `select set_config(...)` applying `settings` for the current transaction only (the search statement does this itself). */
export function settingsStatement(settings: readonly SearchSetting[]): SqlStatement {
  const parameters = new SqlParameters();
  const calls = settings.map((setting) => `set_config(${parameters.add(setting.name, "text")}, ${parameters.add(setting.value, "text")}, true)`);
  return { text: `SELECT ${calls.join(", ")}`, values: parameters.values };
}

// ----- pieces -----------------------------------------------------------------------------------------------

function bindVectors(input: SearchQueryInput, parameters: SqlParameters): Record<string, string> {
  const placeholders: Record<string, string> = {};
  const byLiteral = new Map<string, string>();
  for (const field of input.fields) {
    const vector = input.vectors[field.field];
    if (!vector) throw new TypeError(`No query vector for field ${input.model.name}.${field.field}.`);
    if (vector.length !== field.dimensions) {
      throw new DimensionMismatchError(
        `The query embedding for ${input.model.name}.${field.field} has ${vector.length} dimensions but the field is declared with ${field.dimensions} (${field.model}); configure the same model and dimensions as the generated schema.`,
        { expected: field.dimensions, actual: vector.length },
      );
    }
    const literal = vectorLiteral(vector);
    let placeholder = byLiteral.get(literal);
    if (!placeholder) {
      placeholder = parameters.add(literal);
      byLiteral.set(literal, placeholder);
    }
    placeholders[field.field] = placeholder;
  }
  return placeholders;
}

/** Literals of frozen vectors (cached query embeddings are frozen), so a repeated search does not re-format them. */
const frozenLiterals = new WeakMap<readonly number[], string>();

/** pgvector's text form, `[1,2,3]`; rejects NaN and infinities. */
export function vectorLiteral(vector: readonly number[]): string {
  const known = frozenLiterals.get(vector);
  if (known !== undefined) return known;
  for (const value of vector) {
    if (!Number.isFinite(value)) throw new TypeError("Embedding vectors must contain finite numbers only.");
  }
  const literal = `[${vector.join(",")}]`;
  if (Object.isFrozen(vector)) frozenLiterals.set(vector, literal);
  return literal;
}

/** Candidates of one field, ordered by the index expression (one row per source row for chunked fields). */
function fieldBranch(model: ModelMeta, field: EmbeddedFieldMeta, vector: string, filter: string, limit: string, joinSource: boolean): string {
  const distance = distanceExpression(field, vector, "e");
  const fieldName = quoteLiteral(field.field);
  const conditions = [`e."field" = ${fieldName}`];
  if (filter !== "TRUE") conditions.push(filter);
  if (field.chunk) {
    // Each source row once, with its best chunk: a chunk passes only if no other chunk of the same row is
    // closer (ties: lower chunk_index). Cheap (primary-key lookups) and keeps the index order streaming.
    const other = distanceExpression(field, vector, "o");
    conditions.push(
      `NOT EXISTS (SELECT 1 FROM ${qualifiedEmbeddingsTable(model)} AS o WHERE o."row_id" = e."row_id" AND o."field" = ${fieldName} AND o."chunk_index" <> e."chunk_index" AND (${other} < ${distance} OR (${other} = ${distance} AND o."chunk_index" < e."chunk_index")))`,
    );
  }
  // Joined for the filter (and for row-level security); the foreign key alone guarantees the row exists.
  const source = joinSource ? ` JOIN ${quoteQualifiedName(model.dbSchema, model.table)} AS t ON t.${quoteIdentifier(model.id.column)} = e."row_id"` : "";
  return [
    `SELECT e."row_id"::text AS id, ${similarityExpression(field.distance, distance)}::float8 AS similarity, ${field.chunk ? `e."chunk_text"` : "NULL::text"} AS match`,
    `FROM ${qualifiedEmbeddingsTable(model)} AS e${source}`,
    `WHERE ${conditions.join(" AND ")}`,
    `ORDER BY ${distance} LIMIT ${limit}`,
  ].join("\n");
}

/** Best similarity (and chunk) of one row across the searched fields, exact (primary-key lookups). */
function bestOfRow(model: ModelMeta, fields: readonly EmbeddedFieldMeta[], vectors: Record<string, string>, idExpression: string): string {
  const idType = idSqlType(model);
  const parts = fields.map((field) => {
    const distance = distanceExpression(field, vectors[field.field]!, "e");
    return `(SELECT ${similarityExpression(field.distance, distance)}::float8 AS similarity, ${field.chunk ? `e."chunk_text"` : "NULL::text"} AS match FROM ${qualifiedEmbeddingsTable(model)} AS e WHERE e."row_id" = ${idExpression}::${idType} AND e."field" = ${quoteLiteral(field.field)})`;
  });
  return `SELECT candidate.similarity, candidate.match FROM (${parts.join(" UNION ALL ")}) AS candidate ORDER BY candidate.similarity DESC LIMIT 1`;
}
