// The background jobs (prisma_ai.* tasks on Graphile Worker) against a loopback OpenAI-compatible server in a
// worker thread, on a fresh database each:
// - backfill-throughput: 10,000 existing rows backfilled (prisma_ai.backfill -> embed jobs, 100 rows a request), server
//   at 100 ms per request, batch 100, worker concurrency 4, vs the bound ceil(10000/100) * 100 ms / 4.
// - write-to-searchable: from `prisma.product.create` resolving (committed) to the row being returned by the
//   search statement, server at 20 ms; p50 and p95 over sequential writes, vs embedding inline in the writer.
// - naive-vs-batched: 500 existing rows embedded by the worker (batched) vs a loop embedding one row per request.
import { readFileSync } from "node:fs";
import { PrismaPg } from "@prisma/adapter-pg";
import { runMigrations } from "graphile-worker";
import pg from "pg";
import { embedRecords } from "../../src/engine/embed-records.js";
import { poolExecutor } from "../../src/engine/pg-executor.js";
import { defaultBatchWaitMs } from "../../src/jobs/task-options.js";
import { createAI, type AI } from "../../src/ai/create-ai.js";
import type { AISchema } from "../../src/schema/ai-schema.js";
import { buildMigrationSql } from "../../src/sql/migration-script.js";
import { buildSearchQuery } from "../../src/sql/search-query.js";
import { runAIWorker, type AIWorker } from "../../src/worker.js";
import { PrismaClient } from "../../test/generated/prisma/client.js";
import { projectAISchema } from "../../test/support/project-ai-schema.js";
import { freshDatabase } from "../support/database.js";
import { startLoopbackWorker, type LoopbackWorker } from "../support/loopback-worker.js";
import { median, percentile, round, type Scenario } from "../support/measure.js";

const dimensions = 4;

/** The project's schema with its embeddings on the bench server (`bench:embed`, 4 dimensions). */
const benchSchema: AISchema = {
  ...projectAISchema,
  models: Object.fromEntries(
    Object.entries(projectAISchema.models).map(([name, model]) => [
      name,
      { ...model, embedded: model.embedded.map((field) => ({ ...field, model: "bench:embed", dimensions })), generated: [] },
    ]),
  ),
};
const product = benchSchema.models.Product!;

interface BenchDatabase {
  url: string;
  pool: pg.Pool;
}

async function prepareDatabase(name: string): Promise<BenchDatabase> {
  const url = await freshDatabase(name);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  await pool.query("create extension if not exists vector");
  await pool.query(readFileSync("prisma/migrations/0001_init/migration.sql", "utf8"));
  await runMigrations({ connectionString: url });
  await pool.query(buildMigrationSql(benchSchema, { triggers: true, generatedBy: "bench" }));
  return { url, pool };
}

/** `count` products that existed before prisma-ai (inserted with the trigger off: no jobs). */
async function insertExistingProducts(pool: pg.Pool, count: number): Promise<void> {
  await pool.query("truncate products cascade");
  await pool.query("delete from graphile_worker._private_jobs");
  await pool.query("alter table products disable trigger prisma_ai_enqueue");
  await pool.query("insert into products (id, name, description, price) select gen_random_uuid(), 'p' || i, 'existing product number ' || i, 1 from generate_series(1, $1::int) as i", [count]);
  await pool.query("alter table products enable trigger prisma_ai_enqueue");
  await pool.query("vacuum analyze products");
}

async function embeddedCount(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ count: number }>("select count(*)::int as count from prisma_ai.products_embeddings");
  return rows[0]!.count;
}

