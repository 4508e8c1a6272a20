// The `prisma_ai.generate` task: fills one `@ai.generate` field of one row. The write is guarded: it happens only
// if the prompt's source fields still hold the values the prompt was built from (an edit meanwhile enqueued a
// newer job, which generates from the newer text). The write changes only the generated column, which the
// trigger's update condition excludes, so it never enqueues itself again. Provider errors are retried with
// Graphile Worker's backoff (unless a newer write enqueued the field again); the last attempt records the
// failure in prisma_ai.failures.
import type { Task } from "graphile-worker";
import { clearFailuresStatement, describeError, recordFailuresStatement } from "../engine/failures.js";
import { generateFields } from "../engine/generate-fields.js";
import { supersededByNewerJob } from "./job-key.js";
import { describePayloadIssues, generatePayloadSchema } from "./payloads.js";
import { pgExecutor } from "../engine/pg-executor.js";
import type { ResolvedTaskOptions } from "./task-options.js";

/** Builds the `prisma_ai.generate` task. */
export function createGenerateTask(options: ResolvedTaskOptions): Task {
  return async (payload, helpers) => {
    const parsed = generatePayloadSchema.safeParse(payload);
    if (!parsed.success) {
      helpers.logger.error(`prisma_ai.generate job ${helpers.job.id} has an invalid payload (${describePayloadIssues(parsed.error)}); it was dropped.`);
      return;
    }
    const { model: modelName, id, field } = parsed.data;
    const model = options.schema.models[modelName];
    if (!model || !model.generated.some((candidate) => candidate.field === field)) {
      helpers.logger.warn(`prisma_ai.generate: ${modelName}.${field} is not an /// @ai.generate field in this aiSchema; the job was skipped.`);
      return;
    }
    const database = pgExecutor(helpers.withPgClient);
    const item = [{ id, field }];
    try {
      // At most `requestConcurrency` provider requests in flight in this process, embedding batches included.
      // helpers.abortSignal aborts the request when a stop runs past its timeout (the job is then released).
      const abortSignal = helpers.abortSignal;
      const result = await options.requestLimiter.run(() => generateFields({ ai: options.ai, database, model, id, fields: [field], ...(abortSignal ? { abortSignal } : {}) }), abortSignal);
      if (result.missing) {
        helpers.logger.debug(`prisma_ai.generate: ${modelName} ${id} no longer exists; nothing to do.`);
        return;
      }
      await database.query(clearFailuresStatement(model, item, "generate"));
    } catch (error) {
      if (helpers.abortSignal?.aborted) throw error;
      if (helpers.job.attempts < helpers.job.max_attempts) {
        if (!(await supersededByNewerJob(helpers, options.workerSchema))) throw error;
        helpers.logger.debug(`prisma_ai.generate: ${modelName}.${field} of row ${id} failed, but a newer write enqueued it again; that job generates it.`);
        return;
      }
      await database.query(recordFailuresStatement(model, item, "generate", error, helpers.job.attempts));
      helpers.logger.error(
        `prisma_ai.generate: ${modelName}.${field} of row ${id} failed on the last attempt (${helpers.job.attempts} of ${helpers.job.max_attempts}); recorded in prisma_ai.failures: ${describeError(error)}`,
      );
    }
  };
}
