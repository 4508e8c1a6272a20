// Failure handling of the embed job: provider errors retried with Graphile Worker's backoff (skipped here by
// moving run_at, as if time had passed), the last attempt recorded in prisma_ai.failures, retry-failed putting
// the work back, a failed batch retried per job, an array job retrying only its failed rows, and a failing job
// whose key a newer write took over (Graphile Worker gives it attempts = max_attempts) completing quietly.
import type pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { readStatus } from "../../src/engine/status.js";
import { retryFailed } from "../../src/engine/retry-failed.js";
import { poolExecutor } from "../../src/engine/pg-executor.js";
import type { PrismaClient } from "../generated/prisma/client.js";
import { type FakeProvider, fakeVector, jobsSchema, md5, queuedJobs, skipBackoff, storedEmbeddings, useJobsHarness, waitFor } from "./job-harness.js";

describe("embed job failures", () => {
  const harness = useJobsHarness();
  let pool: pg.Pool;
  let prisma: PrismaClient;
  let provider: FakeProvider;
  beforeAll(() => void ({ pool, prisma, provider } = harness));

  const descriptionsOf = async (ids: string[]) =>
    (await pool.query<{ description: string }>("select description from products where id = any($1::uuid[])", [ids])).rows.map((row) => row.description);
  const failures = async () =>
    (await pool.query("select model, row_id, field, kind, error, attempts from prisma_ai.failures order by row_id, field")).rows as Array<Record<string, unknown>>;

  it("a provider failing 3 times then succeeding: retried with backoff (attempts 1-3 fail), the 4th attempt embeds, nothing recorded", async () => {
    provider.failNextEmbeddings(3, 500);
    await harness.startWorker();
    const product = await prisma.product.create({ data: { name: "Retry", description: "flaky provider", price: "1.00" } });
    const seenAttempts: number[] = [];
    await waitFor(async () => {
      const [job] = await queuedJobs(pool);
      if (job && job.locked_at === null && job.attempts > 0) {
        // Waiting for its backoff: the error is recorded on the job, and run_at lies in the future.
        expect(job.last_error).toMatch(/fake provider failure/);
        if (!seenAttempts.includes(job.attempts)) seenAttempts.push(job.attempts);
        await skipBackoff(pool);
      }
      return (await storedEmbeddings(pool, "products_embeddings")).length === 1;
    }, "the 4th attempt to embed");
    expect(seenAttempts).toEqual([1, 2, 3]);
    expect(provider.embeddingRequests).toHaveLength(4);
    const [stored] = await storedEmbeddings(pool, "products_embeddings");
    expect(stored).toMatchObject({ row_id: product.id, content_hash: md5("flaky provider"), embedding: fakeVector("flaky provider") });
    await waitFor(async () => (await queuedJobs(pool)).length === 0, "the job to complete");
    expect(await failures()).toEqual([]);
  });

  it("backoff is Graphile Worker's: a failed attempt is due e^attempts seconds later", async () => {
    provider.failNextEmbeddings(1, 500);
    await harness.startWorker();
    await prisma.product.create({ data: { name: "Backoff", description: "waits", price: "1.00" } });
    const job = await waitFor(async () => (await queuedJobs(pool)).find((candidate) => candidate.attempts === 1 && candidate.locked_at === null), "the first failure");
    const { rows } = await pool.query<{ delay: number }>("select extract(epoch from run_at - updated_at)::float8 as delay from graphile_worker._private_jobs where id = $1", [job.id]);
    expect(rows[0]!.delay).toBeGreaterThan(Math.E - 0.5);
    expect(rows[0]!.delay).toBeLessThan(Math.E + 0.5);
  });

  it("a provider down for good: after the last attempt the rows are failed (status shows them); retry-failed recovers them once it is back", async () => {
    provider.goDown();
    await harness.startWorker();
    const products = await Promise.all(
      ["alpha", "beta", "gamma"].map((name) => prisma.product.create({ data: { name, description: `${name} description`, price: "1.00" } })),
    );
    await waitFor(async () => {
      await skipBackoff(pool);
      const jobs = await queuedJobs(pool);
      return jobs.length === 0;
    }, "the jobs to use up their 10 attempts", 60_000);
    const recorded = await failures();
    expect(recorded.map((row) => row.row_id).sort()).toEqual(products.map((product) => product.id).sort());
    for (const row of recorded) expect(row).toMatchObject({ model: "Product", field: "description", kind: "embed", attempts: 10, error: expect.stringContaining("fake provider is down") });

    const executor = poolExecutor(pool);
    const status = await readStatus(executor, jobsSchema, { models: ["Product"] });
    expect(status.fields).toEqual([{ model: "Product", field: "description", rows: 3, embedded: 0, pending: 0, failed: 3, stale: 0 }]);

    provider.recover();
    expect(await retryFailed(executor, jobsSchema)).toEqual({ embed: 3, generate: 0, dropped: 0, deadJobs: 0, releasedJobs: 0 });
    await waitFor(async () => (await storedEmbeddings(pool, "products_embeddings")).length === 3, "the recovered rows embedded");
    await waitFor(async () => (await queuedJobs(pool)).length === 0, "the job to complete");
    expect(await failures()).toEqual([]);
    expect((await readStatus(executor, jobsSchema, { models: ["Product"] })).fields[0]).toMatchObject({ embedded: 3, failed: 0, pending: 0 });
  });

  it("rows sent together fail together, and each row's job is retried on its own, with its attempt count and backoff", async () => {
    await Promise.all(["one", "two", "three", "four"].map((name) => prisma.product.create({ data: { name, description: `text ${name}`, price: "1.00" } })));
    provider.failNextEmbeddings(1, 500);
    await harness.startWorker({ batchSize: 2, concurrency: 1 });
    const retrying = await waitFor(async () => {
      const jobs = await queuedJobs(pool);
      return jobs.length === 2 && jobs.every((job) => job.attempts === 1 && job.locked_at === null) && jobs;
    }, "the failed batch's two jobs waiting for their retry");
    expect(retrying.map((job) => job.last_error)).toEqual([expect.stringContaining("fake provider failure"), expect.stringContaining("fake provider failure")]);
    const failed = retrying.map((job) => (job.payload as { id: string }).id).sort();
    expect([...provider.embeddingRequests[0]!.inputs].sort()).toEqual((await descriptionsOf(failed)).sort());
    expect((await storedEmbeddings(pool, "products_embeddings")).map((row) => row.row_id).every((id) => !failed.includes(id))).toBe(true);
    await skipBackoff(pool);
    await waitFor(async () => (await storedEmbeddings(pool, "products_embeddings")).length === 4, "all four embedded");
    expect(provider.embeddingRequests.map((request) => request.inputs.length)).toEqual([2, 2, 2]);
  });

  it("an array job (backfill) with a partial failure keeps only its failed rows for the retry", async () => {
    await Promise.all(["one", "two", "three", "four"].map((name) => prisma.product.create({ data: { name, description: `text ${name}`, price: "1.00" } })));
    const payload = (await queuedJobs(pool)).map((job) => job.payload as { model: string; id: string });
    await pool.query("delete from graphile_worker._private_jobs");
    await pool.query("select graphile_worker.add_job('prisma_ai.embed', $1::json)", [JSON.stringify(payload)]);
    provider.failNextEmbeddings(1, 500);
    await harness.startWorker({ batchSize: 2, concurrency: 1 });
    const afterFailure = await waitFor(async () => {
      const jobs = await queuedJobs(pool);
      return jobs.length === 1 && jobs[0]!.attempts === 1 && jobs[0]!.locked_at === null && jobs[0];
    }, "the partial failure");
    // The first batch (first two rows) failed, the second was embedded: the job now holds only the first two.
    expect(afterFailure).toMatchObject({ key: null, last_error: expect.stringContaining("fake provider failure") });
    expect(afterFailure.payload).toEqual(payload.slice(0, 2));
    expect((await storedEmbeddings(pool, "products_embeddings")).map((row) => row.row_id).sort()).toEqual(payload.slice(2).map((entry) => entry.id).sort());
    await skipBackoff(pool);
    await waitFor(async () => (await storedEmbeddings(pool, "products_embeddings")).length === 4, "all four embedded");
    expect(provider.embeddingRequests.map((request) => request.inputs.length)).toEqual([2, 2, 2]);
  });

  it("a failing job whose row a newer write enqueued again (Graphile Worker took its key) completes; the newer job embeds the newer text", async () => {
    await harness.startWorker({ concurrency: 1 });
    const gate = provider.gate((inputs) => inputs.includes("first text"));
    const product = await prisma.product.create({ data: { name: "Edited", description: "first text", price: "1.00" } });
    await gate.arrived;
    await prisma.product.update({ where: { id: product.id }, data: { description: "second text" } });
    // Graphile Worker: the running job lost its key and got attempts = max_attempts; a new job holds the key.
    const running = (await queuedJobs(pool)).find((job) => job.locked_at !== null)!;
    expect(running).toMatchObject({ key: null, attempts: running.max_attempts });
    provider.failNextEmbeddings(1, 500);
    gate.open();
    await waitFor(async () => (await queuedJobs(pool)).length === 0, "no job left behind (none dead either)");
    expect(await storedEmbeddings(pool, "products_embeddings")).toMatchObject([{ row_id: product.id, content_hash: md5("second text") }]);
    expect(await failures()).toEqual([]);
  });

  it("retry-failed gives fresh attempts to a job left past its last attempt (a worker killed during that attempt)", async () => {
    const product = await prisma.product.create({ data: { name: "Dead", description: "left behind", price: "1.00" } });
    // What a kill -9 during the 10th attempt leaves once the lock expired: attempts = max_attempts, unlocked.
    await pool.query("update graphile_worker._private_jobs set attempts = max_attempts, last_error = 'worker died'");
    await harness.startWorker();
    const executor = poolExecutor(pool);
    expect((await readStatus(executor, jobsSchema, { models: ["Product"] })).queue[0]).toMatchObject({ jobs: 0, deadJobs: 1 });
    expect(await retryFailed(executor, jobsSchema)).toEqual({ embed: 0, generate: 0, dropped: 0, deadJobs: 1, releasedJobs: 0 });
    await waitFor(async () => (await storedEmbeddings(pool, "products_embeddings")).length === 1, "the revived job to embed the row");
    expect((await storedEmbeddings(pool, "products_embeddings"))[0]!.row_id).toBe(product.id);
  });

  it("a text the model rejects as too long is found by halving the batch and recorded at once; the other rows are embedded", async () => {
    provider.rejectAsTooLong((text) => text.startsWith("TOO LONG"));
    await pool.query(
      "insert into products (id, name, description, price) values (gen_random_uuid(), 'a', 'fine a', 1), (gen_random_uuid(), 'b', 'fine b', 1), (gen_random_uuid(), 'c', 'TOO LONG c', 1), (gen_random_uuid(), 'd', 'fine d', 1)",
    );
    await harness.startWorker();
    await waitFor(async () => (await queuedJobs(pool)).length === 0, "the job to complete");
    expect((await storedEmbeddings(pool, "products_embeddings")).length).toBe(3);
    const recorded = await failures();
    expect(recorded).toEqual([{ model: "Product", row_id: expect.any(String), field: "description", kind: "embed", error: expect.stringContaining("maximum context length"), attempts: 1 }]);
    const { rows } = await pool.query("select description from products where id = $1", [recorded[0]!.row_id]);
    expect(rows[0].description).toBe("TOO LONG c");
    // The four jobs meet in one batch: [a b c d] fails, [a b] ok, [c d] fails, [c] fails (recorded), [d] ok: no retry.
    expect(provider.embeddingRequests.map((request) => request.inputs.length).sort()).toEqual([1, 1, 2, 2, 4]);
  });
});
