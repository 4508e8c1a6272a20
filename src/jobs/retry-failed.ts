// `prisma-ai retry-failed`: puts the work recorded in prisma_ai.failures back into the queue (embed rows merged
// into each model's embed job, generate jobs per row and field) and deletes those failure rows, in one
// transaction, so a failure is either still recorded or queued again, never lost.
import type { AISchema } from "../schema/ai-schema.js";
import { embedJobKey, generateJobKeyPrefix, jobIdentifiers, triggerJobMaxAttempts } from "../sql/model-sql.js";
import type { SqlExecutor } from "../sql/sql-executor.js";
import type { SqlStatement } from "../sql/sql-parameters.js";
import { addJobStatement } from "./backfill.js";
import { failuresTable } from "./failures.js";

/** What {@link retryFailed} re-enqueued. */
export interface RetryFailedResult {
  /** Embed failures re-enqueued (row fields). */
  embed: number;
  /** Generate failures re-enqueued (row fields). */
  generate: number;
  /** Failures of models or fields no longer in the schema: deleted, nothing to retry. */
  dropped: number;
}

/** Re-enqueues the recorded failures of every model (or only `models`) and deletes them. */
export async function retryFailed(database: SqlExecutor, schema: AISchema, options: { models?: readonly string[]; workerSchema?: string } = {}): Promise<RetryFailedResult> {
  const workerSchema = options.workerSchema ?? "graphile_worker";
  const failures = await database.query<{ model: string; row_id: string; field: string; kind: "embed" | "generate" }>({
    text: `SELECT model, row_id, field, kind FROM ${failuresTable} WHERE ($1::text[] IS NULL OR model = ANY ($1::text[])) ORDER BY model, failed_at`,
    values: [options.models ? [...options.models] : null],
  });
  const result: RetryFailedResult = { embed: 0, generate: 0, dropped: 0 };
  if (failures.length === 0) return result;
  const statements: SqlStatement[] = [];
  const embedEntries = new Map<string, Array<{ model: string; id: string; field?: string }>>();
  for (const failure of failures) {
    const model = schema.models[failure.model];
    if (failure.kind === "embed" && model && (failure.field === "*" || model.embedded.some((field) => field.field === failure.field))) {
      const entries = embedEntries.get(failure.model) ?? [];
      entries.push({ model: failure.model, id: failure.row_id, ...(failure.field === "*" ? {} : { field: failure.field }) });
      embedEntries.set(failure.model, entries);
      result.embed++;
    } else if (failure.kind === "generate" && model?.generated.some((field) => field.field === failure.field)) {
      statements.push(
        addJobStatement(
          workerSchema,
          jobIdentifiers.generate,
          { model: failure.model, id: failure.row_id, field: failure.field },
          generateJobKeyPrefix(failure.model, failure.field) + failure.row_id,
          triggerJobMaxAttempts,
        ),
      );
      result.generate++;
    } else {
      result.dropped++;
    }
  }
  for (const [model, entries] of embedEntries) {
    statements.push(addJobStatement(workerSchema, jobIdentifiers.embed, entries, embedJobKey(model), triggerJobMaxAttempts));
  }
  statements.push({
    text: `DELETE FROM ${failuresTable} AS f USING unnest($1::text[], $2::text[], $3::text[]) AS retried(model, row_id, field)
WHERE f.model = retried.model AND f.row_id = retried.row_id AND f.field = retried.field`,
    values: [failures.map((failure) => failure.model), failures.map((failure) => failure.row_id), failures.map((failure) => failure.field)],
  });
  await database.transaction(statements);
  return result;
}
