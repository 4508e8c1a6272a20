// prisma_ai.embed on real Postgres + Graphile Worker 0.17.3 + a loopback provider: writes through Prisma and raw
// SQL, one job per row (a burst of writes to a row collapses), batching across jobs, content hashes, edits during
// a running job, deletes, rollbacks, a burst of 1,000 creates, and texts over the input limit.
import type pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../generated/prisma/client.js";
import { type FakeProvider, fakeVector, type JobsHarness, md5, queuedJobs, storedEmbeddings, useJobsHarness, waitFor } from "./job-harness.js";

describe("prisma_ai.embed", () => {
  const harness = useJobsHarness();
  let pool: pg.Pool;
  let prisma: PrismaClient;
  let provider: FakeProvider;
  beforeAll(() => void ({ pool, prisma, provider } = harness));

  const start = (options?: Parameters<JobsHarness["startWorker"]>[0]) => harness.startWorker(options);

  const productEmbeddings = () => storedEmbeddings(pool, "products_embeddings");
  const articleEmbeddings = () => storedEmbeddings(pool, "articles_embeddings");

  it("embeds a row created through Prisma: vector from the provider, md5 content hash, one request", async () => {
    await start();
    const product = await prisma.product.create({ data: { name: "Lamp", description: "A warm reading lamp", price: "19.90" } });
    const [stored] = await waitFor(async () => {
      const rows = await productEmbeddings();
      return rows.length === 1 && rows;
    }, "the product's embedding");
    expect(stored).toMatchObject({ row_id: product.id, field: "description", chunk_index: 0, content_hash: md5("A warm reading lamp") });
    expect(stored!.embedding).toEqual(fakeVector("A warm reading lamp"));
    expect(provider.embeddingRequests.map((request) => request.inputs)).toEqual([["A warm reading lamp"]]);
    await waitFor(async () => (await queuedJobs(pool)).length === 0, "the job to complete");
  });

  it("re-embeds only the field an UPDATE changed, through raw SQL too; an unchanged or unrelated update enqueues nothing", async () => {
    await start();
    const article = await prisma.article.create({ data: { title: "First title", body: "short body" } });
    await waitFor(async () => (await articleEmbeddings()).length === 2, "both fields embedded");
    expect(provider.embeddingRequests.flatMap((request) => request.inputs).sort()).toEqual(["First title", "short body"]);
    await waitFor(async () => (await queuedJobs(pool)).filter((job) => job.task === "prisma_ai.embed").length === 0, "the embed job to complete");

    await pool.query("update articles set title = 'Second title' where id = $1", [article.id]);
    await waitFor(async () => (await articleEmbeddings()).some((row) => row.content_hash === md5("Second title")), "the new title embedded");
    expect(provider.embeddingRequests.at(-1)!.inputs).toEqual(["Second title"]);
    const rows = await articleEmbeddings();
    expect(rows.find((row) => row.field === "title")!.embedding).toEqual(fakeVector("Second title"));
    expect(rows.find((row) => row.field === "body")!.content_hash).toBe(md5("short body"));
    // The job writes the vector before Graphile Worker completes it: wait for that, so only new jobs remain below.
    await waitFor(async () => (await queuedJobs(pool)).filter((job) => job.task === "prisma_ai.embed").length === 0, "the embed job to complete");

    const requestsBefore = provider.embeddingRequests.length;
    await pool.query("update articles set title = 'Second title', views = views + 1 where id = $1", [article.id]);
    await prisma.article.update({ where: { id: article.id }, data: { published: true } });
    expect((await queuedJobs(pool)).filter((job) => job.task === "prisma_ai.embed")).toEqual([]);
    expect(provider.embeddingRequests.length).toBe(requestsBefore);
  });

  it("never re-embeds unchanged text, even when a job asks for it", async () => {
    const worker = await start();
    const product = await prisma.product.create({ data: { name: "Mug", description: "Stoneware mug", price: "8.00" } });
    await waitFor(async () => (await productEmbeddings()).length === 1, "the embedding");
    await waitFor(async () => (await queuedJobs(pool)).length === 0, "the queue to drain");
    const job = await worker.runner.addJob("prisma_ai.embed", [{ model: "Product", id: product.id }]);
    await waitFor(async () => !(await queuedJobs(pool)).some((queued) => queued.id === job.id), "the extra job to complete");
    expect(provider.embeddingRequests).toHaveLength(1);
  });

  it("a job for a deleted row is a no-op; deleting a row removes its embeddings (cascade)", async () => {
    const gone = await prisma.product.create({ data: { name: "Gone", description: "Deleted before the worker ran", price: "1.00" } });
    await prisma.product.delete({ where: { id: gone.id } });
    expect((await queuedJobs(pool)).map((job) => job.payload)).toEqual([{ model: "Product", id: gone.id }]);
    await start();
    await waitFor(async () => (await queuedJobs(pool)).length === 0, "the job to complete");
    expect(provider.embeddingRequests).toEqual([]);

    const kept = await prisma.product.create({ data: { name: "Kept", description: "Embedded then deleted", price: "2.00" } });
    await waitFor(async () => (await productEmbeddings()).length === 1, "the embedding");
    await pool.query("delete from products where id = $1", [kept.id]);
    expect(await productEmbeddings()).toEqual([]);
  });

  it("rolled-back transactions enqueue nothing and cause no provider request", async () => {
    await expect(
      prisma.$transaction(async (transaction) => {
        await transaction.product.create({ data: { name: "Ghost", description: "never committed", price: "3.00" } });
        await transaction.article.create({ data: { title: "Ghost", body: "never committed" } });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    const client = await pool.connect();
    try {
      await client.query("begin");
      await client.query("insert into products (id, name, description, price) values (gen_random_uuid(), 'Raw ghost', 'never committed either', 1)");
      await client.query("rollback");
    } finally {
      client.release();
    }
    expect(await queuedJobs(pool)).toEqual([]);
    await start();
    const product = await prisma.product.create({ data: { name: "Real", description: "committed", price: "4.00" } });
    await waitFor(async () => (await productEmbeddings()).length === 1, "the committed row embedded");
    expect(provider.embeddingRequests.map((request) => request.inputs)).toEqual([["committed"]]);
    expect((await productEmbeddings())[0]!.row_id).toBe(product.id);
  });

  it("an update storm on one row makes one job (the row's job key) and one request with the last text", async () => {
    const product = await prisma.product.create({ data: { name: "Storm", description: "version 0", price: "5.00" } });
    for (let version = 1; version <= 50; version++) {
      await pool.query("update products set description = $1 where id = $2", [`version ${version}`, product.id]);
    }
    const jobs = await queuedJobs(pool);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ task: "prisma_ai.embed", key: `prisma_ai.embed:Product:${product.id}`, payload: { model: "Product", id: product.id } });
    await start();
    await waitFor(async () => (await queuedJobs(pool)).length === 0, "the job to complete");
    expect(provider.embeddingRequests.map((request) => request.inputs)).toEqual([["version 50"]]);
    expect((await productEmbeddings())[0]!.content_hash).toBe(md5("version 50"));
  });

  it("a row edited while its job runs ends with the newer text embedded (the trigger enqueues a new job)", async () => {
    await start({ concurrency: 1 });
    const gate = provider.gate((inputs) => inputs.includes("old text"));
    const product = await prisma.product.create({ data: { name: "Edited", description: "old text", price: "6.00" } });
    await gate.arrived;
    await prisma.product.update({ where: { id: product.id }, data: { description: "new text" } });
    const jobs = await queuedJobs(pool);
    gate.open();
    // The running job lost its key; a new job holds it (the worker may already have taken it: it waits for the
    // request slot the held request occupies).
    expect(jobs.filter((job) => job.key === null && job.locked_at !== null)).toHaveLength(1);
    expect(jobs.filter((job) => job.key === `prisma_ai.embed:Product:${product.id}`)).toHaveLength(1);
    await waitFor(async () => (await queuedJobs(pool)).length === 0, "both jobs to complete");
    const [stored] = await productEmbeddings();
    expect(stored).toMatchObject({ content_hash: md5("new text"), embedding: fakeVector("new text") });
  });

  it("an older job finishing after a newer one never overwrites the newer vector (hash-guarded write)", async () => {
    await start({ concurrency: 2 });
    const gate = provider.gate((inputs) => inputs.includes("first draft"));
    const product = await prisma.product.create({ data: { name: "Race", description: "first draft", price: "7.00" } });
    await gate.arrived;
    await prisma.product.update({ where: { id: product.id }, data: { description: "final text" } });
    // The second job runs on the other slot and finishes while the first one is still waiting for the provider.
    await waitFor(async () => (await productEmbeddings()).some((row) => row.content_hash === md5("final text")), "the newer text embedded first");
    gate.open();
    await waitFor(async () => (await queuedJobs(pool)).length === 0, "the older job to complete");
    const rows = await productEmbeddings();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ content_hash: md5("final text"), embedding: fakeVector("final text") });
  });

  it("records a text over maxInputTokens as a failure on the row instead of cutting it, and embeds the rest", async () => {
    await start({ maxInputTokens: 10 });
    const long = Array.from({ length: 30 }, (_, index) => `word${index}`).join(" ");
    const [tooLong, fine] = await Promise.all([
      prisma.product.create({ data: { name: "Long", description: long, price: "1.00" } }),
      prisma.product.create({ data: { name: "Short", description: "short enough", price: "1.00" } }),
    ]);
    await waitFor(async () => (await queuedJobs(pool)).length === 0, "the jobs to complete");
    expect((await productEmbeddings()).map((row) => row.row_id)).toEqual([fine.id]);
    const { rows } = await pool.query("select model, row_id, field, kind, error, attempts from prisma_ai.failures");
    expect(rows).toEqual([{ model: "Product", row_id: tooLong.id, field: "description", kind: "embed", error: expect.stringMatching(/longer than|exceeds|limit/i), attempts: 1 }]);
    expect(provider.embeddingRequests.flatMap((request) => request.inputs)).not.toContain(long);
  });

  it("250 rows inserted before the worker starts: 250 jobs, batched across jobs into exactly ceil(250 / 100) = 3 requests (100, 100, 50)", async () => {
    await pool.query("insert into products (id, name, description, price) select gen_random_uuid(), 'p' || i, 'bulk product ' || i, 1 from generate_series(1, 250) as i");
    const jobs = await queuedJobs(pool);
    expect(jobs).toHaveLength(250);
    expect(new Set(jobs.map((job) => job.key)).size).toBe(250);
    // A generous wait, so the prediction holds on a loaded machine: full batches go at once, the rest after the wait.
    await start({ concurrency: 4, batchWaitMs: 500 });
    await waitFor(async () => (await queuedJobs(pool)).length === 0, "the jobs to complete");
    expect(await countEmbedded(pool)).toBe(250);
    expect(provider.embeddingRequests.map((request) => request.inputs.length)).toEqual([100, 100, 50]);
  });

  it("an update racing a worker that locks the row's job still enqueues the row (graphile/worker#580: the trigger calls add_job again)", async () => {
    const product = await prisma.product.create({ data: { name: "Raced", description: "first text", price: "1.00" } });
    const [job] = await queuedJobs(pool);
    const lockingWorker = await pool.connect();
    const writer = await pool.connect();
    try {
      // A worker is locking the job (its transaction not committed yet) while the update's add_job runs.
      await lockingWorker.query("begin");
      await lockingWorker.query("update graphile_worker._private_jobs set locked_at = now(), locked_by = 'racing-worker', attempts = attempts + 1 where id = $1", [job!.id]);
      await writer.query("begin");
      const update = writer.query("update products set description = 'second text' where id = $1", [product.id]);
      await waitFor(async () => {
        const { rows } = await pool.query("select count(*)::int as waiting from pg_locks where not granted");
        return rows[0].waiting > 0;
      }, "the update's add_job to wait for the job row");
      await lockingWorker.query("commit");
      await update;
      await writer.query("commit");
      const queued = await queuedJobs(pool);
      // Without the retry, add_job's ON CONFLICT ... WHERE locked_at IS NULL matched nothing: no job for the newer text.
      expect(queued.map((candidate) => candidate.payload)).toEqual([{ model: "Product", id: product.id }, { model: "Product", id: product.id }]);
      expect(queued[0]).toMatchObject({ key: null, locked_at: expect.any(Date) });
      expect(queued[1]).toMatchObject({ key: `prisma_ai.embed:Product:${product.id}`, locked_at: null });
    } finally {
      await writer.query("rollback").catch(() => undefined);
      lockingWorker.release();
      writer.release();
    }
  });

  it("1,000 concurrent creates while the worker runs: 1,000 rows embedded, each text sent once, jobs share requests of at most 100 rows", async () => {
    // A 50 ms wait (default 5): each wave of 25 creates meets in the batcher even on a loaded machine.
    const started = await start({ concurrency: 4, batchWaitMs: 50 });
    let embedJobs = 0;
    started.events.on("job:start", ({ job }) => {
      if (job.task_identifier === "prisma_ai.embed") embedJobs++;
    });
    provider.setLatency(5);
    await createProducts(prisma, 1_000, "during");
    await waitFor(async () => (await countEmbedded(pool)) === 1_000 && (await queuedJobs(pool)).length === 0, "1,000 embedded rows", 100_000);
    const inputs = provider.embeddingRequests.flatMap((request) => request.inputs);
    expect(inputs).toHaveLength(1_000);
    expect(new Set(inputs).size).toBe(1_000);
    expect(embedJobs).toBe(1_000);
    expect(Math.max(...provider.embeddingRequests.map((request) => request.inputs.length))).toBeLessThanOrEqual(100);
    // The creates come 25 at a time: their jobs meet in the batcher, so there are far fewer requests than jobs.
    expect(provider.embeddingRequests.length).toBeLessThanOrEqual(1_000 / 5);
  }, 120_000);
});

/** Creates `count` products, 25 concurrent Prisma creates at a time. */
async function createProducts(prisma: PrismaClient, count: number, label: string): Promise<void> {
  for (let start = 0; start < count; start += 25) {
    await Promise.all(
      Array.from({ length: Math.min(25, count - start) }, (_, offset) =>
        prisma.product.create({ data: { name: `${label} ${start + offset}`, description: `${label} product number ${start + offset}`, price: "1.00" } }),
      ),
    );
  }
}

async function countEmbedded(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ count: number }>("select count(distinct row_id)::int as count from prisma_ai.products_embeddings");
  return rows[0]!.count;
}
