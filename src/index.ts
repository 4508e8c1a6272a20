// prisma-ai: the core (providers, router, tasks) and the Prisma client extension.
export * from "./spec/index.js";
export * from "./router/index.js";
export * from "./ai/index.js";
export * from "./stores/index.js";
// Ready tasks (also methods of the AI core: ai.classify, ai.extract, ai.summarize, ai.translate, ai.generateCode).
export * from "./tasks/index.js";
// For custom drivers (ai.extend): the same HTTP layer and helpers the built-in providers use.
export {
  HttpClient,
  type HttpClientSettings,
  type RequestOptions,
  type HttpResponse,
  type HttpStreamResponse,
  closeSharedDispatchers,
  parseSse,
  type SseEvent,
  parseNdjson,
  createJsonResponseHandler,
  createJsonErrorResponseHandler,
  textErrorResponseHandler,
  parseJsonChunk,
  providerErrorFromResponse,
  type ResponseContext,
  type SuccessfulResponseHandler,
  type FailedResponseHandler,
  createRedactor,
  redactHeaders,
  type RetryPolicy,
} from "./http/index.js";
export * from "./providers/shared/index.js";
export * from "./schema/index.js";
// The Prisma client extension: withAI() and its typed methods.
export * from "./extension/index.js";
// Inline mode (no Graphile Worker: PGlite, scripts, tests): the generated SQL without its enqueue triggers.
export { buildMigrationSql, type MigrationSqlOptions } from "./sql/migration-script.js";
