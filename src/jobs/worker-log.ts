// The worker's log: Graphile Worker's messages through a level filter, without what is noise in production
// (a "Completed task" line per row, a stack trace per transient failure, the pool-size warning prisma-ai
// deliberately triggers), and a periodic summary line instead of a line per row.
import { Logger, type LogLevel as GraphileLogLevel, type WorkerEvents } from "graphile-worker";
import { jobIdentifiers } from "../sql/model-sql.js";

/** Where the worker's messages go: any object with console-like methods (`console` itself works). */
export interface AIWorkerLogger {
  debug?(message: string): void;
  info?(message: string): void;
  warn?(message: string): void;
  error?(message: string): void;
}

/** Least severe level written. */
export type AIWorkerLogLevel = "debug" | "info" | "warn" | "error";

const severity: Record<AIWorkerLogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** The worker's own log, filtered by level. */
export interface WorkerLog {
  readonly level: AIWorkerLogLevel;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** Graphile Worker's logger writing through this one (noise removed, see the file comment). */
  readonly graphileLogger: Logger;
}

const consoleTarget: AIWorkerLogger = {
  debug: (message) => console.debug(message),
  info: (message) => console.info(message),
  warn: (message) => console.warn(message),
  error: (message) => console.error(message),
};

/** A {@link WorkerLog} writing to `target` (default: console) from `level` up (default: info). */
export function createWorkerLog(target: AIWorkerLogger = consoleTarget, level: AIWorkerLogLevel = "info"): WorkerLog {
  const write = (at: AIWorkerLogLevel, message: string) => {
    if (severity[at] >= severity[level]) target[at]?.call(target, message);
  };
  const verbose = level === "debug";
  const fromGraphile: Record<GraphileLogLevel, AIWorkerLogLevel> = { error: "error", warning: "warn", info: "info", debug: "debug" };
  const graphileLogger = new Logger(() => (graphileLevel, message) => {
    let at = fromGraphile[graphileLevel];
    let text = message;
    // One line per job is the summary's job; the pool is sized by request concurrency on purpose (jobs wait in
    // the batcher without a connection), so Graphile's "maxPoolSize smaller than concurrency" does not apply.
    if (text.startsWith("Completed task ") || text.startsWith("WARNING: having maxPoolSize")) at = "debug";
    else if (text.startsWith("Failed task ")) {
      // A transient failure is retried: one line (its message), the stack only at debug level. A job aborted by a
      // stop was put back (the stop says how many in one line).
      at = text.includes("this job was put back into the queue") ? "debug" : "warn";
      if (!verbose) text = text.split("\n")[0]!.replace(/:$/, "");
    }
    // Every message on one line, stack frames only at debug level.
    if (!verbose && text.includes("\n")) {
      text = text
        .split("\n")
        .filter((line) => !/^\s+at /.test(line))
        .map((line) => line.trim())
        .filter(Boolean)
        .join(" ");
    }
    write(at, text);
  });
  return {
    level,
    debug: (message) => write("debug", message),
    info: (message) => write("info", message),
    warn: (message) => write("warn", message),
    error: (message) => write("error", message),
    graphileLogger,
  };
}

/** Counts of one summary period. */
export interface WorkerActivity {
  rowsEmbedded: number;
  fieldsGenerated: number;
  backfillPages: number;
  failedAttempts: number;
}

/** Counts what the worker's jobs did (from Graphile Worker's events) for the periodic summary. */
export class ActivityCounter {
  private counts: WorkerActivity = { rowsEmbedded: 0, fieldsGenerated: 0, backfillPages: 0, failedAttempts: 0 };
  /** Jobs running now in this process. */
  running = 0;
  /** When a job last started or finished, or jobs were last fetched (Date.now()). */
  lastActivityAt = Date.now();

  constructor(events: WorkerEvents) {
    events.on("job:start", () => {
      this.running++;
      this.lastActivityAt = Date.now();
    });
    events.on("job:complete", () => {
      this.running = Math.max(0, this.running - 1);
      this.lastActivityAt = Date.now();
    });
    events.on("localQueue:getJobs:complete", ({ jobs }) => {
      if (jobs.length > 0) this.lastActivityAt = Date.now();
    });
    events.on("job:success", ({ job }) => {
      if (job.task_identifier === jobIdentifiers.embed) this.counts.rowsEmbedded += Array.isArray(job.payload) ? job.payload.length : 1;
      else if (job.task_identifier === jobIdentifiers.generate) this.counts.fieldsGenerated++;
      else if (job.task_identifier === jobIdentifiers.backfill) this.counts.backfillPages++;
    });
    events.on("job:error", () => {
      this.counts.failedAttempts++;
    });
  }

  /** The counts since the last call, reset. */
  take(): WorkerActivity {
    const counts = this.counts;
    this.counts = { rowsEmbedded: 0, fieldsGenerated: 0, backfillPages: 0, failedAttempts: 0 };
    return counts;
  }
}

/** The summary line, e.g. `last 60 s: 95 rows embedded, 0 fields generated, 2 failed attempts; queue: 40 jobs waiting, 12 running here`. */
export function formatSummary(seconds: number, activity: WorkerActivity, queue: { waiting: number; running: number } | undefined): string {
  const parts = [`${activity.rowsEmbedded} row(s) embedded`, `${activity.fieldsGenerated} field(s) generated`];
  if (activity.backfillPages > 0) parts.push(`${activity.backfillPages} backfill page(s)`);
  parts.push(`${activity.failedAttempts} failed attempt(s)`);
  const queueText = queue ? `; queue: ${queue.waiting} job(s) waiting, ${queue.running} running here` : "; queue: unknown (database unreachable)";
  return `prisma-ai worker: last ${Math.round(seconds)} s: ${parts.join(", ")}${queueText}.`;
}
