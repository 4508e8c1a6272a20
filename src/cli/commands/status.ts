// `prisma-ai status`: per model and embedded field, rows embedded / pending / failed / stale; generated fields'
// failures; the prisma_ai jobs waiting in the queue and the age of the oldest.
import { readStatus, type AIStatus } from "../../engine/status.js";
import { ConfigError } from "../../spec/errors/index.js";
import type { Command } from "../command.js";
import { positiveInteger } from "../parse-values.js";
import { environmentHelp, loadProject, projectOptions, projectOptionsHelp, withDatabase } from "../load-project.js";

export const statusCommand: Command = {
  name: "status",
  summary: "show per model and field: rows embedded, pending, failed, stale; queue depth and oldest job",
  help: `Usage: prisma-ai status [--model <Model>] [--json]

For every annotated model and embedded field: rows in the table, rows whose embedding is current (embedded),
not there yet (pending), recorded as failed (failed: \`prisma-ai retry-failed\` puts them back) or made from
older text (stale); failures of generated fields; per model the prisma_ai jobs in Graphile Worker's queue
(jobs, rows they carry, age of the oldest waiting one, and jobs past their last attempt); the last error of
the rows retrying and of the rows recorded as failed; the registered workers and their last heartbeat; and
the locked jobs per worker, since when, and whether that worker is alive, dead (silent past the heartbeat
timeout: a live worker or \`prisma-ai retry-failed\` releases its jobs) or unknown (never registered).

Options:
  --model <Model>   only this model
  --json            print the figures as JSON
  --heartbeat-timeout <ms>  a worker silent this long counts as dead (default 30000)
${projectOptionsHelp}
  -h, --help        show this help

${environmentHelp}
`,
  options: { ...projectOptions, model: { type: "string" }, json: { type: "boolean" }, "heartbeat-timeout": { type: "string" } },
  async run(arguments_, context) {
    const { values, positionals } = arguments_;
    if (positionals.length > 0) throw new ConfigError(`status takes no arguments, got "${positionals.join(" ")}"; see \`prisma-ai status --help\`.`);
    const project = await loadProject(arguments_, context);
    const model = typeof values.model === "string" ? values.model : undefined;
    if (model && !project.schema.models[model]) {
      throw new ConfigError(`${model} is not an annotated model; annotated models: ${Object.keys(project.schema.models).join(", ") || "(none)"}.`);
    }
    const status = await withDatabase(project.connectionString, project.schema, (database) =>
      readStatus(database, project.schema, { ...(model ? { models: [model] } : {}), heartbeatTimeoutMs: positiveInteger(values["heartbeat-timeout"], "--heartbeat-timeout", 30_000) }),
    );
    context.stdout.write(values.json ? `${JSON.stringify(status, null, 2)}\n` : formatStatus(status));
    return 0;
  },
};

/** The status as aligned text tables. */
export function formatStatus(status: AIStatus): string {
  const lines: string[] = [];
  lines.push(
    ...table(
      ["model", "field", "rows", "embedded", "pending", "failed", "stale"],
      status.fields.map((row) => [row.model, row.field, row.rows, row.embedded, row.pending, row.failed, row.stale].map(String)),
    ),
  );
  if (status.generateFailures.length > 0) {
    lines.push("", ...table(["model", "generated field", "failed"], status.generateFailures.map((row) => [row.model, row.field, String(row.failed)])));
  }
  lines.push(
    "",
    ...table(
      ["model", "queued jobs", "queued rows", "oldest pending", "dead jobs"],
      status.queue.map((row) => [row.model, String(row.jobs), String(row.entries), row.oldestPendingSeconds === null ? "-" : formatAge(row.oldestPendingSeconds), String(row.deadJobs)]),
    ),
  );
  if (status.lastErrors.length > 0) {
    lines.push("", ...table(["model", "state", "last error", "at", "rows"], status.lastErrors.map((row) => [row.model, row.state, row.error, row.at.toISOString(), String(row.count)]), 4));
  }
  lines.push(
    "",
    ...table(
      ["worker", "host", "version", "last heartbeat", "pid", "locked jobs"],
      status.workers.map((worker) => [worker.id, worker.host, worker.version, `${formatAge(worker.lastSeenSeconds)} ago`, String(worker.pid), String(worker.lockedJobs)]),
      4,
    ),
  );
  if (status.locks.length > 0) {
    lines.push(
      "",
      ...table(
        ["locked by", "state", "locked since", "jobs"],
        status.locks.map((lock) => [lock.worker, lock.state, `${lock.lockedSince.toISOString()} (${formatAge(lock.lockedSeconds)} ago)`, String(lock.jobs)]),
        3,
      ),
    );
  }
  return `${lines.join("\n")}\n`;
}

function formatAge(seconds: number): string {
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7_200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3_600)} h`;
}

/** Aligned columns; the first `leftColumns` are left-aligned (text), the rest right-aligned (figures). */
function table(header: string[], rows: string[][], leftColumns = 2): string[] {
  if (rows.length === 0) return [header.join("  "), "(none)"];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column < leftColumns ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  ").trimEnd();
  return [line(header), ...rows.map(line)];
}
