// docs/background-jobs.md: the prisma_ai.* tasks in a Graphile Worker you already run.
import type { Task } from "graphile-worker";
import { createAI } from "prisma-extension-ai";
import { aiSchema } from "./generated/ai/index.js";

declare const myTasks: Record<string, Task>;
const ai = createAI();
// #region merge
import { run } from "graphile-worker";
import { createAITaskList } from "prisma-extension-ai/worker";

const runner = await run({
  connectionString: process.env.DATABASE_URL,
  concurrency: 400, // one-row embed jobs wait in the batcher: hold enough for batches of 100 to fill
  preset: { worker: { localQueue: { size: 400 } } }, // fetch jobs in groups, not one query per job
  taskList: { ...myTasks, ...createAITaskList({ ai, schema: aiSchema, batchSize: 100, requestConcurrency: 4 }) },
});
// #endregion
await runner.stop();
