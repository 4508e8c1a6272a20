// Options shared by the prisma_ai.* tasks, with their defaults resolved once when the task list is built.
import type { AI } from "../ai/create-ai.js";
import type { AISchema } from "../schema/ai-schema.js";
import { Limiter } from "../engine/limiter.js";
import { ConfigError } from "../spec/errors/index.js";

/** Options of {@link createAITaskList} (and of `runAIWorker`, which passes them on). */
export interface AITaskListOptions {
  /** The AI core the jobs embed and generate with (`createAI(...)`). */
  ai: Pick<AI, "embed" | "chat">;
  /** The generated metadata: `aiSchema` from the prisma-ai generator's output. */
  schema: AISchema;
  /**
   * Most rows per embedding request. Embed jobs (one per written row) that run at the same time in this process
   * hand their rows to one batcher, which sends the rows of a model together (split further only when the
   * provider's own limits require it). Default: 100.
   */
  batchSize?: number;
  /**
   * How long an incomplete batch waits for more rows, in ms: it goes out once no row has joined it for this
   * long (and at the latest 10 times this long after its first row), or at once when it is full. Default: 5.
   */
  batchWaitMs?: number;
  /**
   * Provider requests in flight at once in this process, across all jobs: embedding batches and generations.
   * Jobs beyond it wait their turn (still locked by this worker). Default: 4 (`runAIWorker` passes its
   * `concurrency`).
   */
  requestConcurrency?: number;
  /**
   * Most approximate tokens (see `approximateTokens`) of one text sent to an embedding model: a whole field, or
   * one chunk of a chunked field. A longer text is not cut: the row's field is recorded as failed in
   * `prisma_ai.failures`. Default: 8,191 (OpenAI's embedding input limit).
   */
  maxInputTokens?: number;
  /** Rows one `prisma_ai.backfill` job reads before it hands on to the next page's job. Default: 1,000. */
  backfillPageSize?: number;
  /**
   * Embedding writes (one batch each) in flight at once in this process, across all jobs. Vector index (HNSW)
   * inserts contend with each other, and each write holds a database connection. Default: 4.
   */
  writeConcurrency?: number;
  /** Graphile Worker's schema (its `schema` option). Default: `graphile_worker`. */
  workerSchema?: string;
}

/** {@link AITaskListOptions} with every default filled in. */
export interface ResolvedTaskOptions {
  ai: Pick<AI, "embed" | "chat">;
  schema: AISchema;
  batchSize: number;
  batchWaitMs: number;
  maxInputTokens: number;
  backfillPageSize: number;
  workerSchema: string;
  /** Shared by every job of this task list: limits the provider requests in flight. */
  requestLimiter: Limiter;
  /** Shared by every job of this task list: limits the writes in flight. */
  writeLimiter: Limiter;
}

/** Default of {@link AITaskListOptions.batchSize}. */
export const defaultBatchSize = 100;
/** Default of {@link AITaskListOptions.batchWaitMs}. */
export const defaultBatchWaitMs = 5;
/** Default of {@link AITaskListOptions.requestConcurrency}. */
export const defaultRequestConcurrency = 4;
/** Default of {@link AITaskListOptions.maxInputTokens}. */
export const defaultMaxInputTokens = 8_191;
/** Default of {@link AITaskListOptions.backfillPageSize}. */
export const defaultBackfillPageSize = 1_000;

/** Checks the options and fills in the defaults. @throws ConfigError naming the bad option. */
export function resolveTaskOptions(options: AITaskListOptions): ResolvedTaskOptions {
  if (!options || typeof options.ai?.embed !== "function" || typeof options.ai?.chat !== "function") {
    throw new ConfigError("The AI tasks need `ai`: pass the result of createAI({ providers: ... }).");
  }
  if (!options.schema || options.schema.version !== 1 || typeof options.schema.models !== "object") {
    throw new ConfigError("The AI tasks need `schema`: pass `aiSchema` from the prisma-ai generator's output (run `prisma generate` first).");
  }
  const positive = (name: string, value: number | undefined, fallback: number): number => {
    const resolved = value ?? fallback;
    if (!Number.isInteger(resolved) || resolved < 1) throw new ConfigError(`${name} must be a whole number >= 1, got ${String(value)}.`);
    return resolved;
  };
  const nonNegative = (name: string, value: number | undefined, fallback: number): number => {
    const resolved = value ?? fallback;
    if (!Number.isFinite(resolved) || resolved < 0) throw new ConfigError(`${name} must be a number of milliseconds >= 0, got ${String(value)}.`);
    return resolved;
  };
  return {
    ai: options.ai,
    schema: options.schema,
    batchSize: positive("batchSize", options.batchSize, defaultBatchSize),
    batchWaitMs: nonNegative("batchWaitMs", options.batchWaitMs, defaultBatchWaitMs),
    requestLimiter: new Limiter(positive("requestConcurrency", options.requestConcurrency, defaultRequestConcurrency)),
    maxInputTokens: positive("maxInputTokens", options.maxInputTokens, defaultMaxInputTokens),
    backfillPageSize: positive("backfillPageSize", options.backfillPageSize, defaultBackfillPageSize),
    writeLimiter: new Limiter(positive("writeConcurrency", options.writeConcurrency, 4)),
    workerSchema: options.workerSchema ?? "graphile_worker",
  };
}
