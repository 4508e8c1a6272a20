// The Prisma 7 client extension.
export { withAI, prismaExecutor } from "./with-ai.js";
export { resolveOptions, defaultMaxTake, defaultMaxQueryLength, defaultCacheBytes, type WithAIOptions, type ResolvedOptions } from "./options.js";
export { SearchEngine, defaultTake, idToText, idFromText, type SearchRequest, type EmbeddingStatus } from "./search-engine.js";
export { QueryEmbeddingCache, type QueryEmbeddingCacheStats } from "./query-embedding-cache.js";
export { InlineQueue, type InlineFailure, type DrainResult, type InlineWrite } from "./inline-queue.js";
export type * from "./types.js";
