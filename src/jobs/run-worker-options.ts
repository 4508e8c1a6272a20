// The options and handle of runAIWorker (src/worker.ts), apart from its code so each file stays small.
import type pg from "pg";
import type { Runner, WorkerEvents } from "graphile-worker";
import type { AITaskListOptions } from "./task-options.js";
import type { AIWorkerLogger, AIWorkerLogLevel } from "./worker-log.js";

/** Options of {@link runAIWorker}: the task options plus how to run Graphile Worker. */
export interface RunAIWorkerOptions extends AITaskListOptions {
  /** PostgreSQL connection string of the database holding the annotated tables and the job queue. */
  connectionString?: string;
  /**
   * A pool to use instead of `connectionString` (not ended by `stop()`). The worker attaches its own `error`
   * handlers to it (and to its clients), so a lost connection is logged instead of crashing the process.
   */
  pgPool?: pg.Pool;
  /**
   * Provider requests in flight at once in this process: embedding batches (of up to `batchSize` rows, from many
   * jobs) and generations. Default: 4. Sets `requestConcurrency` unless that is given. The worker's own pool
   * (with `connectionString`) gets `2 * concurrency + 4` connections, at least 10.
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
  /** Where to log. Default: the console. */
  logger?: AIWorkerLogger;
  /**
   * Least severe message written: `debug` adds a line per finished job and the stack of every failed attempt.
   * Default: `info`.
   */
  logLevel?: AIWorkerLogLevel;
  /**
   * Stop gracefully on SIGINT/SIGTERM: take no new jobs, let running jobs finish (past `shutdownTimeoutMs` they
   * are aborted and released), then exit the process with code 0 unless the application listens for the signal
   * too. A second signal stops at once, releasing running jobs. Default: true.
   */
  handleSignals?: boolean;
  /**
   * How long a graceful stop waits for running jobs, in ms. Then their provider requests are aborted and the jobs
   * are put back into the queue without counting an attempt (another worker takes them). Default: 5,000.
   */
  shutdownTimeoutMs?: number;
  /**
   * A worker whose heartbeat (in prisma_ai.workers) is older than this is dead: any live worker releases its jobs.
   * Jobs locked this long by a worker that never registered are released too. Default: 30,000 ms.
   */
  heartbeatTimeoutMs?: number;
  /** How often this worker beats and looks for dead workers, in ms. Default: a sixth of `heartbeatTimeoutMs` (5,000). */
  heartbeatIntervalMs?: number;
  /**
   * The watchdog restarts Graphile Worker when jobs have been due for this long while none ran here and nothing
   * was fetched, in ms; after three restarts that did not help, the worker stops with a `WorkerError` (the CLI
   * exits 1, for the supervisor to start a fresh process). Default: 60,000.
   */
  stallTimeoutMs?: number;
  /**
   * A file the worker rewrites every `heartbeatIntervalMs` while its loop is alive (also while the database is
   * down), for liveness probes: `prisma-ai health --file <path>`. Removed when the worker stops. Default: none.
   */
  healthFile?: string;
  /** How often a summary line (rows embedded, fields generated, failed attempts, queue) is logged, in ms; 0: never. Default: 60,000. */
  summaryIntervalMs?: number;
  /**
   * How often (ms) Graphile Worker itself looks for jobs whose lock is older than 4 hours. The heartbeat releases
   * a dead worker's jobs long before that. Default: Graphile Worker's (every 8 to 10 minutes).
   */
  resetLockedIntervalMs?: number;
}

/** A running worker. */
export interface AIWorker {
  /** Stops gracefully (see `handleSignals`); resolves when the running jobs are finished or released. */
  stop(): Promise<void>;
  /** Stops at once: running jobs are aborted and put back into the queue without counting an attempt. */
  kill(): Promise<void>;
  /** Resolves when the worker has stopped; rejects with a `WorkerError` when it could not go on by itself. */
  readonly promise: Promise<void>;
  /** Graphile Worker's events (`job:success`, `job:error`, ...), for metrics; kept across restarts. */
  readonly events: WorkerEvents;
  /** The Graphile Worker runner running now (a new one after a restart), for what this API does not cover. */
  readonly runner: Runner;
  /** This worker's id in prisma_ai.workers: the Graphile Worker pool id running now (`locked_by` of its jobs). */
  readonly id: string;
}
