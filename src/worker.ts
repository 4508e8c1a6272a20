// prisma-extension-ai/worker: the Graphile Worker side. `runAIWorker` runs the prisma_ai.* tasks (embed, generate,
// backfill) against the jobs the triggers enqueue; `createAITaskList` gives the same tasks to merge into a
// worker you already run. Any number of worker processes, on any number of machines, can share one database:
// Graphile Worker locks each job for the process running it.
//
// Around Graphile Worker, runAIWorker keeps the process fit to be left alone (see docs/deployment.md):
// - it owns its pool's error handlers, so a lost connection is a log line, never an 'error' event that kills the
//   host; when Graphile Worker gives up after a database outage it is started again once the database answers;
// - it registers in prisma_ai.workers and beats; it releases the jobs of workers that stopped beating;
// - a watchdog restarts a loop that stalled (jobs due, none running here, nothing fetched), and gives up with a
//   rejected `promise` (the CLI exits 1) when restarting does not help;
// - a stop aborts the jobs still running after `shutdownTimeoutMs` and puts them back without counting an attempt.
import { EventEmitter, setMaxListeners } from "node:events";
import { rm, writeFile } from "node:fs/promises";
import { run, type Runner, type TaskList, type WorkerEvents } from "graphile-worker";
import pg from "pg";
import { assertMigrated } from "./engine/migration-check.js";
import { poolExecutor } from "./engine/pg-executor.js";
import { taskListFor } from "./jobs/task-list.js";
import { defaultRequestConcurrency, resolveTaskOptions } from "./jobs/task-options.js";
import { ActivityCounter, createWorkerLog, formatSummary, type WorkerLog } from "./jobs/worker-log.js";
import {
  defaultHeartbeatTimeoutMs,
  deregisterStatement,
  heartbeatStatement,
  readWaitingJobs,
  releaseDeadWorkers,
  returnJobsStatement,
  workerIdentity,
} from "./engine/worker-registry.js";
import { isConnectionError } from "./jobs/connection-errors.js";
import { ConfigError, WorkerError } from "./spec/errors/index.js";
import { quoteIdentifier } from "./sql/quote.js";
import type { SqlExecutor } from "./sql/sql-executor.js";

// The public list (explicit: test/package/exports.test.ts fails when a name appears or disappears): the task list
// and its options, what the `prisma-ai` CLI is made of (status, retrying failures, backfill in process), and the
// worker registry (prisma_ai.workers) the heartbeat keeps.
export {
  backfillInProcess,
  createAITaskList,
  poolExecutor,
  readStatus,
  retryFailed,
  type AIStatus,
  type AITaskListOptions,
  type BackfillInProcessOptions,
  type BackfillSummary,
  type FieldStatus,
  type GenerateFailureStatus,
  type QueueStatus,
  type RetryFailedResult,
} from "./jobs/index.js";
export type { SqlExecutor } from "./sql/sql-executor.js";
export type { AIWorker, RunAIWorkerOptions } from "./jobs/run-worker-options.js";
import type { AIWorker, RunAIWorkerOptions } from "./jobs/run-worker-options.js";
export type { AIWorkerLogger, AIWorkerLogLevel } from "./jobs/worker-log.js";
export type { LastErrorStatus } from "./engine/last-errors.js";
export { readWorkers, releaseDeadWorkers, defaultHeartbeatTimeoutMs, type WorkerStatus, type LockStatus, type ReleasedWorkers } from "./engine/worker-registry.js";


