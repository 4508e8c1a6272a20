// `prisma-ai retry-failed`: puts the work recorded in prisma_ai.failures back into the queue (embed jobs per row,
// generate jobs per row and field, keyed like the triggers' jobs) and deletes those failure rows, in one
// transaction, so a failure is either still recorded or queued again, never lost. prisma_ai jobs left past
// their last attempt in Graphile Worker's table (a worker killed during a job's last attempt) are put back too.
import type { AISchema } from "../schema/ai-schema.js";
import { embedJobKeyPrefix, generateJobKeyPrefix, jobIdentifiers, triggerJobMaxAttempts } from "../sql/model-sql.js";
import { quoteIdentifier } from "../sql/quote.js";
import type { SqlExecutor } from "../sql/sql-executor.js";
import type { SqlStatement } from "../sql/sql-parameters.js";
import { addJobStatement } from "../sql/add-job.js";
import { failuresTable } from "./failures.js";
import { defaultHeartbeatTimeoutMs, releaseDeadWorkers } from "./worker-registry.js";
import { prismaAISchemaName } from "../sql/names.js";

/** What {@link retryFailed} re-enqueued. */
export interface RetryFailedResult {
  /** Embed failures re-enqueued (row fields). */
  embed: number;
  /** Generate failures re-enqueued (row fields). */
  generate: number;
  /** Failures of models or fields no longer in the schema: deleted, nothing to retry. */
  dropped: number;
  /** prisma_ai jobs past their last attempt (not running) given fresh attempts. */
  deadJobs: number;
  /**
   * Jobs released from workers that stopped beating (or never registered) for longer than the heartbeat timeout:
   * stranded by a kill -9 or a lost machine, they run again at once.
   */
  releasedJobs: number;
}

/** Re-enqueues the recorded failures of every model (or only `models`) and deletes them. */
export async function retryFailed(
  database: SqlExecutor,
  schema: AISchema,
  options: { models?: readonly string[]; workerSchema?: string; heartbeatTimeoutMs?: number } = {},
): Promise<RetryFailedResult> {
  const workerSchema = options.workerSchema ?? "graphile_worker";
  const failures = await database.query<{ model: string; row_id: string; field: string; kind: "embed" | "generate" }>({
    text: `SELECT model, row_id, field, kind FROM ${failuresTable} WHERE ($1::text[] IS NULL OR model = ANY ($1::text[])) ORDER BY model, failed_at`,
    values: [options.models ? [...options.models] : null],
  });
  const result: RetryFailedResult = { embed: 0, generate: 0, dropped: 0, deadJobs: 0, releasedJobs: 0 };
  const statements: SqlStatement[] = [];
  const [installed] = await database.query<{ ok: boolean }>({ text: "SELECT to_regclass($1) IS NOT NULL AS ok", values: [`${workerSchema}._private_jobs`] });
  if (installed?.ok) {
    // Jobs stranded by dead workers (all models: a worker's locks are not per model).
    const [registry] = await database.query<{ ok: boolean }>({ text: "SELECT to_regclass($1) IS NOT NULL AS ok", values: [`${prismaAISchemaName}.workers`] });
    if (registry?.ok) {
      result.releasedJobs = (await releaseDeadWorkers(database, { workerSchema, timeoutMs: options.heartbeatTimeoutMs ?? defaultHeartbeatTimeoutMs })).jobs;
    }
    // Dead prisma_ai jobs (a crash during the last attempt leaves neither a failure record nor a retry): fresh attempts.
    const revived = await database.query<{ id: string }>({
      text: `UPDATE ${quoteIdentifier(workerSchema)}._private_jobs AS j SET attempts = 0, run_at = now(), last_error = NULL
FROM ${quoteIdentifier(workerSchema)}._private_tasks AS task
WHERE task.id = j.task_id AND task.identifier = ANY ($1::text[]) AND j.locked_at IS NULL AND j.attempts >= j.max_attempts
  AND ($2::text[] IS NULL OR coalesce(j.payload -> 0 ->> 'model', j.payload ->> 'model') = ANY ($2::text[]))
RETURNING j.id::text AS id`,
      values: [Object.values(jobIdentifiers), options.models ? [...options.models] : null],
    });
    result.deadJobs = revived.length;
  }
  if (failures.length === 0) return result;
  const embedRows = new Map<string, Set<string>>();
  for (const failure of failures) {
    const model = schema.models[failure.model];
    if (failure.kind === "embed" && model && (failure.field === "*" || model.embedded.some((field) => field.field === failure.field))) {
      // One job per row, keyed like the triggers' (it merges with a write's job): it embeds every field the row
      // still needs, which the content hashes tell.
      const rows = embedRows.get(failure.model) ?? new Set();
      rows.add(failure.row_id);
      embedRows.set(failure.model, rows);
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
  for (const [model, rows] of embedRows) statements.push(addRowEmbedJobsStatement(workerSchema, model, [...rows]));
  statements.push({
    text: `DELETE FROM ${failuresTable} AS f USING unnest($1::text[], $2::text[], $3::text[]) AS retried(model, row_id, field)
WHERE f.model = retried.model AND f.row_id = retried.row_id AND f.field = retried.field`,
    values: [failures.map((failure) => failure.model), failures.map((failure) => failure.row_id), failures.map((failure) => failure.field)],
  });
  await database.transaction(statements);
  return result;
}

/** One keyed `prisma_ai.embed` job per row, as the triggers enqueue them, in one statement. */
function addRowEmbedJobsStatement(workerSchema: string, model: string, ids: string[]): SqlStatement {
  return {
    text: `SELECT count(job.id)::int AS jobs FROM unnest($3::text[]) AS r(id),
  LATERAL ${quoteIdentifier(workerSchema)}.add_job($1, json_build_object('model', $2::text, 'id', r.id), job_key => $4 || r.id, max_attempts => $5) AS job`,
    values: [jobIdentifiers.embed, model, ids, embedJobKeyPrefix(model), triggerJobMaxAttempts],
  };
}
