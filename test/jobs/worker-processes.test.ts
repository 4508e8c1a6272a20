// `prisma-ai worker` as real processes (node --import tsx src/cli/bin.ts worker): SIGTERM lets the running job
// finish; kill -9 mid-batch loses nothing (the job runs again once its lock has expired); two processes share
// the work with each text embedded once.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AIWorker } from "../../src/worker.js";
import { useTestDatabase } from "../support/test-database.js";
import { fakeAI, installJobsSchema, md5, queuedJobs, resetData, startFakeProvider, startTestWorker, storedEmbeddings, waitFor, type FakeProvider, type Gate } from "./job-harness.js";

const root = fileURLToPath(new URL("../../", import.meta.url));

interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

describe("worker processes", () => {
  const database = useTestDatabase();
  let pool: pg.Pool;
  let provider: FakeProvider;
  const processes: WorkerProcess[] = [];
  const gates: Gate[] = [];
  let worker: AIWorker | undefined;

  beforeAll(async () => {
    pool = database().pool;
    await installJobsSchema(database().url, pool);
    provider = await startFakeProvider();
  });

  afterAll(async () => {
    await provider?.close();
  });

  beforeEach(async () => {
    await resetData(pool);
    provider.reset();
  });

  afterEach(async () => {
    for (const gate of gates.splice(0)) gate.open();
    for (const process_ of processes.splice(0)) {
      if (process_.child.exitCode === null && process_.child.signalCode === null) process_.child.kill("SIGKILL");
      await process_.exited;
    }
    await worker?.stop();
    worker = undefined;
  });

  /** Starts `prisma-ai worker` in a child process, sending `apiKey` (so requests tell which process sent them). */
  async function startWorkerProcess(apiKey: string, options: { concurrency?: number; jobConcurrency?: number } = {}): Promise<WorkerProcess> {
    const providers = { fake: { driver: "openai-compatible", baseURL: provider.baseURL, apiKey, maxRetries: 0, maxEmbeddingsPerCall: 100 } };
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "src/cli/bin.ts", "worker", "--schema-module", "test/jobs/fixtures/jobs-schema.ts", "--concurrency", String(options.concurrency ?? 1), ...(options.jobConcurrency ? ["--job-concurrency", String(options.jobConcurrency)] : []), "--poll-interval", "100"],
      { cwd: root, env: { ...process.env, DATABASE_URL: database().url, PRISMA_AI_PROVIDERS: JSON.stringify(providers) }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
    const started: WorkerProcess = { child, output: () => output, exited };
    processes.push(started);
    await waitFor(() => output.includes("prisma-ai worker: running") || (child.exitCode !== null && Promise.reject(new Error(`worker exited: ${output}`))), "the worker process to start", 30_000);
    return started;
  }

  const hold = (predicate: (inputs: string[]) => boolean) => {
    const gate = provider.gate(predicate);
    gates.push(gate);
    return gate;
  };

  it("SIGTERM stops gracefully: the running job finishes, then the process exits 0", async () => {
    const child = await startWorkerProcess("graceful");
    const gate = hold((inputs) => inputs.includes("in flight at shutdown"));
    await pool.query("insert into products (id, name, description, price) values (gen_random_uuid(), 'Graceful', 'in flight at shutdown', 1)");
    await gate.arrived;
    child.child.kill("SIGTERM");
    await waitFor(() => child.output().includes("SIGTERM received"), "the worker to acknowledge SIGTERM");
    gate.open();
    expect(await child.exited).toEqual({ code: 0, signal: null });
    expect(child.output()).toContain("prisma-ai worker: stopped.");
    expect((await storedEmbeddings(pool, "products_embeddings")).map((row) => row.content_hash)).toEqual([md5("in flight at shutdown")]);
    expect(await queuedJobs(pool)).toEqual([]);
  }, 60_000);

  it("kill -9 mid-batch loses nothing: once the locks have expired, the jobs run again and embed every row", async () => {
    const victim = await startWorkerProcess("victim");
    const gate = hold((inputs) => inputs.length === 3);
    await pool.query("insert into products (id, name, description, price) select gen_random_uuid(), 'p' || i, 'killed batch ' || i, 1 from generate_series(1, 3) as i");
    await gate.arrived;
    victim.child.kill("SIGKILL");
    expect(await victim.exited).toEqual({ code: null, signal: "SIGKILL" });
    // One job per row, all three locked by the dead worker (their rows were in the batch it was sending).
    const locked = await queuedJobs(pool);
    expect(locked).toEqual([1, 2, 3].map(() => expect.objectContaining({ attempts: 1, locked_at: expect.any(Date) })));
    expect(await storedEmbeddings(pool, "products_embeddings")).toEqual([]);

    // Graphile Worker frees a lock older than 4 hours (its stale-lock sweep, every 8-10 minutes by default).
    // Make this lock 4 hours old, and let the new worker sweep every 200 ms, so the recovery is observable here.
    await pool.query("update graphile_worker._private_jobs set locked_at = now() - interval '4 hours 1 minute'");
    worker = await startTestWorker(database().url, fakeAI(provider), { resetLockedIntervalMs: 200 });
    await waitFor(async () => (await storedEmbeddings(pool, "products_embeddings")).length === 3, "the three rows embedded after the lock expired");
    await waitFor(async () => (await queuedJobs(pool)).length === 0, "the jobs to complete");
    expect(provider.embeddingRequests.map((request) => request.inputs.length)).toEqual([3, 3]);
  }, 60_000);

  it("two worker processes share the work: both take jobs, every text is embedded exactly once", async () => {
    // One job at a time per process (by default a process holds many, to batch them): while the first job is held
    // at the provider, the next write's job can only be taken by the other process.
    await startWorkerProcess("worker-a", { jobConcurrency: 1 });
    await startWorkerProcess("worker-b", { jobConcurrency: 1 });
    const gate = hold((inputs) => inputs.includes("first write"));
    await pool.query("insert into products (id, name, description, price) values (gen_random_uuid(), 'First', 'first write', 1)");
    await gate.arrived;
    await pool.query("insert into products (id, name, description, price) values (gen_random_uuid(), 'Second', 'second write', 1)");
    await waitFor(() => provider.embeddingRequests.some((request) => request.inputs.includes("second write")), "the other process to take the second job");
    gate.open();
    for (let batch = 0; batch < 20; batch++) {
      await pool.query("insert into products (id, name, description, price) select gen_random_uuid(), 'n', 'burst ' || $1::int || '-' || i, 1 from generate_series(1, 10) as i", [batch]);
    }
    await waitFor(async () => (await storedEmbeddings(pool, "products_embeddings")).length === 202 && (await queuedJobs(pool)).length === 0, "202 rows embedded", 60_000);
    const inputs = provider.embeddingRequests.flatMap((request) => request.inputs);
    expect(inputs).toHaveLength(202);
    expect(new Set(inputs).size).toBe(202);
    expect(new Set(provider.embeddingRequests.map((request) => request.authorization))).toEqual(new Set(["Bearer worker-a", "Bearer worker-b"]));
  }, 90_000);
});
