// Backfill: embedding the existing rows of a model that have no current embedding (rows written before the
// triggers existed, a newly annotated field, a changed embedding model after a wipe...). Rows are read in pages
// in id order (keyset: `id > after`), so a backfill can stop and resume from the last id it handled.
// The `prisma_ai.backfill` job (src/jobs/backfill-task.ts) hands each page to embed jobs; `backfillInProcess` does
// the work in the calling process (the CLI's default, with a progress bar).
import type { AI } from "../ai/create-ai.js";
import type { EmbeddedFieldMeta, ModelMeta } from "../schema/ai-schema.js";
import { ConfigError } from "../spec/errors/index.js";
import { idSqlType } from "../sql/model-sql.js";
import { quoteIdentifier, quoteQualifiedName } from "../sql/quote.js";
import type { SqlExecutor } from "../sql/sql-executor.js";
import type { SqlStatement } from "../sql/sql-parameters.js";
import { embedRecords } from "./embed-records.js";
import { fieldsNeedingEmbeddingStatement, needsEmbeddingCondition, recordFailuresStatement, type RowField } from "./failures.js";

/** The embedded fields a backfill covers: one (by Prisma name) or all. @throws ConfigError for an unknown field. */
export function backfillFields(model: ModelMeta, field: string | undefined): EmbeddedFieldMeta[] {
  if (field === undefined) return [...model.embedded];
  const found = model.embedded.find((candidate) => candidate.field === field);
  if (!found) {
    throw new ConfigError(`${model.name}.${field} is not an /// @ai.embed field; embedded fields of ${model.name}: ${model.embedded.map((candidate) => candidate.field).join(", ") || "(none)"}.`);
  }
  return [found];
}

/** Ids (as text, in id order) of the next `limit` rows after `after` whose `fields` need embedding. */
export function backfillPageStatement(model: ModelMeta, fields: readonly EmbeddedFieldMeta[], after: string | undefined, limit: number): SqlStatement {
  const id = `t.${quoteIdentifier(model.id.column)}`;
  const values: unknown[] = [limit];
  const conditions = [`(${fields.map((field) => needsEmbeddingCondition(model, field, "t")).join(" OR ")})`];
  if (after !== undefined) {
    values.push(after);
    conditions.unshift(`${id} > $2::${idSqlType(model)}`);
  }
  return {
    text: `SELECT ${id}::text AS id FROM ${quoteQualifiedName(model.dbSchema, model.table)} AS t WHERE ${conditions.join(" AND ")} ORDER BY ${id} LIMIT $1`,
    values,
  };
}

/** Number of rows after `after` whose `fields` need embedding (the progress bar's total). */
export function backfillCountStatement(model: ModelMeta, fields: readonly EmbeddedFieldMeta[], after?: string): SqlStatement {
  const id = `t.${quoteIdentifier(model.id.column)}`;
  const conditions = [`(${fields.map((field) => needsEmbeddingCondition(model, field, "t")).join(" OR ")})`];
  if (after !== undefined) conditions.unshift(`${id} > $1::${idSqlType(model)}`);
  return {
    text: `SELECT count(*)::int AS count FROM ${quoteQualifiedName(model.dbSchema, model.table)} AS t WHERE ${conditions.join(" AND ")}`,
    values: after !== undefined ? [after] : [],
  };
}

/** Options of {@link backfillInProcess}. */
export interface BackfillInProcessOptions {
  ai: Pick<AI, "embed">;
  database: SqlExecutor;
  model: ModelMeta;
  /** One embedded field (Prisma name); default: all. */
  field?: string;
  /** Start after this id (as text); default: from the first row. */
  after?: string;
  /** Rows per embedding request. Default: 100. */
  batchSize?: number;
  /** See `AITaskListOptions.maxInputTokens`. */
  maxInputTokens?: number;
  /** Called after each batch with the rows handled so far, the total expected and the last id handled. */
  onProgress?(progress: { done: number; total: number; failed: number; lastId: string }): void;
  /** Stops between two batches. */
  signal?: AbortSignal;
}

/** What {@link backfillInProcess} did. */
export interface BackfillSummary {
  /** Rows handled (embedded, or recorded as failed). */
  done: number;
  /** Rows that needed work when it started. */
  total: number;
  /** Row fields recorded in prisma_ai.failures. */
  failed: number;
  /** Last id handled: pass it as `after` to resume. */
  lastId: string | undefined;
  /** Whether `signal` stopped it before the end. */
  stopped: boolean;
}

/**
 * Embeds, in this process, every row of the model that needs it, `batchSize` rows per request. A batch the
 * provider rejects (after the HTTP layer's retries) is recorded in prisma_ai.failures and the backfill goes on.
 */
export async function backfillInProcess(options: BackfillInProcessOptions): Promise<BackfillSummary> {
  const fields = backfillFields(options.model, options.field);
  const batchSize = options.batchSize ?? 100;
  const [counted] = await options.database.query<{ count: number }>(backfillCountStatement(options.model, fields, options.after));
  const summary: BackfillSummary = { done: 0, total: counted?.count ?? 0, failed: 0, lastId: options.after, stopped: false };
  while (!options.signal?.aborted) {
    const ids = (await options.database.query<{ id: string }>(backfillPageStatement(options.model, fields, summary.lastId, batchSize))).map((row) => row.id);
    if (ids.length === 0) return summary;
    try {
      await embedRecords({
        ai: options.ai,
        database: options.database,
        model: options.model,
        ids,
        fields: fields.map((field) => field.field),
        ...(options.maxInputTokens ? { maxInputTokens: options.maxInputTokens } : {}),
      });
    } catch (error) {
      const items = await options.database.query<RowField>(fieldsNeedingEmbeddingStatement(options.model, fields, ids));
      if (items.length > 0) await options.database.query(recordFailuresStatement(options.model, items, "embed", error, 1));
      summary.failed += items.length;
    }
    summary.done += ids.length;
    summary.lastId = ids.at(-1);
    options.onProgress?.({ done: summary.done, total: Math.max(summary.total, summary.done), failed: summary.failed, lastId: summary.lastId! });
  }
  summary.stopped = true;
  return summary;
}
