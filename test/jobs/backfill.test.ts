// Backfill of rows written before the triggers existed: prisma_ai.backfill jobs page through the table and hand
// each page to embed jobs (several workers share them), resumable from `after`; backfillInProcess does the
// same in the calling process, with progress, stoppable and resumable, recording provider failures.
import type pg from "pg";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { backfillInProcess } from "../../src/engine/backfill.js";
import { poolExecutor } from "../../src/engine/pg-executor.js";
import type { AI } from "../../src/ai/create-ai.js";
import { type FakeProvider, jobsSchema, queuedJobs, storedEmbeddings, useJobsHarness, waitFor } from "./job-harness.js";

describe("backfill", () => {
  const harness = useJobsHarness();
  let pool: pg.Pool;
  let provider: FakeProvider;
  let ai: AI;
  beforeAll(() => void ({ pool, provider, ai } = harness));

  beforeEach(async () => {
    // 25 articles written before prisma-ai was set up: no trigger, no job.
    await pool.query("alter table articles disable trigger prisma_ai_enqueue");
    await pool.query("insert into articles (title, body) select 'title ' || i, 'body ' || i from generate_series(1, 25) as i");
    await pool.query("alter table articles enable trigger prisma_ai_enqueue");
  });

  const embeddedIds = async (field: string) => [...new Set((await storedEmbeddings(pool, "articles_embeddings")).filter((row) => row.field === field).map((row) => Number(row.row_id)))].sort((a, b) => a - b);
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

  it("prisma_ai.backfill pages through the model (one job per page) and hands each page to embed jobs of batchSize rows", async () => {
    const worker = await harness.startWorker({ backfillPageSize: 10, batchSize: 4, concurrency: 2 });
    let backfillJobs = 0;
    worker.events.on("job:start", ({ job }) => void (job.task_identifier === "prisma_ai.backfill" && backfillJobs++));
    await worker.runner.addJob("prisma_ai.backfill", { model: "Article" });
    await waitFor(async () => (await embeddedIds("body")).length === 25 && (await queuedJobs(pool)).length === 0, "every article embedded");
    expect(await embeddedIds("title")).toEqual(range(1, 25));
    // Pages of 10, 10 and 5 rows: three backfill jobs (the third finds a short page and ends the chain).
    expect(backfillJobs).toBe(3);
    // Pages of 10 rows make embed jobs of 4, 4 and 2 rows (5 rows: 4 and 1); each job sends its rows' texts
    // (title + one-chunk body) in one request.
    expect(provider.embeddingRequests.map((request) => request.inputs.length).sort((a, b) => b - a)).toEqual([8, 8, 8, 8, 8, 4, 4, 2]);
  });

  it("resumes after `after`, and only picks rows that still need work (one field, when given)", async () => {
    const worker = await harness.startWorker({ backfillPageSize: 10, batchSize: 5 });
    await worker.runner.addJob("prisma_ai.backfill", { model: "Article", field: "title", after: "20" });
    await waitFor(async () => (await queuedJobs(pool)).length === 0 && (await embeddedIds("title")).length === 5, "rows 21-25 embedded");
    expect(await embeddedIds("title")).toEqual(range(21, 25));
    expect(await embeddedIds("body")).toEqual([]);
    const before = provider.embeddingRequests.length;
    await worker.runner.addJob("prisma_ai.backfill", { model: "Article", field: "title" });
    await waitFor(async () => (await queuedJobs(pool)).length === 0 && (await embeddedIds("title")).length === 25, "the other titles embedded");
    expect(provider.embeddingRequests.slice(before).flatMap((request) => request.inputs)).toHaveLength(20);
  });

  it("backfillInProcess: reports progress, stops when asked, and a second run continues with the rows left", async () => {
    const database_ = poolExecutor(pool);
    const model = jobsSchema.models.Article!;
    const stop = new AbortController();
    const progress: number[] = [];
    const first = await backfillInProcess({
      ai,
      database: database_,
      model,
      batchSize: 10,
      signal: stop.signal,
      onProgress: ({ done, total }) => {
        progress.push(done);
        expect(total).toBe(25);
        if (done >= 10) stop.abort();
      },
    });
    expect(first).toMatchObject({ done: 10, total: 25, failed: 0, lastId: "10", stopped: true });
    expect(progress).toEqual([10]);
    const second = await backfillInProcess({ ai, database: database_, model, batchSize: 10 });
    expect(second).toMatchObject({ done: 15, total: 15, failed: 0, lastId: "25", stopped: false });
    expect(await embeddedIds("body")).toEqual(range(1, 25));
    expect(provider.embeddingRequests.map((request) => request.inputs.length)).toEqual([20, 20, 10]);
  });

  it("backfillInProcess records a batch the provider rejects and goes on with the next", async () => {
    provider.failNextEmbeddings(1, 500);
    const summary = await backfillInProcess({ ai, database: poolExecutor(pool), model: jobsSchema.models.Article!, batchSize: 10, field: "title" });
    expect(summary).toMatchObject({ done: 25, total: 25, failed: 10 });
    const { rows } = await pool.query("select row_id from prisma_ai.failures where model = 'Article' and field = 'title' order by row_id::int");
    expect(rows.map((row) => Number(row.row_id))).toEqual(range(1, 10));
    expect(await embeddedIds("title")).toEqual(range(11, 25));
  });
});