async function until(check: () => Promise<boolean>, intervalMs: number, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("bench: timed out waiting for the worker");
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

function benchAI(server: LoopbackWorker): AI {
  return createAI({ providers: { bench: { driver: "openai-compatible", baseURL: `${server.url}/v1`, maxEmbeddingsPerCall: 100, maxRetries: 0 } }, embedConcurrency: 1 });
}

async function startWorker(database: BenchDatabase, ai: AI, options: { concurrency: number; batchSize?: number; backfillPageSize?: number }): Promise<AIWorker> {
  return runAIWorker({
    connectionString: database.url,
    ai,
    schema: benchSchema,
    concurrency: options.concurrency,
    batchSize: options.batchSize ?? 100,
    backfillPageSize: options.backfillPageSize ?? 1_000,
    handleSignals: false,
    logger: { error: (message) => console.error(message) },
  });
}

/** Wall time from enqueueing a backfill of `rows` existing rows to every row embedded. */
async function timedBackfill(database: BenchDatabase, worker: AIWorker, rows: number): Promise<number> {
  await insertExistingProducts(database.pool, rows);
  const start = performance.now();
  await worker.runner.addJob("prisma_ai.backfill", { model: "Product" });
  await until(async () => (await embeddedCount(database.pool)) === rows, 25);
  return performance.now() - start;
}

const backfillRows = 10_000;
const backfillLatencyMs = 100;
const backfillConcurrency = 4;

export const backfillThroughput: Scenario = {
  name: "backfill-throughput",
  goal: "ratio <= 1.25 (vs provider-latency bound)",
  async run() {
    const server = await startLoopbackWorker({ kind: "embeddings", dimensions, latencyMs: backfillLatencyMs });
    const database = await prepareDatabase("prisma_ai_bench_backfill");
    const worker = await startWorker(database, benchAI(server), { concurrency: backfillConcurrency });
    const bound = (Math.ceil(backfillRows / 100) * backfillLatencyMs) / backfillConcurrency;
    try {
      await timedBackfill(database, worker, 1_000); // warm-up
      const times: number[] = [];
      let requests = 0;
      for (let round = 0; round < 3; round++) {
        server.resetCount();
        times.push(await timedBackfill(database, worker, backfillRows));
        requests = await server.count();
      }
      if (requests !== backfillRows / 100) throw new Error(`backfill-throughput: ${requests} requests, expected ${backfillRows / 100}`);
      // Context: the same backfill without the HNSW index, i.e. what the vector index inserts cost.
      await database.pool.query("drop index prisma_ai.products_embeddings_description_hnsw");
      const withoutIndex = await timedBackfill(database, worker, backfillRows);
      const ours = median(times);
      return {
        ours_ms: round(ours),
        baseline_ms: round(bound),
        ratio: round(ours / bound),
        requests,
        no_index_ms: round(withoutIndex),
        no_index_ratio: round(withoutIndex / bound),
        notes: `${backfillRows} existing rows, prisma_ai.backfill pages of 1000 -> embed jobs of 500 rows, whose rows the worker's batcher sends 100 per request (4 in flight; writes overlap the next requests), server ${backfillLatencyMs} ms/request, worker concurrency ${backfillConcurrency}; baseline = bound ceil(${backfillRows}/100)*${backfillLatencyMs}ms/${backfillConcurrency}; median of 3 runs; no_index_* = one run with the HNSW index dropped (the vector index inserts are the database's share)`,
      };
    } finally {
      await worker.stop();
      await database.pool.end();
      await server.close();
    }
  },
};

const latencySamples = 60;
const searchLatencyMs = 20;

export const writeToSearchable: Scenario = {
  name: "write-to-searchable",
  goal: "p50 (ours_ms) <= 60 ms",
  async run() {
    const server = await startLoopbackWorker({ kind: "embeddings", dimensions, latencyMs: searchLatencyMs });
    const database = await prepareDatabase("prisma_ai_bench_searchable");
    const ai = benchAI(server);
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url, max: 2 }) });
    const searchPool = new pg.Pool({ connectionString: database.url, max: 1 });
    const searchable = async (id: string): Promise<boolean> => {
      const statement = buildSearchQuery({ schema: benchSchema, model: product, fields: product.embedded, vectors: { description: [0.1, 0.2, 0.3, 0.4] }, filter: { kind: "compare", field: "id", operator: "=", value: id }, take: 1 });
      return (await searchPool.query({ text: statement.text, values: [...statement.values] })).rows.length === 1;
    };
    const waitSearchable = async (id: string) => {
      while (!(await searchable(id))) await new Promise((resolve) => setTimeout(resolve, 1));
    };
    let worker: AIWorker | undefined;
    try {
      await insertExistingProducts(database.pool, 1_000);
      // Ours: the trigger enqueues the job in the write's transaction; the worker (LISTEN/NOTIFY) embeds it.
      worker = await startWorker(database, ai, { concurrency: 4 });
      const ours: number[] = [];
      for (let sample = -5; sample < latencySamples; sample++) {
        const created = await prisma.product.create({ data: { name: "new", description: `freshly written product ${sample}`, price: "1.00" }, select: { id: true } });
        const start = performance.now();
        await waitSearchable(created.id);
        if (sample >= 0) ours.push(performance.now() - start);
      }
      await worker.stop();
      worker = undefined;
      // Baseline: no queue; the writer embeds the row itself right after the write commits.
      await database.pool.query("alter table products disable trigger prisma_ai_enqueue");
      const inline: number[] = [];
      const executor = poolExecutor(database.pool);
      for (let sample = -5; sample < latencySamples; sample++) {
        const created = await prisma.product.create({ data: { name: "new", description: `inline product ${sample}`, price: "1.00" }, select: { id: true } });
        const start = performance.now();
        await embedRecords({ ai, database: executor, model: product, ids: [created.id] });
        await waitSearchable(created.id);
        if (sample >= 0) inline.push(performance.now() - start);
      }
      await database.pool.query("alter table products enable trigger prisma_ai_enqueue");
      const p50 = median(ours);
      const baseline = median(inline);
      return {
        ours_ms: round(p50),
        p95_ms: round(percentile(ours, 95)),
        baseline_ms: round(baseline),
        ratio: round(p50 / baseline),
        notes: `${latencySamples} sequential prisma.product.create, each timed from create resolving (committed) until the search statement returns the row; server ${searchLatencyMs} ms/request, worker concurrency 4 (LISTEN/NOTIFY pickup through Graphile Worker's local queue, then the batcher's ${defaultBatchWaitMs} ms wait for more rows); baseline = embedding inline in the writer after the commit (no queue), p50`,
      };
    } finally {
      await worker?.stop();
      await prisma.$disconnect();
      await searchPool.end();
      await database.pool.end();
      await server.close();
    }
  },
};

