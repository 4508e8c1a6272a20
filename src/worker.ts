// prisma-extension-ai/worker: the Graphile Worker side. `runAIWorker` runs the prisma_ai.* tasks (embed, generate,
// backfill) against the jobs the triggers enqueue; `createAITaskList` gives the same tasks to merge into a
// worker you already run. Any number of worker processes, on any number of machines, can share one database:
// Graphile Worker locks each job for the process running it.
import { Logger, run, type LogLevel, type Runner, type WorkerEvents } from "graphile-worker";
import type pg from "pg";
import { assertMigrated } from "./engine/migration-check.js";
import { pgExecutor } from "./engine/pg-executor.js";
import { taskListFor } from "./jobs/task-list.js";
import { defaultRequestConcurrency, resolveTaskOptions, type AITaskListOptions } from "./jobs/task-options.js";
import { ConfigError } from "./spec/errors/index.js";

export { createAITaskList } from "./jobs/task-list.js";
export * from "./jobs/index.js";

/** Where the worker's messages go: any object with console-like methods (`console` itself works). */
export interface AIWorkerLogger {
  debug?(message: string): void;
  info?(message: string): void;
  warn?(message: string): void;
  error?(message: string): void;
}

/** Options of {@link runAIWorker}: the task options plus how to run Graphile Worker. */
export interface RunAIWorkerOptions extends AITaskListOptions {
  /** PostgreSQL connection string of the database holding the annotated tables and the job queue. */
  connectionString?: string;
  /** A pool to use instead of `connectionString` (not ended by `stop()`). */
  pgPool?: pg.Pool;
  /**
   * Provider requests in flight at once in this process: embedding batches (of up to `batchSize` rows, from many
   * jobs) and generations. Default: 4. Sets `requestConcurrency` unless that is given.
   */
  concurrency?: number;
  /**
   * Jobs this process runs at once. Embed jobs (one per written row) wait in the batcher until a batch fills, so
   * this must be well above `batchSize` for batches to fill. Default: `concurrency * batchSize` (400). Jobs are
   * fetched and locked in groups of this many (Graphile Worker's local queue), also ahead while every slot is
   * busy, so a process may hold up to twice this many. `1` runs one job at a time, fetched only when the slot is
   * free: the finest sharing between processes, and no batching across jobs.
   */
  jobConcurrency?: number;
  /**
   * How often to look for jobs that are due but were not announced (retries after their backoff), in ms.
   * New jobs are announced at once by LISTEN/NOTIFY. Default: 2,000 (Graphile Worker's).
   */
  pollInterval?: number;
  /** Where to log. Default: Graphile Worker's console logger (info and above). */
  logger?: AIWorkerLogger;
  /**
   * Stop gracefully on SIGINT/SIGTERM: take no new jobs, let running jobs finish (past `shutdownTimeoutMs`
   * they are aborted and released for a retry), then let the signal end the process. A second signal stops at
   * once, releasing running jobs. Default: true.
   */
  handleSignals?: boolean;
  /** How long a graceful stop waits for running jobs before aborting them, in ms. Default: 5,000. */
  shutdownTimeoutMs?: number;
  /**
   * How often (ms) to look for jobs locked by a worker that died (kill -9, lost machine): Graphile Worker
   * releases a job whose lock is older than 4 hours. Default: Graphile Worker's (every 8 to 10 minutes).
   */
  resetLockedIntervalMs?: number;
}

/** A running worker. */
export interface AIWorker {
  /** Stops gracefully (see `handleSignals`); resolves when the running jobs are finished or released. */
  stop(): Promise<void>;
  /** Resolves when the worker has stopped (rejects when it crashed). */
  readonly promise: Promise<void>;
  /** Graphile Worker's events (`job:success`, `job:error`, ...), for metrics. */
  readonly events: WorkerEvents;
  /** The Graphile Worker runner, for what this API does not cover. */
  readonly runner: Runner;
}

/**
 * Runs the prisma_ai tasks in this process until stopped. Checks the options and that the prisma_ai migration is
 * applied (a `ConfigError` otherwise), installs (or upgrades) Graphile Worker's schema, then takes jobs.
 *
 * ```ts
 * import { createAI } from "prisma-extension-ai";
 * import { runAIWorker } from "prisma-extension-ai/worker";
 * import { aiSchema } from "./generated/ai/index.js";
 *
 * const worker = await runAIWorker({ connectionString: process.env.DATABASE_URL, ai: createAI(), schema: aiSchema, concurrency: 4 });
 * // ... SIGINT/SIGTERM stop it gracefully; or: await worker.stop();
 * ```
 */
