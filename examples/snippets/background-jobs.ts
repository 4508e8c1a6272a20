// docs/background-jobs.md
// #region worker
import { createAI } from "prisma-extension-ai";
import { runAIWorker } from "prisma-extension-ai/worker";
import { aiSchema } from "./generated/ai/index.js";

const worker = await runAIWorker({
  connectionString: process.env.DATABASE_URL,
  ai: createAI({ providers: { openai: { apiKey: process.env.OPENAI_API_KEY } } }),
  schema: aiSchema,
  concurrency: 4, // provider requests in flight in this process (default 4)
  batchSize: 100, // most rows per embedding request (default 100)
});
// SIGINT/SIGTERM stop it gracefully (handleSignals: true, the default); or:
await worker.stop();
// #endregion
