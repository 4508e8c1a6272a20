// The worker's life around the database and its own death, with real processes: a lost connection
// (pg_terminate_backend) and a restart of a private PostgreSQL cluster while a CLI worker holds jobs; kill -9
// mid-backlog with another worker taking over through the heartbeat; SIGTERM with a provider that never answers;
// SIGTERM to `npx prisma-ai worker`, `node_modules/.bin/prisma-ai worker` and an app running runAIWorker.
import { mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { commands } from "../../src/cli/commands/index.js";
import { runCli } from "../../src/cli/router.js";
import { readWorkers } from "../../src/engine/worker-registry.js";
import { poolExecutor } from "../../src/engine/pg-executor.js";
import { WorkerError } from "../../src/spec/errors/index.js";
import type { AIWorker } from "../../src/worker.js";
import { postgresBinDir, startPrivatePostgres, type PrivatePostgres } from "../support/private-postgres.js";
import { applyMigrations, projectMigrationsDir, useTestDatabase } from "../support/test-database.js";
import { fakeAI, installJobsSchema, queuedJobs, resetData, startFakeProvider, startTestWorker, waitFor, type FakeProvider, type Gate } from "./job-harness.js";
import { killChild, processExists, removeConsumerProject, startWorkerChild, workerEnvironment, type StartMode, type WorkerChild } from "./worker-child.js";

/** Short intervals so failures are noticed quickly; deadlines stay generous. */
const fastWorker = ["--poll-interval", "100", "--heartbeat-timeout", "3000", "--heartbeat-interval", "300", "--stall-timeout", "5000", "--summary-interval", "0", "--concurrency", "2"];

async function insertProducts(pool: pg.Pool, count: number, label: string): Promise<void> {
  await pool.query("insert into products (id, name, description, price) select gen_random_uuid(), 'p' || i, $2 || ' ' || i, 1 from generate_series(1, $1::int) as i", [count, label]);
}

async function embeddedCount(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ count: number }>("select count(*)::int as count from prisma_ai.products_embeddings");
  return rows[0]!.count;
}

/** Pids of the workers registered in prisma_ai.workers (the node processes, whoever their parent is). */
async function registeredPids(pool: pg.Pool): Promise<number[]> {
  const { rows } = await pool.query<{ pid: number }>("select pid from prisma_ai.workers order by started_at");
  return rows.map((row) => row.pid);
}

