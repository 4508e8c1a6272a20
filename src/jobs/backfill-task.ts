// The `prisma_ai.backfill` task: one page of rows needing embeddings per job (read with the engine's page
// statement), handed to embed jobs (of 5 requests of `batchSize` rows, so several workers share a page); the next
// page's backfill job is enqueued in the same transaction, so a crash never skips or repeats a page.
import type { Task } from "graphile-worker";
import { backfillFields, backfillPageStatement } from "../engine/backfill.js";
import { runTransaction } from "../engine/pg-executor.js";
import { addJobStatement } from "../sql/add-job.js";
import { jobIdentifiers, triggerJobMaxAttempts } from "../sql/model-sql.js";
import type { SqlStatement } from "../sql/sql-parameters.js";
import { backfillPayloadSchema, describePayloadIssues } from "./payloads.js";
import type { ResolvedTaskOptions } from "./task-options.js";

/**
 * Requests (of `batchSize` rows) per embed job a backfill enqueues: enough for a job to keep one request in
 * flight while it writes the previous batch, few enough that several workers share a page.
 */
export const backfillBatchesPerJob = 5;

/** Job key of a model's (or one field's) backfill chain, so starting it twice does not run two chains. */
export function backfillJobKey(model: string, field?: string): string {
  return `${jobIdentifiers.backfill}:${model}${field ? `:${field}` : ""}`;
}

/** Builds the `prisma_ai.backfill` task: one page per job, handed to embed jobs, then the next page's job. */
export function createBackfillTask(options: ResolvedTaskOptions): Task {
  return async (payload, helpers) => {
    const parsed = backfillPayloadSchema.safeParse(payload);
    if (!parsed.success) {
      helpers.logger.error(`prisma_ai.backfill job ${helpers.job.id} has an invalid payload (${describePayloadIssues(parsed.error)}); it was dropped.`);
      return;
    }
    const { model: modelName, field, after } = parsed.data;
    const model = options.schema.models[modelName];
    if (!model || model.embedded.length === 0) {
      helpers.logger.warn(`prisma_ai.backfill: model ${modelName} has no /// @ai.embed fields in this aiSchema; nothing to backfill.`);
      return;
    }
    const fields = backfillFields(model, field);
    await helpers.withPgClient(async (client) => {
      const page = backfillPageStatement(model, fields, after, options.backfillPageSize);
      const ids = (await client.query<{ id: string }>({ text: page.text, values: [...page.values] })).rows.map((row) => row.id);
      if (ids.length === 0) {
        helpers.logger.info(`prisma_ai.backfill: ${modelName}${field ? `.${field}` : ""} is complete.`);
        return;
      }
      const statements: SqlStatement[] = [];
      const rowsPerJob = options.batchSize * backfillBatchesPerJob;
      for (let start = 0; start < ids.length; start += rowsPerJob) {
        const entries = ids.slice(start, start + rowsPerJob).map((id) => ({ model: modelName, id, ...(field ? { field } : {}) }));
        statements.push(addJobStatement(options.workerSchema, jobIdentifiers.embed, entries, null, triggerJobMaxAttempts, backfillPriorities.embed));
      }
      if (ids.length === options.backfillPageSize) {
        const next = { model: modelName, ...(field ? { field } : {}), after: ids.at(-1)! };
        statements.push(
          addJobStatement(options.workerSchema, jobIdentifiers.backfill, next, backfillJobKey(modelName, field), triggerJobMaxAttempts, backfillPriorities.chain),
        );
      }
      await runTransaction(client, statements);
      helpers.logger.info(`prisma_ai.backfill: ${modelName}${field ? `.${field}` : ""}: enqueued ${ids.length} row(s) after ${after ?? "the start"}.`);
    });
  };
}

/**
 * Priorities of the backfill's jobs (Graphile Worker runs lower numbers first; the triggers' jobs have 0): the
 * chain's next page goes first, so pages are enqueued ahead of the workers; the embed jobs of a backfill come
 * after the writes of live traffic, so a large backfill never delays them.
 */
export const backfillPriorities = { chain: -1, embed: 1 } as const;

