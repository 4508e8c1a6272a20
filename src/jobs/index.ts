// Background work of prisma-ai: the Graphile Worker task list (embed, generate, backfill), the row-level work
// it shares with the client extension, status, and retrying failures.
export { createAITaskList } from "./task-list.js";
export { resolveTaskOptions, defaultBatchSize, defaultMaxInputTokens, defaultBackfillPageSize, type AITaskListOptions, type ResolvedTaskOptions } from "./task-options.js";
export { embedEntrySchema, embedPayloadSchema, generatePayloadSchema, backfillPayloadSchema, type EmbedEntry, type EmbedPayload, type GeneratePayload, type BackfillPayload } from "./payloads.js";
export { backfillInProcess, type BackfillInProcessOptions, type BackfillSummary } from "../engine/backfill.js";
export { backfillJobKey } from "./backfill-task.js";
export { readStatus, type AIStatus, type FieldStatus, type QueueStatus, type GenerateFailureStatus } from "../engine/status.js";
export { retryFailed, type RetryFailedResult } from "../engine/retry-failed.js";
export { pgExecutor, poolExecutor, type WithPgClient } from "../engine/pg-executor.js";
