// Embeds the embedded fields of some rows of one model and stores the vectors in its embeddings table: the
// work of the `prisma_ai.embed` job, of `generateEmbedding(id)` and of the extension's inline queue. Texts are
// read fresh from the source table; a field whose text did not change (same md5 as stored) is skipped unless
// forced; an empty field loses its embeddings. One `ai.embed` call per embedding model (the router batches).
// The write is guarded: it locks the source rows and applies only where the text still has the hash that was
// embedded, so a job that read older text never overwrites the vector of newer text (the edit enqueued a newer
// job); a text over `maxInputTokens` is recorded as a failure of that row's field, never cut.
import { createHash } from "node:crypto";
import type { AI } from "../ai/create-ai.js";
import type { EmbeddedFieldMeta, ModelMeta } from "../schema/ai-schema.js";
import { idSqlType, qualifiedEmbeddingsTable } from "../sql/model-sql.js";
import { prismaAISchemaName } from "../sql/names.js";
import { quoteIdentifier, quoteLiteral, quoteQualifiedName } from "../sql/quote.js";
import type { SqlExecutor } from "../sql/sql-executor.js";
import type { SqlStatement } from "../sql/sql-parameters.js";
import { vectorLiteral } from "../sql/search-query.js";
import { approximateTokens, chunkText } from "./chunk-text.js";

/** What {@link embedRecords} needs. */
export interface EmbedRecordsInput {
  readonly ai: Pick<AI, "embed">;
  readonly database: SqlExecutor;
  readonly model: ModelMeta;
  /** Row ids as text (Int, BigInt and uuid alike). Duplicates are ignored. */
  readonly ids: readonly string[];
  /** Only these embedded fields (Prisma names). Default: all of the model's. */
  readonly fields?: readonly string[];
  /** Re-embed even when the stored content hash equals the current text's. Default: false. */
  readonly force?: boolean;
  /**
   * Longest text sent for one embedding, in approximate tokens (see `approximateTokens`): an unchunked field (or
   * a chunk) longer than this is not embedded nor cut; the row's field is recorded in `prisma_ai.failures`
   * (see `rejected`) and the rest of the batch goes on. Default: no limit.
   */
  readonly maxInputTokens?: number;
  /** Aborts the provider requests (a worker's stop past its timeout). */
  readonly abortSignal?: AbortSignal;
}

/** What {@link embedRecords} did, per row and field. */
export interface EmbedRecordsResult {
  /** Fields embedded now, with their number of chunks (1 when not chunked). */
  readonly embedded: Array<{ id: string; field: string; chunks: number }>;
  /** Fields skipped because the stored embedding is current. */
  readonly unchanged: Array<{ id: string; field: string }>;
  /** Fields whose text is empty: their embeddings (if any) were removed. */
  readonly cleared: Array<{ id: string; field: string }>;
  /** Ids with no row in the source table (deleted since): nothing to do. */
  readonly missing: string[];
  /** Fields whose text changed while they were being embedded: nothing written (the edit enqueued newer work). */
  readonly superseded: Array<{ id: string; field: string }>;
  /** Fields over `maxInputTokens`: not embedded, recorded as failed in `prisma_ai.failures`. */
  readonly rejected: Array<{ id: string; field: string; error: string }>;
}

/** md5 (hex) of a text as Postgres computes `md5(text)` on a UTF-8 database: the stored `content_hash`. */
export function contentHash(text: string): string {
  return createHash("md5").update(text, "utf8").digest("hex");
}

/** Embeds and stores the given rows' embedded fields. Throws the provider's error when embedding fails (nothing is written then). */
export async function embedRecords(input: EmbedRecordsInput): Promise<EmbedRecordsResult> {
  return writeEmbeddings(await prepareEmbeddings(input));
}

/** One embedding of a row's field, ready to be written. */
interface PendingEmbedding {
  id: string;
  field: EmbeddedFieldMeta;
  hash: string;
  chunks: string[];
  vectors: number[][];
}

