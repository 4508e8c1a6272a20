// The worker's log filter and summary line, and which errors count as an unreachable database (no database needed).
import { describe, expect, it } from "vitest";
import { isConnectionError } from "../../src/jobs/connection-errors.js";
import { createWorkerLog, formatSummary } from "../../src/jobs/worker-log.js";

function capture(level?: "debug" | "info") {
  const lines: string[] = [];
  const log = createWorkerLog({ debug: (m) => lines.push(`debug ${m}`), info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`) }, level);
  return { lines, graphile: log.graphileLogger };
}

const failed = "Failed task 7 (prisma_ai.embed, 12.00ms, attempt 2 of 10) with error 'RateLimitError: 429':\n  RateLimitError: 429\n      at send (file:///x.js:1:1)\n      at run (file:///y.js:2:2)";

describe("worker log", () => {
  it("drops a line per finished job and the pool-size warning, and keeps one line per failed attempt, without the stack", () => {
    const { lines, graphile } = capture();
    graphile.info("Completed task 1 (prisma_ai.embed, 3.00ms) with success");
    graphile.warn("WARNING: having maxPoolSize (10) smaller than concurrency (400) may lead to non-optimal performance.");
    graphile.error(failed);
    graphile.error("Failed to fail jobs '1', '2':\nError: connect ECONNREFUSED 127.0.0.1:5432\n    at TCPConnectWrap.afterConnect (node:net:1:1)");
    expect(lines).toEqual([
      "warn Failed task 7 (prisma_ai.embed, 12.00ms, attempt 2 of 10) with error 'RateLimitError: 429'",
      "error Failed to fail jobs '1', '2': Error: connect ECONNREFUSED 127.0.0.1:5432",
    ]);
  });

  it("at debug level keeps everything, stacks included", () => {
    const { lines, graphile } = capture("debug");
    graphile.info("Completed task 1 (prisma_ai.embed, 3.00ms) with success");
    graphile.error(failed);
    expect(lines).toEqual(["debug Completed task 1 (prisma_ai.embed, 3.00ms) with success", `warn ${failed}`]);
  });

  it("a job aborted by a stop is not a warning", () => {
    const { lines, graphile } = capture();
    graphile.error("Failed task 9 (prisma_ai.embed, 5000.00ms, attempt 1 of 10) with error 'The worker stopped; this job was put back into the queue.'");
    expect(lines).toEqual([]);
  });

  it("summarises a period in one line", () => {
    expect(formatSummary(60.2, { rowsEmbedded: 95, fieldsGenerated: 2, backfillPages: 0, failedAttempts: 3 }, { waiting: 40, running: 12 })).toBe(
      "prisma-ai worker: last 60 s: 95 row(s) embedded, 2 field(s) generated, 3 failed attempt(s); queue: 40 job(s) waiting, 12 running here.",
    );
    expect(formatSummary(60, { rowsEmbedded: 0, fieldsGenerated: 0, backfillPages: 1, failedAttempts: 0 }, undefined)).toBe(
      "prisma-ai worker: last 60 s: 0 row(s) embedded, 0 field(s) generated, 1 backfill page(s), 0 failed attempt(s); queue: unknown (database unreachable).",
    );
  });
});

describe("isConnectionError", () => {
  it("tells an unreachable database from other errors, through causes and aggregates", () => {
    expect(isConnectionError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isConnectionError(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }))).toBe(true);
    expect(isConnectionError(new Error("Error occurred whilst returning jobs from local queue to database queue: connect ECONNREFUSED 127.0.0.1:5432"))).toBe(true);
    expect(isConnectionError(new AggregateError([new Error("Connection terminated unexpectedly")], "Worker did not exit cleanly"))).toBe(true);
    expect(isConnectionError(new Error("outer", { cause: Object.assign(new Error("x"), { code: "ECONNRESET" }) }))).toBe(true);
    expect(isConnectionError(Object.assign(new Error('password authentication failed for user "app"'), { code: "28P01" }))).toBe(false);
    expect(isConnectionError(new Error('relation "prisma_ai.failures" does not exist'))).toBe(false);
    expect(isConnectionError(undefined)).toBe(false);
  });
});
