// Permanent failures of embed/generate jobs in prisma_ai.failures (one row per model, row and field; the
// contract's table), and the query that says which fields of some rows still need embedding (what a failed
// batch leaves undone, so exactly those are recorded).
import type { EmbeddedFieldMeta, ModelMeta } from "../schema/ai-schema.js";
import { idSqlType, qualifiedEmbeddingsTable } from "../sql/model-sql.js";
import { prismaAISchemaName } from "../sql/names.js";
import { quoteIdentifier, quoteLiteral, quoteQualifiedName } from "../sql/quote.js";
import type { SqlStatement } from "../sql/sql-parameters.js";

/** `"prisma_ai"."failures"`. */
export const failuresTable = quoteQualifiedName(prismaAISchemaName, "failures");

/** One row's field. */
export interface RowField {
  id: string;
  field: string;
}

/** Longest error text stored (the rest is cut; the job log has the whole error). */
const maxErrorLength = 2_000;

/** `ErrorName: message`, one line, at most 2,000 characters. Provider errors never carry API keys. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.replace(/\s+/g, " ").trim().slice(0, maxErrorLength);
}

/**
 * Rows' embedded fields that still need work: text present and no embedding of that exact text (content hash),
 * or no text but embeddings left over. Used to record precisely what a failed batch left undone.
 */
export function fieldsNeedingEmbeddingStatement(model: ModelMeta, fields: readonly EmbeddedFieldMeta[], ids: readonly string[]): SqlStatement {
  const id = `t.${quoteIdentifier(model.id.column)}`;
  const branches = fields.map(
    (field) => `SELECT ${id}::text AS id, ${quoteLiteral(field.field)} AS field FROM ${quoteQualifiedName(model.dbSchema, model.table)} AS t
  WHERE ${id} = ANY ($1::${idSqlType(model)}[]) AND ${needsEmbeddingCondition(model, field, "t")}`,
  );
  return { text: branches.join("\nUNION ALL\n"), values: [[...ids]] };
}

/**
 * SQL condition (over the source table aliased `alias`) true when `field` of the row needs embedding work: it has
 * text but no chunk-0 embedding with the text's md5, or it has no text but embeddings remain.
 */
export function needsEmbeddingCondition(model: ModelMeta, field: EmbeddedFieldMeta, alias: string): string {
  const column = `${quoteIdentifier(alias)}.${quoteIdentifier(field.column)}`;
  const embeddings = qualifiedEmbeddingsTable(model);
  const id = `${quoteIdentifier(alias)}.${quoteIdentifier(model.id.column)}`;
  const row = `e.row_id = ${id} AND e.field = ${quoteLiteral(field.field)}`;
  return `(CASE WHEN btrim(coalesce(${column}::text, '')) <> ''
    THEN NOT EXISTS (SELECT 1 FROM ${embeddings} AS e WHERE ${row} AND e.chunk_index = 0 AND e.content_hash = md5(${column}::text))
    ELSE EXISTS (SELECT 1 FROM ${embeddings} AS e WHERE ${row}) END)`;
}

/** Upserts failures of the given row fields: the error, the attempts made, now. */
export function recordFailuresStatement(model: ModelMeta, items: readonly RowField[], kind: "embed" | "generate", error: unknown, attempts: number): SqlStatement {
  return {
    text: `INSERT INTO ${failuresTable} AS f (model, row_id, field, kind, error, attempts)
SELECT $1, failed.row_id, failed.field, $4, $5, $6 FROM unnest($2::text[], $3::text[]) AS failed(row_id, field)
ON CONFLICT (model, row_id, field) DO UPDATE SET kind = excluded.kind, error = excluded.error, attempts = excluded.attempts, failed_at = now()`,
    values: [model.name, items.map((item) => item.id), items.map((item) => item.field), kind, describeError(error), attempts],
  };
}

/** Deletes the failures of the given row fields of one kind (the work succeeded since). */
export function clearFailuresStatement(model: ModelMeta, items: readonly RowField[], kind: "embed" | "generate"): SqlStatement {
  return {
    text: `DELETE FROM ${failuresTable} AS f USING unnest($2::text[], $3::text[]) AS done(row_id, field)
WHERE f.model = $1 AND f.kind = $4 AND f.row_id = done.row_id AND f.field = done.field`,
    values: [model.name, items.map((item) => item.id), items.map((item) => item.field), kind],
  };
}
