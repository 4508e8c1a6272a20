// docs/deployment.md
// #region deployment-1
import { createAI } from "prisma-extension-ai";
import { runAIWorker } from "prisma-extension-ai/worker";
import { aiSchema } from "./generated/ai/index.js";

const worker = await runAIWorker({
  connectionString: process.env.DATABASE_URL,
  ai: createAI(),
  schema: aiSchema,
  shutdownTimeoutMs: 5_000,
  heartbeatTimeoutMs: 30_000,
  healthFile: "/tmp/prisma-ai-worker.health",
});
// SIGTERM/SIGINT: graceful stop, then exit 0 (unless your app listens for the signal too; then call
// worker.stop() from your handler). A supervisor should restart the process when this rejects:
worker.promise.catch(() => process.exit(1));
// #endregion