describe("worker life", () => {
  const database = useTestDatabase();
  let pool: pg.Pool;
  let provider: FakeProvider;
  const children: WorkerChild[] = [];
  const strayPids = new Set<number>();
  const gates: Gate[] = [];
  let worker: AIWorker | undefined;

  beforeAll(async () => {
    pool = database().pool;
    await installJobsSchema(database().url, pool);
    provider = await startFakeProvider();
  });
  afterAll(async () => {
    await provider?.close();
    removeConsumerProject();
  });
  beforeEach(async () => {
    await resetData(pool);
    await pool.query("delete from prisma_ai.workers");
    provider.reset();
  });
  afterEach(async () => {
    for (const gate of gates.splice(0)) gate.open();
    provider.openGates();
    for (const child of children.splice(0)) await killChild(child);
    for (const pid of strayPids) if (processExists(pid)) process.kill(pid, "SIGKILL");
    strayPids.clear();
    await worker?.stop();
    worker = undefined;
  });

  const hold = (predicate: (inputs: string[]) => boolean) => {
    const gate = provider.gate(predicate);
    gates.push(gate);
    return gate;
  };
  const start = async (apiKey: string, extra: string[] = [], mode: StartMode = "tsx", url = database().url) => {
    const child = await startWorkerChild(mode, workerEnvironment(url, provider.baseURL, apiKey), [...fastWorker, ...extra]);
    children.push(child);
    return child;
  };

  it("kill -9 mid-backlog: another worker releases the dead worker's jobs after the heartbeat timeout and embeds every row", async () => {
    const victim = await start("victim");
    const gate = hold(() => true);
    await insertProducts(pool, 300, "backlog");
    await gate.arrived;
    victim.child.kill("SIGKILL");
    expect(await victim.exited).toEqual({ code: null, signal: "SIGKILL" });
    const locked = (await queuedJobs(pool)).filter((job) => job.locked_at !== null);
    expect(locked.length).toBeGreaterThan(0);

    // status sees the locks, by which worker and since when, and that worker turning dead.
    const database_ = poolExecutor(pool);
    const status = await waitFor(async () => {
      const seen = await readWorkers(database_, { workerSchema: "graphile_worker", timeoutMs: 3_000 });
      return seen.locks.length === 1 && seen.locks[0]!.state === "dead" ? seen : undefined;
    }, "the killed worker to show as dead");
    expect(status.locks[0]).toMatchObject({ jobs: locked.length, lockedSince: expect.any(Date) });
    expect(status.workers).toEqual([expect.objectContaining({ id: status.locks[0]!.worker, lockedJobs: locked.length })]);

    const restartedAt = Date.now();
    await start("survivor");
    await waitFor(async () => (await embeddedCount(pool)) === 300 && (await queuedJobs(pool)).length === 0, "every row embedded by the survivor", 60_000);
    expect(Date.now() - restartedAt).toBeLessThan(60_000);
    // The dead worker was deregistered; only the survivor is left.
    expect(await pool.query("select count(*)::int as count from prisma_ai.workers")).toMatchObject({ rows: [{ count: 1 }] });
  }, 120_000);

  it("jobs locked by a worker that never registered are released once their lock is older than the timeout", async () => {
    await insertProducts(pool, 5, "ghost");
    await pool.query("update graphile_worker._private_jobs set locked_by = 'pool-ghost', locked_at = now() - interval '1 minute', attempts = 1");
    worker = await startTestWorker(database().url, fakeAI(provider), { heartbeatTimeoutMs: 2_000, heartbeatIntervalMs: 200, summaryIntervalMs: 0 });
    await waitFor(async () => (await embeddedCount(pool)) === 5 && (await queuedJobs(pool)).length === 0, "the ghost's rows embedded", 60_000);
  }, 90_000);

  it("when Graphile Worker ends and cannot be started again (not an outage), the worker stops with a WorkerError instead of idling", async () => {
    worker = await startTestWorker(database().url, fakeAI(provider), { summaryIntervalMs: 0 });
    const promise = worker.promise.then(
      () => undefined,
      (error: unknown) => error,
    );
    // A newer, incompatible Graphile Worker schema: run() refuses to start (a reason waiting cannot fix).
    await pool.query("insert into graphile_worker.migrations (id, breaking) values (9999, true)");
    try {
      await worker.runner.kill();
      const error = await waitFor(() => promise, "the worker to give up");
      expect(error).toBeInstanceOf(WorkerError);
      expect((error as Error).message).toMatch(/^Graphile Worker could not be started again: Database is using Graphile Worker schema revision 9999/);
      expect((await pool.query("select count(*)::int as count from prisma_ai.workers")).rows).toEqual([{ count: 0 }]);
    } finally {
      await pool.query("delete from graphile_worker.migrations where id = 9999");
      worker = undefined;
    }
  }, 60_000);

  it("--health-file / `prisma-ai health`: healthy while the worker runs, unhealthy once it stopped or the file is stale", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "prisma-ai-health-")), "worker.health");
    const health = async (maxAge = "30000") => {
      let out = "";
      const code = await runCli(["health", "--file", file, "--max-age", maxAge], commands, { env: {}, cwd: "/", stdout: { write: (text: string) => (out += text) }, stderr: { write: (text: string) => (out += text) } });
      return { code, out };
    };
    expect(await health()).toEqual({ code: 1, out: expect.stringContaining("does not exist") });
    worker = await startTestWorker(database().url, fakeAI(provider), { healthFile: file, heartbeatIntervalMs: 100, summaryIntervalMs: 0 });
    await waitFor(async () => (await health()).code === 0, "the health file");
    expect((await health()).out).toMatch(new RegExp(`^prisma-ai health: healthy: \\S+ ${worker.id} ok\\n$`));
    await worker.stop();
    worker = undefined;
    expect(await health()).toEqual({ code: 1, out: expect.stringContaining("does not exist") });
    writeFileSync(file, "old");
    utimesSync(file, new Date(Date.now() - 120_000), new Date(Date.now() - 120_000));
    expect(await health("60000")).toEqual({ code: 1, out: expect.stringMatching(/was last written 12\d s ago \(more than 60000 ms\)/) });
  }, 60_000);

  it("SIGTERM with a provider that never answers: the process exits within shutdownTimeoutMs + 2 s, its jobs are put back unfailed and another worker does them", async () => {
    const shutdownTimeoutMs = 2_000;
    const stuck = await start("stuck", ["--shutdown-timeout", String(shutdownTimeoutMs)]);
    hold(() => true); // never opened while the stuck worker lives
    await insertProducts(pool, 20, "hanging");
    await waitFor(() => provider.embeddingRequests.length > 0, "the request that never gets an answer");
    const signalledAt = Date.now();
    stuck.child.kill("SIGTERM");
    expect(await stuck.exited).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalledAt).toBeLessThan(shutdownTimeoutMs + 2_000);
    expect(stuck.output()).toMatch(/running job\(s\) aborted and put back into the queue \(no attempt counted\)/);
    const jobs = await queuedJobs(pool);
    expect(jobs).toHaveLength(20);
    for (const job of jobs) expect(job).toMatchObject({ locked_at: null, attempts: 0, last_error: null });

    const takenOverAt = Date.now();
    worker = await startTestWorker(database().url, fakeAI(provider), { summaryIntervalMs: 0 });
    await waitFor(async () => (await embeddedCount(pool)) === 20 && (await queuedJobs(pool)).length === 0, "the rows embedded by another worker", 60_000);
    expect(Date.now() - takenOverAt).toBeLessThan(60_000);
  }, 90_000);

  it("a second SIGTERM stops at once, also with a job in flight", async () => {
    const stuck = await start("twice", ["--shutdown-timeout", "60000"]);
    hold(() => true);
    await insertProducts(pool, 3, "twice");
    await waitFor(() => provider.embeddingRequests.length > 0, "the held request");
    stuck.child.kill("SIGTERM");
    await waitFor(() => stuck.output().includes("SIGTERM received"), "the first SIGTERM to be acknowledged");
    const secondAt = Date.now();
    stuck.child.kill("SIGTERM");
    expect(await stuck.exited).toEqual({ code: 0, signal: null });
    expect(Date.now() - secondAt).toBeLessThan(10_000);
    expect((await queuedJobs(pool)).every((job) => job.locked_at === null && job.attempts === 0)).toBe(true);
  }, 60_000);

  it("a lost connection (pg_terminate_backend) while the CLI worker holds jobs: it goes on by itself and embeds every row", async () => {
    const url = new URL(database().url);
    url.searchParams.set("application_name", "prisma-ai-terminated");
    const child = await start("terminated", [], "tsx", url.toString());
    provider.setLatency(150);
    await insertProducts(pool, 300, "terminated");
    await waitFor(() => provider.embeddingRequests.length > 0, "the first batch in flight");
    const { rows } = await pool.query<{ terminated: number }>(
      "select count(*)::int as terminated from (select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'prisma-ai-terminated') as t",
    );
    expect(rows[0]!.terminated).toBeGreaterThan(0);
    const backAt = Date.now();
    await waitFor(async () => (await embeddedCount(pool)) === 300 && (await queuedJobs(pool)).length === 0, "every row embedded after the connections were cut", 60_000);
    expect(Date.now() - backAt).toBeLessThan(60_000);
    expect(child.hasExited()).toBe(false);
    child.child.kill("SIGTERM");
    expect(await child.exited).toEqual({ code: 0, signal: null });
    if (process.env.SHOW_WORKER_OUTPUT) console.log(child.output());
  }, 120_000);

  it("runAIWorker({ pgPool }) with a plain pg.Pool: cut connections are logged, never an 'error' event that ends the host", async () => {
    const url = new URL(database().url);
    url.searchParams.set("application_name", "prisma-ai-app-pool");
    const appPool = new pg.Pool({ connectionString: url.toString(), max: 10 });
    const lines: string[] = [];
    try {
      worker = await startTestWorker(database().url, fakeAI(provider), {
        connectionString: undefined,
        pgPool: appPool,
        summaryIntervalMs: 0,
        logger: { warn: (message) => lines.push(message), error: (message) => lines.push(message) },
      });
      expect(appPool.listenerCount("error")).toBeGreaterThan(0);
      await insertProducts(pool, 50, "app pool");
      await waitFor(async () => (await embeddedCount(pool)) === 50, "the first rows embedded");
      // Idle clients of the app's pool are cut: pg emits 'error' on the pool (and the clients).
      await pool.query("select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'prisma-ai-app-pool'");
      await waitFor(() => lines.some((line) => line.includes("a database connection was lost")), "the lost connection to be logged");
      await insertProducts(pool, 50, "after the cut");
      await waitFor(async () => (await embeddedCount(pool)) === 100, "the rows written after the cut embedded", 60_000);
      await worker.stop();
      worker = undefined;
      // The pool is the app's: still usable, and the worker's handlers are gone.
      expect((await appPool.query("select 1 as one")).rows).toEqual([{ one: 1 }]);
      expect(appPool.listenerCount("error")).toBe(0);
    } finally {
      await worker?.stop();
      worker = undefined;
      await appPool.end();
    }
  }, 90_000);

  it("logs without noise: no pool-size or crontab warning, one line per failed attempt, a summary line instead of a line per row", async () => {
    const child = await start("quiet", ["--summary-interval", "300"]);
    provider.failNextEmbeddings(1, 500);
    await insertProducts(pool, 30, "quiet");
    await pool.query("update graphile_worker._private_jobs set run_at = now() where attempts > 0 and locked_at is null");
    await waitFor(async () => {
      await pool.query("update graphile_worker._private_jobs set run_at = now() where attempts > 0 and locked_at is null and run_at > now()");
      return (await embeddedCount(pool)) === 30;
    }, "the rows embedded after the failed attempt", 60_000);
    const summarised = () => [...child.output().matchAll(/last \d+ s: (\d+) row\(s\) embedded/g)].reduce((sum, match) => sum + Number(match[1]), 0);
    await waitFor(() => summarised() >= 30, "summary lines counting the 30 rows");
    const output = child.output();
    expect(output).not.toMatch(/maxPoolSize|crontab|Completed task|error handlers|\n\s+at /);
    const failures = output.split("\n").filter((line) => line.includes("Failed task"));
    expect(failures.length).toBeGreaterThan(0);
    for (const line of failures) expect(line).toMatch(/warn Failed task \d+ \(prisma_ai\.embed, .*attempt 1 of 10\) with error '.*500.*'$/);
    // A summary line per period, not a line per row.
    expect(output.split("\n").filter((line) => line.includes("row(s) embedded")).length).toBeLessThan(30);
  }, 90_000);

  describe.each<{ mode: StartMode; what: string }>([
    { mode: "npx", what: "npx prisma-ai worker (npm does not pass SIGTERM on)" },
    { mode: "bin", what: "node_modules/.bin/prisma-ai worker" },
    { mode: "app", what: "an app running runAIWorker" },
  ])("SIGTERM to $what", ({ mode }) => {
    it("stops the node process within the shutdown timeout, with code 0 where we see it", async () => {
      const shutdownTimeoutMs = 4_000;
      const started = await start(`signals-${mode}`, ["--shutdown-timeout", String(shutdownTimeoutMs)], mode);
      const [pid] = await waitFor(async () => {
        const pids = await registeredPids(pool);
        return pids.length === 1 ? pids : undefined;
      }, "the worker to register");
      strayPids.add(pid!);
      if (mode !== "npx") expect(pid).toBe(started.child.pid);
      await insertProducts(pool, 3, `signal ${mode}`);
      await waitFor(async () => (await embeddedCount(pool)) === 3, "the worker to embed");
      const signalledAt = Date.now();
      started.child.kill("SIGTERM");
      await waitFor(() => !processExists(pid!), "the node process to exit", shutdownTimeoutMs);
      expect(Date.now() - signalledAt).toBeLessThan(shutdownTimeoutMs);
      if (mode !== "npx") expect(await started.exited).toEqual({ code: 0, signal: null });
      // npm 11 exits on SIGTERM without passing it on: the worker stopped because its parent died.
      if (mode === "npx") await waitFor(() => started.output().includes("prisma-ai worker: stopped."), "the worker's last line");
      expect(started.output()).toContain(mode === "npx" ? "its parent process (pid" : mode === "app" ? "app worker: running" : "SIGTERM received");
      // It stopped gracefully: deregistered, nothing locked.
      expect(await registeredPids(pool)).toEqual([]);
      expect(await queuedJobs(pool)).toEqual([]);
    }, 90_000);
  });
});