/** How long to wait between attempts to start Graphile Worker again, in ms (doubling up to the maximum). */
const restartDelayMs = { first: 500, max: 5_000 };
/** Restarts after a stall, in a row without any job started in between, before giving up. */
const maxStallRestarts = 3;

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
  const milliseconds = (name: string, value: number | undefined, fallback: number, minimum = 1): number => {
    const result = value ?? fallback;
    if (!Number.isFinite(result) || result < minimum) throw new ConfigError(`${name} must be a number of milliseconds >= ${minimum}, got ${String(value)}.`);
    return result;
  };
  const shutdownTimeoutMs = milliseconds("shutdownTimeoutMs", options.shutdownTimeoutMs, 5_000);
  const heartbeatTimeoutMs = milliseconds("heartbeatTimeoutMs", options.heartbeatTimeoutMs, defaultHeartbeatTimeoutMs);
  const heartbeatIntervalMs = milliseconds("heartbeatIntervalMs", options.heartbeatIntervalMs, Math.max(100, Math.round(heartbeatTimeoutMs / 6)));
  const stallTimeoutMs = milliseconds("stallTimeoutMs", options.stallTimeoutMs, 60_000);
  const summaryIntervalMs = milliseconds("summaryIntervalMs", options.summaryIntervalMs, 60_000, 0);
  if (heartbeatIntervalMs >= heartbeatTimeoutMs) {
    throw new ConfigError(`heartbeatIntervalMs (${heartbeatIntervalMs}) must be shorter than heartbeatTimeoutMs (${heartbeatTimeoutMs}), or live workers would look dead.`);
  }
  const log = createWorkerLog(options.logger, options.logLevel ?? "info");

  const ownPool = options.pgPool ? undefined : new pg.Pool({ connectionString: options.connectionString!, max: Math.max(10, 2 * concurrency + 4) });
  const pool = options.pgPool ?? ownPool!;
  const detachPoolHandlers = attachPoolErrorHandlers(pool, log);
  const database = poolExecutor(pool);
  try {
    await assertMigrated(database, resolved.schema);
  } catch (error) {
    detachPoolHandlers();
    await ownPool?.end().catch(() => undefined);
    throw error;
  }

  const events = new EventEmitter() as WorkerEvents;
  const activity = new ActivityCounter(events);
  // Aborts the running jobs' provider requests when a stop runs past its timeout (with Graphile's own signal).
  const shutdown = new AbortController();
  const taskList = withShutdownSignal(taskListFor(resolved), shutdown.signal);

  const startRunner = async (): Promise<{ runner: Runner; id: string }> => {
    let id: string | undefined;
    const onCreate = ({ workerPool }: { workerPool: { id: string } }) => void (id ??= workerPool.id);
    events.on("pool:create", onCreate);
    try {
      const runner = await run({
        pgPool: pool,
        events,
        logger: log.graphileLogger,
        ...(options.pollInterval !== undefined ? { pollInterval: options.pollInterval } : {}),
        ...(options.resetLockedIntervalMs !== undefined ? { minResetLockedInterval: options.resetLockedIntervalMs, maxResetLockedInterval: options.resetLockedIntervalMs } : {}),
        schema: resolved.workerSchema,
        concurrency: jobConcurrency,
        noHandleSignals: true,
        // No crontab: prisma-ai schedules nothing (and the default file's absence is not worth a warning).
        parsedCronItems: [],
        // Our own timer releases the jobs first (without counting an attempt); Graphile's abort is the backstop.
        gracefulShutdownAbortTimeout: shutdownTimeoutMs + 5_000,
        // Completions and failures go through Graphile Worker's batchers, which a graceful stop flushes; without them
        // (its default) a job finishing during the stop may never be marked complete and would run again later.
        // The local queue fetches (and locks) jobs in groups instead of one query per job: with hundreds of
        // one-row embed jobs held at once, fetching them one by one would cost more than embedding them. It also
        // fetches ahead while every slot is busy, so with jobConcurrency 1 (finest sharing) it is off.
        preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0, ...(jobConcurrency > 1 ? { localQueue: { size: jobConcurrency } } : {}) } },
        taskList,
      });
      if (id === undefined) throw new WorkerError("Graphile Worker started without announcing its pool id; this prisma-extension-ai does not support this graphile-worker version.");
      await beat(database, id).catch(() => undefined);
      return { runner, id };
    } finally {
      events.removeListener("pool:create", onCreate);
    }
  };

  let current = await startRunner().catch(async (error: unknown) => {
    detachPoolHandlers();
    await ownPool?.end().catch(() => undefined);
    throw error;
  });

  let stopping: Promise<void> | undefined;
  let released = false;
  /** Puts the jobs of the running pool back (no attempt counted), then aborts what still runs. */
  const releaseAndAbort = async () => {
    if (released) return;
    released = true;
    try {
      const [row] = await withTimeout(database.query<{ jobs: number }>(returnJobsStatement(resolved.workerSchema, current.id)), 3_000);
      if (row && row.jobs > 0) log.warn(`prisma-ai worker: ${row.jobs} running job(s) aborted and put back into the queue (no attempt counted).`);
    } catch (error) {
      log.warn(`prisma-ai worker: could not put the running jobs back (${oneLine(error)}); another worker releases them after the heartbeat timeout.`);
    }
    shutdown.abort(new WorkerError("The worker stopped; this job was put back into the queue."));
  };

  // Heartbeat, release of dead workers' jobs, watchdog and summary: one timer.
  let lastSummaryAt = Date.now();
  let stallRestarts = 0;
  let startedJobsAtRestart = 0;
  let startedJobs = 0;
  events.on("job:start", () => void startedJobs++);
  let restartRequested: ((reason: string) => void) | undefined;
  let databaseDown = false;
  const tick = async () => {
    try {
      await beat(database, current.id);
      const released_ = await releaseDeadWorkers(database, { workerSchema: resolved.workerSchema, timeoutMs: heartbeatTimeoutMs, selfId: current.id });
      if (databaseDown) {
        log.info("prisma-ai worker: the database answers again.");
        // Nothing could be fetched while it was down: the watchdog's clock starts now.
        activity.lastActivityAt = Date.now();
      }
      databaseDown = false;
      for (const dead of released_.dead) {
        log.warn(`prisma-ai worker: worker ${dead.id} (${dead.host}, pid ${dead.pid}) stopped beating ${Math.round(dead.lastSeenSeconds)} s ago; its jobs were released.`);
      }
      if (released_.unknown.length > 0) log.warn(`prisma-ai worker: released the jobs of unregistered worker(s) ${released_.unknown.join(", ")}, locked for longer than ${heartbeatTimeoutMs} ms.`);
      if (released_.jobs > 0) log.info(`prisma-ai worker: ${released_.jobs} job(s) of dead workers are available again.`);
      const queue = await readWaitingJobs(database, resolved.workerSchema);
      const idleFor = Date.now() - activity.lastActivityAt;
      if (queue.waiting > 0 && activity.running === 0 && idleFor > stallTimeoutMs && queue.oldestDueSeconds * 1000 > stallTimeoutMs) {
        if (startedJobs > startedJobsAtRestart) stallRestarts = 0;
        stallRestarts++;
        startedJobsAtRestart = startedJobs;
        restartRequested?.(`${queue.waiting} job(s) due for ${Math.round(queue.oldestDueSeconds)} s, none running here and nothing fetched for ${Math.round(idleFor / 1000)} s`);
      }
      if (summaryIntervalMs > 0 && Date.now() - lastSummaryAt >= summaryIntervalMs) {
        const seconds = (Date.now() - lastSummaryAt) / 1000;
        lastSummaryAt = Date.now();
        const counts = activity.take();
        if (counts.rowsEmbedded + counts.fieldsGenerated + counts.backfillPages + counts.failedAttempts + queue.waiting + activity.running > 0) {
          log.info(formatSummary(seconds, counts, { waiting: queue.waiting, running: activity.running }));
        }
      }
    } catch (error) {
      if (!databaseDown) log.warn(`prisma-ai worker: the database does not answer (${oneLine(error)}); the worker goes on once it does.`);
      databaseDown = true;
    }
    // The loop is alive (also while the database is down: restarting the process would not bring it back).
    if (options.healthFile) {
      const line = `${new Date().toISOString()} ${current.id} ${databaseDown ? "database-unreachable" : "ok"}\n`;
      await writeFile(options.healthFile, line).catch((error: unknown) => log.warn(`prisma-ai worker: cannot write the health file (${oneLine(error)}).`));
    }
  };
  let ticking: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (!ticking && !stopping) ticking = tick().finally(() => (ticking = undefined));
  }, heartbeatIntervalMs);
  timer.unref();
  ticking = tick().finally(() => (ticking = undefined));

  /** Runs Graphile Worker until stopped; starts it again after it ended by itself (database outage) or stalled. */
  const supervise = async (): Promise<void> => {
    for (;;) {
      const { runner, id } = current;
      const restart = new Promise<string>((resolve) => (restartRequested = resolve));
      const outcome = await Promise.race([
        runner.promise.then(
          () => "Graphile Worker stopped",
          (error: unknown) => `Graphile Worker stopped after an error (${oneLine(error)})`,
        ),
        restart.then((reason) => `the job loop stalled: ${reason}`),
      ]);
      restartRequested = undefined;
      if (stopping) return;
      if (stallRestarts > maxStallRestarts) {
        throw new WorkerError(`The worker's job loop stalled ${stallRestarts} times in a row and restarting did not help (${outcome}); exit and let the supervisor start a fresh process.`);
      }
      log.warn(`prisma-ai worker: ${outcome}; starting it again.`);
      await runner.kill().catch(() => undefined);
      // A loop that stalled may not finish stopping: go on after a while (its jobs are released below).
      await withTimeout(runner.promise.catch(() => undefined), 3_000).catch(() => undefined);
      let delay = restartDelayMs.first;
      for (;;) {
        if (stopping) return;
        try {
          current = await startRunner();
          break;
        } catch (error) {
          if (!isConnectionError(error)) throw new WorkerError(`Graphile Worker could not be started again: ${oneLine(error)}`, { cause: error });
          await new Promise((resolve) => setTimeout(resolve, delay));
          delay = Math.min(delay * 2, restartDelayMs.max);
        }
      }
      // The old pool is gone: its jobs (locked by its id) run again at once, like a dead worker's.
      await database.query({ text: `SELECT ${quoteIdentifier(resolved.workerSchema)}.force_unlock_workers($1::text[])`, values: [[id]] }).catch(() => undefined);
      await database.query(deregisterStatement(id)).catch(() => undefined);
      activity.lastActivityAt = Date.now();
      log.info(`prisma-ai worker: running again (Graphile Worker pool ${current.id}).`);
    }
  };

  const finish = async () => {
    clearInterval(timer);
    await ticking;
    await withTimeout(database.query(deregisterStatement(current.id)), 3_000).catch(() => undefined);
    if (options.healthFile) await rm(options.healthFile, { force: true }).catch(() => undefined);
    detachPoolHandlers();
    await ownPool?.end().catch(() => undefined);
  };
  const promise = supervise().then(
    async () => {
      await stopping;
      await finish();
    },
    async (error: unknown) => {
      log.error(`prisma-ai worker: ${oneLine(error)}`);
      await releaseAndAbort();
      await current.runner.kill().catch(() => undefined);
      await finish();
      throw error;
    },
  );
  promise.catch(() => undefined);

  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      restartRequested?.("stopping");
      const timeout = setTimeout(() => void releaseAndAbort(), shutdownTimeoutMs);
      try {
        await current.runner.stop();
      } catch (error) {
        log.warn(`prisma-ai worker: Graphile Worker did not stop cleanly (${oneLine(error)}).`);
      } finally {
        clearTimeout(timeout);
      }
    })();
    return promise;
  };
  const kill = async (): Promise<void> => {
    const stopped = stop();
    await releaseAndAbort();
    await stopped;
  };

  // Graphile Worker's local queue can reject in the background when it cannot return its jobs to a database that
  // is down ("Error occurred whilst returning jobs from local queue ..."), with nothing to catch it: that must not
  // end the process (the supervisor above starts Graphile Worker again and releases those jobs). Any other
  // unhandled rejection keeps Node's behaviour: left to the application's own handler, or thrown.
  const onUnhandledRejection = (reason: unknown) => {
    if (isGraphileOutageRejection(reason)) {
      log.warn(`prisma-ai worker: ${oneLine(reason)} (the worker starts Graphile Worker again once the database answers).`);
      return;
    }
    if (process.listenerCount("unhandledRejection") === 1) throw reason;
  };
  process.on("unhandledRejection", onUnhandledRejection);
  void promise
    .finally(() => {
      // Later background rejections of the stopped runner would still be its own: keep the guard a little longer.
      setTimeout(() => process.removeListener("unhandledRejection", onUnhandledRejection), 30_000).unref();
    })
    .catch(() => undefined);

  const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM"];
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      void kill();
      return;
    }
    void stop()
      .catch(() => undefined)
      .finally(() => {
        for (const name of signals) process.removeListener(name, onSignal);
        // The signal would have ended the process: end it (code 0), unless the application listens for it too.
        if (process.listenerCount(signal) === 0) process.exit();
      });
  };
  if (options.handleSignals ?? true) for (const name of signals) process.on(name, onSignal);
  void promise.finally(() => {
    for (const name of signals) process.removeListener(name, onSignal);
  }).catch(() => undefined);

  return {
    stop,
    kill,
    promise,
    events,
    get runner() {
      return current.runner;
    },
    get id() {
      return current.id;
    },
  };
}

