// The `prisma_ai.embed` task. The triggers enqueue one job per written row (`{ model, id }`, job key
// `prisma_ai.embed:<Model>:<id>`, so a burst of writes to a row waits as one job); backfill and hand-written jobs
// may carry an array of rows. Every row goes to the process's EmbedBatcher, which sends the rows of jobs running
// at the same time together, so one request serves many jobs.
// A failure is retried by Graphile Worker with its exponential backoff (an array job keeps only its failed rows);
// on the last attempt, or for a text the model rejects as too long (it fails on every attempt), the row's fields
// are recorded in prisma_ai.failures instead (what `status` shows and `retry-failed` re-enqueues). A failing job
// whose row a newer write enqueued again completes quietly: the newer job embeds the newer text.
import type { JobHelpers, Task } from "graphile-worker";
import type { EmbeddedFieldMeta, ModelMeta } from "../schema/ai-schema.js";
import { isContextLengthError } from "../spec/errors/index.js";
import type { SqlExecutor } from "../sql/sql-executor.js";
import type { EmbedBatcher } from "../engine/embed-batcher.js";
import { describeError, fieldsNeedingEmbeddingStatement, recordFailuresStatement, type RowField } from "../engine/failures.js";
import { supersededByNewerJob } from "./job-key.js";
import { describePayloadIssues, embedPayloadSchema, type EmbedEntry } from "./payloads.js";
import { pgExecutor } from "../engine/pg-executor.js";
import type { ResolvedTaskOptions } from "./task-options.js";

/** Builds the `prisma_ai.embed` task; its rows are sent through `batcher` (shared by the task list's jobs). */
export function createEmbedTask(options: ResolvedTaskOptions, batcher: EmbedBatcher): Task {
  return async (payload, helpers) => {
    const parsed = embedPayloadSchema.safeParse(payload);
    if (!parsed.success) {
      // Retrying cannot fix a malformed payload: say so and let the job complete.
      helpers.logger.error(`prisma_ai.embed job ${helpers.job.id} has an invalid payload (${describePayloadIssues(parsed.error)}); it was dropped.`);
      return;
    }
    const database = pgExecutor(helpers.withPgClient);
    const embedRow = (entry: EmbedEntry) => embedEntry(options, batcher, database, helpers, entry);
    // An array job returns one promise per row: Graphile Worker keeps only the failed rows for the retry.
    if (Array.isArray(parsed.data)) return parsed.data.map(embedRow);
    await embedRow(parsed.data);
    return undefined;
  };
}

/** Embeds one payload row; records it instead of failing when retrying cannot help. */
async function embedEntry(options: ResolvedTaskOptions, batcher: EmbedBatcher, database: SqlExecutor, helpers: JobHelpers, entry: EmbedEntry): Promise<void> {
  const model = options.schema.models[entry.model];
  if (!model || model.embedded.length === 0) {
    helpers.logger.warn(`prisma_ai.embed: model ${entry.model} has no /// @ai.embed fields in this aiSchema; row ${entry.id} was skipped.`);
    return;
  }
  const fields = entry.field === undefined ? undefined : [entry.field];
  try {
    await batcher.embed(database, helpers.logger, model, entry.id, fields, helpers.abortSignal);
  } catch (error) {
    // Stopped past the shutdown timeout: the job is released, not failed (nothing to record).
    if (helpers.abortSignal?.aborted) throw error;
    if (!isContextLengthError(error) && helpers.job.attempts < helpers.job.max_attempts) {
      if (await supersededByNewerJob(helpers, options.workerSchema)) {
        helpers.logger.debug(`prisma_ai.embed: ${entry.model} ${entry.id} failed, but a newer write enqueued it again; that job embeds it.`);
        return;
      }
      throw error;
    }
    await recordFailures(database, helpers, model, entry.id, fields, error);
  }
}

/** The fields the row still needs are recorded as failed (last attempt, or a text too long for the model). */
async function recordFailures(database: SqlExecutor, helpers: JobHelpers, model: ModelMeta, id: string, fields: readonly string[] | undefined, error: unknown): Promise<void> {
  const items = await database.query<RowField>(fieldsNeedingEmbeddingStatement(model, embeddedFields(model, fields), [id]));
  if (items.length > 0) await database.query(recordFailuresStatement(model, items, "embed", error, helpers.job.attempts));
  helpers.logger.error(
    `prisma_ai.embed: embedding ${items.length} field(s) of ${model.name} ${id} failed on attempt ${helpers.job.attempts} of ${helpers.job.max_attempts}; recorded in prisma_ai.failures (run \`prisma-ai retry-failed\` once fixed): ${describeError(error)}`,
  );
}

function embeddedFields(model: ModelMeta, fields: readonly string[] | undefined): EmbeddedFieldMeta[] {
  return fields ? model.embedded.filter((field) => fields.includes(field.field)) : [...model.embedded];
}