/** What {@link prepareEmbeddings} read and embedded, for {@link writeEmbeddings}. */
export interface PreparedEmbeddings {
  readonly input: EmbedRecordsInput;
  readonly fields: readonly EmbeddedFieldMeta[];
  readonly pending: readonly PendingEmbedding[];
  readonly result: EmbedRecordsResult;
}

/**
 * The first half of {@link embedRecords}: reads the texts and calls the provider, writes nothing. The jobs
 * start the next batch's request while this one is written ({@link writeEmbeddings}).
 */
export async function prepareEmbeddings(input: EmbedRecordsInput): Promise<PreparedEmbeddings> {
  const ids = [...new Set(input.ids)];
  const fields = input.fields ? input.model.embedded.filter((field) => input.fields!.includes(field.field)) : input.model.embedded;
  const result: EmbedRecordsResult = { embedded: [], unchanged: [], cleared: [], missing: [], superseded: [], rejected: [] };
  if (ids.length === 0 || fields.length === 0) return { input, fields, pending: [], result };

  const rows = await input.database.query<Record<string, string | null>>(readTextsStatement(input.model, fields, ids));
  const found = new Set(rows.map((row) => row.id!));
  result.missing.push(...ids.filter((id) => !found.has(id)));

  const pending: PendingEmbedding[] = [];
  for (const row of rows) {
    fields.forEach((field, index) => {
      const text = row[`f${index}`] ?? "";
      const id = row.id!;
      if (text.trim().length === 0) {
        result.cleared.push({ id, field: field.field });
        return;
      }
      const hash = contentHash(text);
      if (!input.force && row[`h${index}`] === hash) {
        result.unchanged.push({ id, field: field.field });
        return;
      }
      const chunks = field.chunk ? chunkText(text, field.chunk) : [text];
      const longest = input.maxInputTokens ? Math.max(...chunks.map(approximateTokens)) : 0;
      if (input.maxInputTokens && longest > input.maxInputTokens) {
        const what = field.chunk ? "a chunk of it is" : "it is";
        result.rejected.push({
          id,
          field: field.field,
          error: `TextTooLongError: ${input.model.name}.${field.field} of row ${id} is not embedded: ${what} about ${longest} tokens, longer than the limit of ${input.maxInputTokens} (maxInputTokens); shorten the text, or chunk the field with @ai.embed(chunk: ...).`,
        });
        return;
      }
      pending.push({ id, field, hash, chunks, vectors: [] });
    });
  }

  // One ai.embed call per (model, dimensions): the router splits it by the provider's batch limits.
  const groups = new Map<string, PendingEmbedding[]>();
  for (const item of pending) {
    const key = `${item.field.model}\u0000${item.field.dimensions}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  for (const items of groups.values()) {
    const { model, dimensions } = items[0]!.field;
    const response = await input.ai.embed({ model, input: items.flatMap((item) => item.chunks), dimensions, inputType: "document", ...(input.abortSignal ? { abortSignal: input.abortSignal } : {}) });
    let offset = 0;
    for (const item of items) {
      item.vectors = response.embeddings.slice(offset, offset + item.chunks.length);
      offset += item.chunks.length;
    }
  }

  return { input, fields, pending, result };
}

/** The second half of {@link embedRecords}: writes what {@link prepareEmbeddings} embedded (hash-guarded). */
export async function writeEmbeddings(prepared: PreparedEmbeddings): Promise<EmbedRecordsResult> {
  const { input, fields, pending, result } = prepared;
  // One transaction: lock the source rows (an edit in flight commits first, or waits for us), then replace only
  // the fields whose text still has the hash embedded (or, for cleared fields, is still empty).
  const replaced = [
    ...pending.map((item) => ({ id: item.id, field: item.field.field, hash: item.hash as string | null })),
    ...result.cleared.map((item) => ({ ...item, hash: null })),
  ];
  const statements: SqlStatement[] = [];
  if (replaced.length > 0) {
    statements.push(lockRowsStatement(input.model, [...new Set(replaced.map((item) => item.id))]));
    statements.push(deleteStatement(input.model, fields, replaced));
  }
  if (pending.length > 0) statements.push(insertStatement(input.model, fields, pending));
  if (replaced.length > 0) statements.push(clearFailuresStatement(input.model, fields, replaced, "embed"));
  for (const rejected of result.rejected) statements.push(recordFailureStatement(input.model, rejected.id, rejected.field, "embed", rejected.error));
  const results = statements.length > 0 ? await input.database.transaction(statements) : [];
  // Statement 2 (after the lock and the delete) is the insert, returning the fields it wrote.
  const written = new Set(pending.length > 0 ? (results[2] as Array<{ row_id: string; field: string }>).map((row) => `${row.row_id}\u0000${row.field}`) : []);
  for (const item of pending) {
    if (written.has(`${item.id}\u0000${item.field.field}`)) result.embedded.push({ id: item.id, field: item.field.field, chunks: item.chunks.length });
    else result.superseded.push({ id: item.id, field: item.field.field });
  }
  return result;
}

/** The current text of `field` (of the row aliased `t`), by the field's Prisma name in `fieldName`. */
function currentTextExpression(fields: readonly EmbeddedFieldMeta[], fieldName: string): string {
  return `(CASE ${fieldName} ${fields.map((field) => `WHEN ${quoteLiteral(field.field)} THEN t.${quoteIdentifier(field.column)}::text`).join(" ")} END)`;
}

/** True when the row's current text still is what was embedded (`hash`), or still empty for a cleared field (null hash). */
function stillCurrentCondition(fields: readonly EmbeddedFieldMeta[], fieldName: string, hash: string): string {
  const text = currentTextExpression(fields, fieldName);
  return `(CASE WHEN ${hash} IS NULL THEN btrim(coalesce(${text}, '')) = '' ELSE md5(${text}) = ${hash} END)`;
}

function lockRowsStatement(model: ModelMeta, ids: readonly string[]): SqlStatement {
  const id = quoteIdentifier(model.id.column);
  return {
    text: `SELECT ${id}::text AS id FROM ${quoteQualifiedName(model.dbSchema, model.table)} WHERE ${id} = ANY ($1::${idSqlType(model)}[]) ORDER BY ${id} FOR SHARE`,
    values: [[...ids]],
  };
}

/** Records a permanent failure of one row's field in `prisma_ai.failures` (read by `embeddingStatus()`). */
export function recordFailureStatement(model: ModelMeta, id: string, field: string, kind: "embed" | "generate", error: string): SqlStatement {
  return {
    text: `INSERT INTO ${quoteQualifiedName(prismaAISchemaName, "failures")} (model, row_id, field, kind, error, attempts) VALUES ($1, $2, $3, $4, $5, 1)
ON CONFLICT (model, row_id, field) DO UPDATE SET kind = excluded.kind, error = excluded.error, attempts = ${quoteQualifiedName(prismaAISchemaName, "failures")}.attempts + 1, failed_at = now()`,
    values: [model.name, id, field, kind, error.slice(0, 2000)],
  };
}

function readTextsStatement(model: ModelMeta, fields: readonly EmbeddedFieldMeta[], ids: readonly string[]): SqlStatement {
  const idType = idSqlType(model);
  const id = `t.${quoteIdentifier(model.id.column)}`;
  const columns = fields.flatMap((field, index) => [
    `t.${quoteIdentifier(field.column)}::text AS ${quoteIdentifier(`f${index}`)}`,
    `(SELECT e.content_hash FROM ${qualifiedEmbeddingsTable(model)} AS e WHERE e.row_id = ${id} AND e.field = ${quoteLiteral(field.field)} ORDER BY e.chunk_index LIMIT 1) AS ${quoteIdentifier(`h${index}`)}`,
  ]);
  return {
    text: `SELECT ${id}::text AS id, ${columns.join(", ")} FROM ${quoteQualifiedName(model.dbSchema, model.table)} AS t WHERE ${id} = ANY ($1::${idType}[])`,
    values: [[...ids]],
  };
}

function deleteStatement(model: ModelMeta, fields: readonly EmbeddedFieldMeta[], items: ReadonlyArray<{ id: string; field: string; hash: string | null }>): SqlStatement {
  return {
    text: `DELETE FROM ${qualifiedEmbeddingsTable(model)} AS e USING unnest($1::text[], $2::text[], $3::text[]) AS gone(row_id, field, hash), ${quoteQualifiedName(model.dbSchema, model.table)} AS t
WHERE t.${quoteIdentifier(model.id.column)} = gone.row_id::${idSqlType(model)} AND e.row_id = t.${quoteIdentifier(model.id.column)} AND e.field = gone.field
  AND ${stillCurrentCondition(fields, "gone.field", "gone.hash")}`,
    values: [items.map((item) => item.id), items.map((item) => item.field), items.map((item) => item.hash)],
  };
}

function insertStatement(
  model: ModelMeta,
  fields: readonly EmbeddedFieldMeta[],
  items: ReadonlyArray<{ id: string; field: EmbeddedFieldMeta; hash: string; chunks: string[]; vectors: number[][] }>,
): SqlStatement {
  const columns: [string[], string[], number[], (string | null)[], string[], string[], string[]] = [[], [], [], [], [], [], []];
  for (const item of items) {
    item.chunks.forEach((chunk, index) => {
      const vector = item.vectors[index];
      if (!vector) throw new TypeError(`ai.embed returned fewer vectors than texts for ${model.name}.${item.field.field}.`);
      columns[0].push(item.id);
      columns[1].push(item.field.field);
      columns[2].push(index);
      columns[3].push(item.field.chunk ? chunk : null);
      columns[4].push(item.hash);
      columns[5].push(item.field.model);
      columns[6].push(vectorLiteral(vector));
    });
  }
  return {
    text: `INSERT INTO ${qualifiedEmbeddingsTable(model)} (row_id, field, chunk_index, chunk_text, content_hash, embedding_model, embedding)
SELECT t.${quoteIdentifier(model.id.column)}, incoming.field, incoming.chunk_index, incoming.chunk_text, incoming.content_hash, incoming.embedding_model, incoming.embedding::vector
FROM unnest($1::text[], $2::text[], $3::integer[], $4::text[], $5::text[], $6::text[], $7::text[]) AS incoming(row_id, field, chunk_index, chunk_text, content_hash, embedding_model, embedding)
JOIN ${quoteQualifiedName(model.dbSchema, model.table)} AS t ON t.${quoteIdentifier(model.id.column)} = incoming.row_id::${idSqlType(model)}
WHERE ${stillCurrentCondition(fields, "incoming.field", "incoming.content_hash")}
ON CONFLICT (row_id, field, chunk_index) DO UPDATE SET chunk_text = excluded.chunk_text, content_hash = excluded.content_hash,
  embedding_model = excluded.embedding_model, embedding = excluded.embedding, embedded_at = now()
RETURNING row_id::text AS row_id, field`,
    values: columns,
  };
}

function clearFailuresStatement(
  model: ModelMeta,
  fields: readonly EmbeddedFieldMeta[],
  items: ReadonlyArray<{ id: string; field: string; hash: string | null }>,
  kind: "embed" | "generate",
): SqlStatement {
  return {
    text: `DELETE FROM ${quoteQualifiedName(prismaAISchemaName, "failures")} AS f USING unnest($2::text[], $3::text[], $5::text[]) AS done(row_id, field, hash), ${quoteQualifiedName(model.dbSchema, model.table)} AS t
WHERE f.model = $1 AND f.kind = $4 AND f.row_id = done.row_id AND f.field IN (done.field, '*')
  AND t.${quoteIdentifier(model.id.column)} = done.row_id::${idSqlType(model)} AND ${stillCurrentCondition(fields, "done.field", "done.hash")}`,
    values: [model.name, items.map((item) => item.id), items.map((item) => item.field), kind, items.map((item) => item.hash)],
  };
}
