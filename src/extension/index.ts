// The Prisma 7 client extension: withAI() and the types of its options and methods. The engine, cache and
// inline queue behind it are internal (tests import their source files directly).
export { withAI } from "./with-ai.js";
export type { WithAIOptions } from "./options.js";
export type { EmbeddingStatus } from "../engine/search-engine.js";
export type { QueryEmbeddingCacheStats } from "../engine/query-embedding-cache.js";
export type { InlineFailure, DrainResult } from "../engine/inline-queue.js";
export type { SearchMode, SearchQuality } from "../sql/search-query.js";
export type * from "./types.js";
