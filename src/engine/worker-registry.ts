// prisma_ai.workers: every runAIWorker process registers its Graphile Worker pool (the pool's id is the
// `locked_by` of the jobs it holds) and beats every few seconds. Any live worker (and `prisma-ai retry-failed`)
// releases the jobs of a worker whose beat is older than the heartbeat timeout, through Graphile Worker's own
// `force_unlock_workers` (what `WorkerUtils.forceUnlockWorkers` calls: the jobs become available at once, the
// attempt the dead worker made stays counted), and deletes its row. Jobs locked by a pool that never registered
// (killed before its first beat, or an older prisma-ai) are released the same way once their lock is older than
// the timeout, provided every job that pool holds is a prisma_ai job.
import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import { jobIdentifiers } from "../sql/model-sql.js";
import { prismaAISchemaName } from "../sql/names.js";
import { quoteIdentifier, quoteQualifiedName } from "../sql/quote.js";
import type { SqlExecutor } from "../sql/sql-executor.js";
import type { SqlStatement } from "../sql/sql-parameters.js";

/** `"prisma_ai"."workers"`. */
export const workersTable = quoteQualifiedName(prismaAISchemaName, "workers");

/** Default heartbeat timeout: a worker silent for this long is dead and its jobs are released. */
export const defaultHeartbeatTimeoutMs = 30_000;

/** What a worker registers about itself. */
export interface WorkerIdentity {
  /** Graphile Worker pool id (`locked_by` of its jobs). */
  id: string;
  host: string;
  pid: number;
  version: string;
}

/** This process's identity for a Graphile Worker pool id. */
export function workerIdentity(poolId: string): WorkerIdentity {
  return { id: poolId, host: hostname(), pid: process.pid, version: packageVersion() };
}

let cachedVersion: string | undefined;

/** The version of prisma-extension-ai this code belongs to (read once from its package.json). */
export function packageVersion(): string {
  if (cachedVersion !== undefined) return cachedVersion;
  cachedVersion = "unknown";
  for (const relative of ["../../package.json", "../../../package.json"]) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(relative, import.meta.url), "utf8")) as { name?: string; version?: string };
      if (manifest.name === "prisma-extension-ai" && manifest.version) {
        cachedVersion = manifest.version;
        break;
      }
    } catch {
      // not there: try the next
    }
  }
  return cachedVersion;
}

/** Registers the worker, or records its beat (re-registering it if another worker had declared it dead). */
export function heartbeatStatement(worker: WorkerIdentity): SqlStatement {
  return {
    text: `INSERT INTO ${workersTable} (id, host, pid, version) VALUES ($1, $2, $3, $4)
ON CONFLICT (id) DO UPDATE SET last_seen_at = now()`,
    values: [worker.id, worker.host, worker.pid, worker.version],
  };
}

/** Removes the worker's row (a clean stop). */
export function deregisterStatement(id: string): SqlStatement {
  return { text: `DELETE FROM ${workersTable} WHERE id = $1`, values: [id] };
}

/** What {@link releaseDeadWorkers} did. */
export interface ReleasedWorkers {
  /** Registered workers whose heartbeat was older than the timeout: deregistered, their jobs released. */
  dead: Array<{ id: string; host: string; pid: number; lastSeenSeconds: number }>;
  /** Pool ids that never registered, whose prisma_ai jobs were locked for longer than the timeout. */
  unknown: string[];
  /** Jobs released (locks removed). */
  jobs: number;
}

/**
 * Releases the jobs of dead workers (see the file comment) in one statement; `selfId` (the caller's own pool) is
 * never touched. Harmless when two workers run it at once.
 */
export async function releaseDeadWorkers(database: SqlExecutor, options: { workerSchema: string; timeoutMs: number; selfId?: string }): Promise<ReleasedWorkers> {
  const schema = quoteIdentifier(options.workerSchema);
  const [row] = await database.query<{ dead: ReleasedWorkers["dead"] | null; unknown: string[] | null; jobs: number }>({
    text: `WITH dead AS (
  DELETE FROM ${workersTable} WHERE last_seen_at < now() - $1 * interval '1 millisecond' AND id IS DISTINCT FROM $2
  RETURNING id, host, pid, extract(epoch FROM now() - last_seen_at)::float8 AS "lastSeenSeconds"
), unknown AS (
  SELECT j.locked_by AS id FROM ${schema}._private_jobs AS j JOIN ${schema}._private_tasks AS task ON task.id = j.task_id
  WHERE j.locked_by IS NOT NULL AND j.locked_by IS DISTINCT FROM $2
    AND NOT EXISTS (SELECT 1 FROM ${workersTable} AS w WHERE w.id = j.locked_by)
  GROUP BY j.locked_by
  HAVING bool_and(task.identifier = ANY ($3::text[])) AND max(j.locked_at) < now() - $1 * interval '1 millisecond'
), released AS (
  SELECT array(SELECT id FROM dead UNION SELECT id FROM unknown) AS ids
), counted AS (
  SELECT count(*)::int AS jobs FROM ${schema}._private_jobs AS j, released WHERE j.locked_by = ANY (released.ids)
)
SELECT (SELECT json_agg(dead) FROM dead) AS dead, (SELECT array_agg(id) FROM unknown) AS unknown, counted.jobs,
  ${schema}.force_unlock_workers(released.ids) AS unlocked
FROM released, counted`,
    values: [options.timeoutMs, options.selfId ?? null, Object.values(jobIdentifiers)],
  });
  return { dead: row?.dead ?? [], unknown: row?.unknown ?? [], jobs: row?.jobs ?? 0 };
}