async function beat(database: SqlExecutor, id: string): Promise<void> {
  await database.query(heartbeatStatement(workerIdentity(id)));
}

/**
 * Handlers for the pool's and its clients' `error` events: pg emits them when an idle (or checked-out) connection
 * dies, and an `error` event without a listener crashes the process. Logged once per outage (the next query
 * fails or reconnects by itself). Returns a function removing them.
 */
function attachPoolErrorHandlers(pool: pg.Pool, log: WorkerLog): () => void {
  let lastLoggedAt = 0;
  const onError = (error: Error) => {
    if (Date.now() - lastLoggedAt < 10_000) return;
    lastLoggedAt = Date.now();
    log.warn(`prisma-ai worker: a database connection was lost (${oneLine(error)}); it reconnects when the database answers.`);
  };
  const onConnect = (client: pg.PoolClient) => {
    client.on("error", onError);
  };
  pool.on("error", onError);
  pool.on("connect", onConnect);
  return () => {
    pool.removeListener("error", onError);
    pool.removeListener("connect", onConnect);
  };
}

/**
 * The task list with every job's abort signal also aborted by `signal` (a stop past its timeout). Graphile Worker
 * gives every job of a pool the same signal, so the combined signal is made once per pool signal.
 */
function withShutdownSignal(taskList: TaskList, signal: AbortSignal): TaskList {
  const combined = new WeakMap<AbortSignal, AbortSignal>();
  const jobSignal = (poolSignal: AbortSignal | undefined): AbortSignal => {
    if (!poolSignal) return signal;
    let both = combined.get(poolSignal);
    if (!both) {
      both = AbortSignal.any([poolSignal, signal]);
      // Every waiting job listens to it (hundreds at once): not a leak.
      setMaxListeners(0, both);
      combined.set(poolSignal, both);
    }
    return both;
  };
  const wrapped: TaskList = {};
  for (const [name, task] of Object.entries(taskList)) {
    if (task) wrapped[name] = (payload, helpers) => task(payload, { ...helpers, abortSignal: jobSignal(helpers.abortSignal) });
  }
  return wrapped;
}

/** A rejection from Graphile Worker's background work caused by an unreachable database. */
function isGraphileOutageRejection(reason: unknown): boolean {
  const message = reason instanceof Error ? reason.message : "";
  return /local queue|returning jobs|Worker pool|notify listener/i.test(message) && isConnectionError(reason);
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, " ").trim().slice(0, 500);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    timer.unref();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