const naiveRows = 500;
const naiveLatencyMs = 20;

export const naiveVsBatched: Scenario = {
  name: "naive-vs-batched",
  goal: "ratio as low as possible (context: batching's gain)",
  async run() {
    const server = await startLoopbackWorker({ kind: "embeddings", dimensions, latencyMs: naiveLatencyMs });
    const database = await prepareDatabase("prisma_ai_bench_naive");
    const ai = benchAI(server);
    const worker = await startWorker(database, ai, { concurrency: 4 });
    try {
      await timedBackfill(database, worker, 200); // warm-up
      const ours: number[] = [];
      for (let round = 0; round < 3; round++) ours.push(await timedBackfill(database, worker, naiveRows));
      await worker.stop();
      // Baseline: a loop reading each row and embedding it with its own request, one after the other.
      await insertExistingProducts(database.pool, naiveRows);
      const executor = poolExecutor(database.pool);
      const ids = (await database.pool.query<{ id: string }>("select id::text from products order by id")).rows.map((row) => row.id);
      server.resetCount();
      const start = performance.now();
      for (const id of ids) await embedRecords({ ai, database: executor, model: product, ids: [id] });
      const baseline = performance.now() - start;
      const requests = await server.count();
      if (requests !== naiveRows || (await embeddedCount(database.pool)) !== naiveRows) throw new Error("naive-vs-batched: the loop did not embed every row");
      const batched = median(ours);
      return {
        ours_ms: round(batched),
        baseline_ms: round(baseline),
        ratio: round(batched / baseline),
        notes: `${naiveRows} existing rows, server ${naiveLatencyMs} ms/request; ours = prisma_ai.backfill on the worker (requests of 100 rows, concurrency 4, median of 3); baseline = one request per row in a loop (${requests} requests)`,
      };
    } finally {
      await worker.stop();
      await database.pool.end();
      await server.close();
    }
  },
};