export async function runAIWorker(options: RunAIWorkerOptions): Promise<AIWorker> {
  const concurrency = options.concurrency ?? defaultRequestConcurrency;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new ConfigError(`concurrency must be a whole number >= 1, got ${String(options.concurrency)}.`);
  const resolved = resolveTaskOptions({ ...options, requestConcurrency: options.requestConcurrency ?? concurrency });
  if (!options.connectionString && !options.pgPool) {
    throw new ConfigError("runAIWorker needs `connectionString` (e.g. process.env.DATABASE_URL) or `pgPool`.");
  }
  const jobConcurrency = options.jobConcurrency ?? concurrency * resolved.batchSize;
  if (!Number.isInteger(jobConcurrency) || jobConcurrency < 1) throw new ConfigError(`jobConcurrency must be a whole number >= 1, got ${String(options.jobConcurrency)}.`);
  const taskList = taskListFor(resolved);
  await assertMigrated(pgExecutor((callback) => runnerClient(options, callback)), resolved.schema);
  const resetLocked = options.resetLockedIntervalMs;
  const runner = await run({
    ...(options.pgPool ? { pgPool: options.pgPool } : { connectionString: options.connectionString! }),
    ...(options.pollInterval !== undefined ? { pollInterval: options.pollInterval } : {}),
    ...(options.logger ? { logger: toGraphileLogger(options.logger) } : {}),
    ...(resetLocked !== undefined ? { minResetLockedInterval: resetLocked, maxResetLockedInterval: resetLocked } : {}),
    schema: resolved.workerSchema,
    concurrency: jobConcurrency,
    // The jobs' database work happens per batch (reads, vector writes), not per job; plus Graphile's own queries.
    maxPoolSize: Math.max(10, 2 * concurrency + 4),
    noHandleSignals: true,
    gracefulShutdownAbortTimeout: options.shutdownTimeoutMs ?? 5_000,
    // Completions and failures go through Graphile Worker's batchers, which a graceful stop flushes; without them
    // (its default) a job finishing during the stop may never be marked complete and would run again 4 hours later.
    // The local queue fetches (and locks) jobs in groups instead of one query per job: with hundreds of
    // one-row embed jobs held at once, fetching them one by one would cost more than embedding them. It also
    // fetches ahead while every slot is busy, so with jobConcurrency 1 (finest sharing) it is off.
    preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0, ...(jobConcurrency > 1 ? { localQueue: { size: jobConcurrency } } : {}) } },
    taskList,
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => (stopping ??= runner.stop());
  const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM"];
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      // Second signal: release the running jobs now (they are retried elsewhere).
      void runner.kill().catch(() => undefined);
      return;
    }
    void stop()
      .catch(() => undefined)
      .finally(() => {
        for (const name of signals) process.removeListener(name, onSignal);
        // Let the signal do what it would have done without us, unless the application listens for it too.
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
  };
  if (options.handleSignals ?? true) for (const name of signals) process.on(name, onSignal);
  const promise = runner.promise.finally(() => {
    for (const name of signals) process.removeListener(name, onSignal);
  });
  promise.catch(() => undefined);
  return { stop, promise, events: runner.events, runner };
}

/** Lends a client of the worker's database for the start-up check. */
async function runnerClient<T>(options: RunAIWorkerOptions, callback: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  if (options.pgPool) {
    const client = await options.pgPool.connect();
    try {
      return await callback(client);
    } finally {
      client.release();
    }
  }
  const { default: pgModule } = await import("pg");
  const client = new pgModule.Client({ connectionString: options.connectionString });
  await client.connect();
  try {
    return await callback(client as unknown as pg.PoolClient);
  } finally {
    await client.end();
  }
}

function toGraphileLogger(target: AIWorkerLogger): Logger {
  const methods: Record<LogLevel, keyof AIWorkerLogger> = { error: "error", warning: "warn", info: "info", debug: "debug" };
  return new Logger(() => (level, message) => {
    target[methods[level]]?.call(target, message);
  });
}