describe.skipIf(!postgresBinDir())("worker life across a PostgreSQL restart (a private cluster)", () => {
  let cluster: PrivatePostgres;
  let pool: pg.Pool;
  let provider: FakeProvider;
  let child: WorkerChild | undefined;

  beforeAll(async () => {
    cluster = await startPrivatePostgres();
    const admin = new pg.Client({ connectionString: cluster.url() });
    await admin.connect();
    await admin.query("create database worker_restart");
    await admin.end();
    pool = new pg.Pool({ connectionString: cluster.url("worker_restart"), max: 4 });
    pool.on("error", () => undefined); // the restart cuts the test's idle connections too
    await pool.query("create extension if not exists vector");
    await applyMigrations(pool, projectMigrationsDir);
    await installJobsSchema(cluster.url("worker_restart"), pool);
    provider = await startFakeProvider();
  }, 120_000);
  afterAll(async () => {
    if (child) await killChild(child);
    await pool?.end().catch(() => undefined);
    await provider?.close();
    cluster?.destroy();
  });

  it("restart while a CLI worker holds jobs: the worker goes on by itself and embeds every row within 60 s of the database's return", async () => {
    const rows = 1_500;
    const outageMs = 6_000;
    child = await startWorkerChild("tsx", workerEnvironment(cluster.url("worker_restart"), provider.baseURL, "restart"), fastWorker);
    provider.setLatency(300);
    await insertProducts(pool, rows, "restart");
    await waitFor(() => provider.embeddingRequests.length > 0, "the first batch in flight");
    cluster.stop();
    await waitFor(() => /does not answer|connection was lost|Graphile Worker stopped/.test(child!.output()) || child!.hasExited(), "the worker to notice the outage", 30_000);
    // An outage of some seconds (the scenario, not a wait for a condition): batches finish, fetches and
    // completions fail, the local queue cannot return its jobs.
    await new Promise((resolve) => setTimeout(resolve, outageMs));
    cluster.start();
    const backAt = Date.now();
    await waitFor(
      async () => (await embeddedCount(pool).catch(() => -1)) === rows && (await queuedJobs(pool).catch(() => [1])).length === 0,
      "every row embedded after the restart",
      60_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\nWorker output (end):\n${child!.output().slice(-4_000)}`);
    });
    expect(Date.now() - backAt).toBeLessThan(60_000);
    expect(child.hasExited()).toBe(false);
    child.child.kill("SIGTERM");
    expect(await child.exited).toEqual({ code: 0, signal: null });
    expect(child.output()).not.toMatch(/Unhandled|unexpected error/);
    if (process.env.SHOW_WORKER_OUTPUT) console.log(child.output());
  }, 180_000);
});
