// The Graphile Worker task list of prisma-ai: merge it into your own worker's task list, or let runAIWorker
// (prisma-extension-ai/worker) run it.
import type { TaskList } from "graphile-worker";
import { jobIdentifiers } from "../sql/model-sql.js";
import { createBackfillTask } from "./backfill-task.js";
import { EmbedBatcher } from "../engine/embed-batcher.js";
import { createEmbedTask } from "./embed-task.js";
import { createGenerateTask } from "./generate-task.js";
import { resolveTaskOptions, type AITaskListOptions, type ResolvedTaskOptions } from "./task-options.js";

/**
 * The `prisma_ai.embed`, `prisma_ai.generate` and `prisma_ai.backfill` tasks, as a Graphile Worker task list.
 * Options are checked now (a `ConfigError` names the bad one). Embed jobs running at the same time share
 * requests (up to `batchSize` rows each), so give the worker enough concurrency for a batch to fill: `runAIWorker`
 * runs `concurrency * batchSize` jobs at once for this reason.
 *
 * ```ts
 * import { run } from "graphile-worker";
 * import { createAITaskList } from "prisma-extension-ai/worker";
 * const runner = await run({
 *   connectionString: process.env.DATABASE_URL,
 *   taskList: { ...myTasks, ...createAITaskList({ ai, schema: aiSchema }) },
 * });
 * ```
 */
export function createAITaskList(options: AITaskListOptions): TaskList {
  return taskListFor(resolveTaskOptions(options));
}

/** The task list for options already checked (`runAIWorker` resolves them once for its own use too). */
export function taskListFor(resolved: ResolvedTaskOptions): TaskList {
  return {
    [jobIdentifiers.embed]: createEmbedTask(resolved, new EmbedBatcher(resolved)),
    [jobIdentifiers.generate]: createGenerateTask(resolved),
    [jobIdentifiers.backfill]: createBackfillTask(resolved),
  };
}
