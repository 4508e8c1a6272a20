// The last error per model of the rows still retrying (prisma_ai jobs in Graphile Worker's queue whose last
// attempt failed) and of the rows recorded as failed (prisma_ai.failures), for `prisma-ai status`: during a period
// of 401s or 429s the cause shows next to the pending rows instead of only the queue's age.
import { jobIdentifiers } from "../sql/model-sql.js";
import { quoteIdentifier } from "../sql/quote.js";
import type { SqlExecutor } from "../sql/sql-executor.js";
import { failuresTable } from "./failures.js";

/** The last error of one model's retrying or failed work. */
export interface LastErrorStatus {
  model: string;
  /** `retrying`: jobs whose last attempt failed, to be attempted again; `failed`: recorded in prisma_ai.failures. */
  state: "retrying" | "failed";
  /** Jobs (retrying) or row fields (failed) in this state. */
  count: number;
  /** The most recent error message. */
  error: string;
  /** When it happened. */
  at: Date;
}

/** Reads the last errors of `models` (every model when omitted). */
export async function readLastErrors(database: SqlExecutor, options: { models: readonly string[]; workerSchema: string }): Promise<LastErrorStatus[]> {
  const schema = quoteIdentifier(options.workerSchema);
  const [installed] = await database.query<{ ok: boolean }>({ text: "SELECT to_regclass($1) IS NOT NULL AS ok", values: [`${options.workerSchema}._private_jobs`] });
  const retrying = installed?.ok
    ? await database.query<{ model: string; count: number; error: string; at: Date }>({
        text: `SELECT DISTINCT ON (model) model, count(*) OVER (PARTITION BY model)::int AS count, last_error AS error, updated_at AS at
FROM (
  SELECT coalesce(j.payload -> 0 ->> 'model', j.payload ->> 'model') AS model, j.last_error, j.updated_at
  FROM ${schema}._private_jobs AS j JOIN ${schema}._private_tasks AS task ON task.id = j.task_id
  WHERE task.identifier = ANY ($1::text[]) AND j.last_error IS NOT NULL AND j.attempts < j.max_attempts
) AS failing
WHERE model = ANY ($2::text[])
ORDER BY model, at DESC`,
        values: [Object.values(jobIdentifiers), [...options.models]],
      })
    : [];
  const failed = await database.query<{ model: string; count: number; error: string; at: Date }>({
    text: `SELECT DISTINCT ON (model) model, count(*) OVER (PARTITION BY model)::int AS count, error, failed_at AS at
FROM ${failuresTable} WHERE model = ANY ($1::text[]) ORDER BY model, failed_at DESC`,
    values: [[...options.models]],
  });
  return [
    ...retrying.map((row) => ({ model: row.model, state: "retrying" as const, count: row.count, error: oneLine(row.error), at: row.at })),
    ...failed.map((row) => ({ model: row.model, state: "failed" as const, count: row.count, error: oneLine(row.error), at: row.at })),
  ].sort((a, b) => a.model.localeCompare(b.model) || a.state.localeCompare(b.state));
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}
