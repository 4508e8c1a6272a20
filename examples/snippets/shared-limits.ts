// docs/routing.md: rate limits shared by every process on one database.
// #region shared
import pg from "pg";
import { createAI, postgresRateLimitStore } from "prisma-extension-ai";
import { runAIWorker } from "prisma-extension-ai/worker";
import { aiSchema } from "./generated/ai/index.js";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
const ai = createAI({
  limits: { openai: { requestsPerMinute: 500, tokensPerMinute: 200_000, maxConcurrency: 8 } },
  rateLimitStore: postgresRateLimitStore(pool), // or postgresRateLimitStore(process.env.DATABASE_URL)
});
// Every worker (and the web app's createAI) on this database shares the 500 requests and 200k tokens a minute;
// maxConcurrency: 8 stays per process.
const worker = await runAIWorker({ pgPool: pool, ai, schema: aiSchema });
// #endregion
await worker.stop();