/** One registered worker, as `status` shows it. */
export interface WorkerStatus {
  id: string;
  host: string;
  pid: number;
  version: string;
  startedAt: Date;
  lastSeenAt: Date;
  /** Seconds since its last beat. */
  lastSeenSeconds: number;
  /** Jobs it holds locked. */
  lockedJobs: number;
}

/** Jobs locked by one Graphile Worker pool. */
export interface LockStatus {
  /** The pool id (`locked_by`). */
  worker: string;
  /** `alive`: registered and beating; `dead`: registered, silent past the timeout; `unknown`: never registered. */
  state: "alive" | "dead" | "unknown";
  jobs: number;
  /** When the oldest of its locks was taken. */
  lockedSince: Date;
  /** Seconds since then. */
  lockedSeconds: number;
}

/** Registered workers, and the prisma_ai jobs locked per pool. */
export async function readWorkers(database: SqlExecutor, options: { workerSchema: string; timeoutMs: number }): Promise<{ workers: WorkerStatus[]; locks: LockStatus[] }> {
  const [present] = await database.query<{ workers: boolean; jobs: boolean }>({
    text: "SELECT to_regclass($1) IS NOT NULL AS workers, to_regclass($2) IS NOT NULL AS jobs",
    values: [`${prismaAISchemaName}.workers`, `${options.workerSchema}._private_jobs`],
  });
  const schema = quoteIdentifier(options.workerSchema);
  const locks = present?.jobs
    ? await database.query<{ worker: string; jobs: number; locked_since: Date; locked_seconds: number; last_seen_seconds: number | null }>({
        text: `SELECT j.locked_by AS worker, count(*)::int AS jobs, min(j.locked_at) AS locked_since,
  extract(epoch FROM now() - min(j.locked_at))::float8 AS locked_seconds,
  ${present.workers ? `(SELECT extract(epoch FROM now() - w.last_seen_at)::float8 FROM ${workersTable} AS w WHERE w.id = j.locked_by)` : "NULL::float8"} AS last_seen_seconds
FROM ${schema}._private_jobs AS j JOIN ${schema}._private_tasks AS task ON task.id = j.task_id
WHERE j.locked_by IS NOT NULL AND task.identifier = ANY ($1::text[])
GROUP BY j.locked_by ORDER BY min(j.locked_at)`,
        values: [Object.values(jobIdentifiers)],
      })
    : [];
  const workers = present?.workers
    ? await database.query<{ id: string; host: string; pid: number; version: string; started_at: Date; last_seen_at: Date; last_seen_seconds: number }>({
        text: `SELECT id, host, pid, version, started_at, last_seen_at, extract(epoch FROM now() - last_seen_at)::float8 AS last_seen_seconds FROM ${workersTable} ORDER BY started_at`,
        values: [],
      })
    : [];
  const timeoutSeconds = options.timeoutMs / 1000;
  return {
    workers: workers.map((worker) => ({
      id: worker.id,
      host: worker.host,
      pid: worker.pid,
      version: worker.version,
      startedAt: worker.started_at,
      lastSeenAt: worker.last_seen_at,
      lastSeenSeconds: worker.last_seen_seconds,
      lockedJobs: locks.find((lock) => lock.worker === worker.id)?.jobs ?? 0,
    })),
    locks: locks.map((lock) => ({
      worker: lock.worker,
      state: lock.last_seen_seconds === null ? "unknown" : lock.last_seen_seconds > timeoutSeconds ? "dead" : "alive",
      jobs: lock.jobs,
      lockedSince: lock.locked_since,
      lockedSeconds: lock.locked_seconds,
    })),
  };
}

/**
 * Puts the jobs a pool holds back into the queue without counting an attempt (what Graphile Worker does with the
 * jobs of its local queue at a stop): used when a stop's timeout aborts the jobs still running.
 */
export function returnJobsStatement(workerSchema: string, poolId: string): SqlStatement {
  const schema = quoteIdentifier(workerSchema);
  return {
    text: `WITH j AS (
  UPDATE ${schema}._private_jobs AS jobs SET attempts = GREATEST(0, attempts - 1), locked_by = NULL, locked_at = NULL
  WHERE locked_by = $1 RETURNING job_queue_id
), q AS (
  UPDATE ${schema}._private_job_queues AS job_queues SET locked_by = NULL, locked_at = NULL
  WHERE locked_by = $1 RETURNING id
)
SELECT count(*)::int AS jobs FROM j`,
    values: [poolId],
  };
}

/** prisma_ai jobs due now and not locked (waiting for a worker), and how long the longest-waiting one has been due. */
export async function readWaitingJobs(database: SqlExecutor, workerSchema: string): Promise<{ waiting: number; oldestDueSeconds: number }> {
  const schema = quoteIdentifier(workerSchema);
  const [row] = await database.query<{ waiting: number; oldest_due_seconds: number | null }>({
    text: `SELECT count(*)::int AS waiting, extract(epoch FROM now() - min(j.run_at))::float8 AS oldest_due_seconds
FROM ${schema}._private_jobs AS j JOIN ${schema}._private_tasks AS task ON task.id = j.task_id
WHERE task.identifier = ANY ($1::text[]) AND j.locked_at IS NULL AND j.run_at <= now() AND j.attempts < j.max_attempts AND j.is_available`,
    values: [Object.values(jobIdentifiers)],
  });
  return { waiting: row?.waiting ?? 0, oldestDueSeconds: row?.oldest_due_seconds ?? 0 };
}
