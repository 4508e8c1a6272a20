// Background work of prisma-ai: the Graphile Worker task list (embed, generate, backfill), the row-level work
// it shares with the client extension, status, and retrying failures.
export { createAITaskList } from "./task-list.js";
export { resolveTaskOptions, defaultBatchSize, defaultMaxInputTokens, defaultBackfillPageSize, type AITaskListOptions, type ResolvedTaskOptions } from "./task-options.js";
export { embedEntrySchema, embedPayloadSchema, generatePayloadSchema, backfillPayloadSchema, type EmbedEntry, type EmbedPayload, type GeneratePayload, type BackfillPayload } from "./payloads.js";
export { backfillInProcess, backfillJobKey, type BackfillInProcessOptions, type BackfillSummary } from "./backfill.js";
export { readStatus, type AIStatus, type FieldStatus, type QueueStatus, type GenerateFailureStatus } from "./status.js";
export { retryFailed, type RetryFailedResult } from "./retry-failed.js";
export { pgExecutor, poolExecutor, type WithPgClient } from "./pg-executor.js";
