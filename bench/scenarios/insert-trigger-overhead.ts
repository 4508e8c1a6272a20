// insert-trigger-overhead: what the enqueue triggers cost a write. 10,000 single-row inserts into the annotated
// `articles` table (two embedded fields and one generated field: each insert enqueues the row's embed job and
// its generate job, in the same transaction) vs the same table without triggers, each in its own fresh database.
//
// A worker is modelled as taking the queued jobs after every 100 inserts (outside the timed part). The
// `no_worker_*` figures show inserts with nobody taking the jobs (the queue grows by two jobs per insert).
import { readFileSync } from "node:fs";
import { PrismaPg } from "@prisma/adapter-pg";
import { runMigrations } from "graphile-worker";
import pg from "pg";
import { buildMigrationSql } from "../../src/sql/index.js";
import { PrismaClient } from "../../test/generated/prisma/client.js";
import { projectAISchema } from "../../test/support/project-ai-schema.js";
import { freshDatabase } from "../support/database.js";
import { median, round, type Scenario } from "../support/measure.js";

const inserts = 10_000;
const batch = 100;
const rounds = 3;
const noWorkerInserts = 2_000;
const bulkRows = 1_000;

interface Side {
  pool: pg.Pool;
  prisma: PrismaClient;
  triggers: boolean;
}

async function prepare(name: string, triggers: boolean): Promise<Side> {
  const url = await freshDatabase(name);
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  await pool.query("create extension if not exists vector");
  await pool.query(readFileSync("prisma/migrations/0001_init/migration.sql", "utf8"));
  if (triggers) {
    await runMigrations({ connectionString: url });
    await pool.query(buildMigrationSql(projectAISchema, { triggers: true, generatedBy: "bench" }));
  }
  return { pool, prisma: new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 1 }) }), triggers };
}

async function reset(side: Side): Promise<void> {
  await side.pool.query("truncate articles restart identity cascade");
  if (side.triggers) await side.pool.query("delete from graphile_worker._private_jobs");
  await side.pool.query("vacuum analyze articles");
  if (side.triggers) await side.pool.query("vacuum analyze graphile_worker._private_jobs");
}

type Insert = (side: Side, index: number) => Promise<unknown>;
const insertWithPrisma: Insert = (side, index) =>
  side.prisma.article.create({ data: { title: `title ${index}`, body: `body of article ${index}` }, select: { id: true } });
const insertWithPg: Insert = (side, index) => side.pool.query("insert into articles (title, body) values ($1, $2)", [`title ${index}`, `body of article ${index}`]);

/** Milliseconds spent in `count` inserts; after each batch the modelled worker takes the queued jobs (untimed). */
async function timedInserts(side: Side, insert: Insert, count: number, drain: boolean): Promise<number> {
  await reset(side);
  let total = 0;
  for (let start = 0; start < count; start += batch) {
    const begin = performance.now();
    for (let index = start; index < Math.min(count, start + batch); index++) await insert(side, index);
    total += performance.now() - begin;
    if (drain && side.triggers) await side.pool.query("delete from graphile_worker._private_jobs where locked_at is null");
  }
  return total;
}

async function compareSides(annotated: Side, plain: Side, insert: Insert): Promise<{ ours: number; baseline: number }> {
  await timedInserts(annotated, insert, 1_000, true);
  await timedInserts(plain, insert, 1_000, true);
  const ours: number[] = [];
  const baseline: number[] = [];
  for (let round = 0; round < rounds; round++) {
    ours.push(await timedInserts(annotated, insert, inserts, true));
    baseline.push(await timedInserts(plain, insert, inserts, true));
  }
  return { ours: median(ours), baseline: median(baseline) };
}

/** Median milliseconds of one INSERT statement of `bulkRows` rows (as createMany or an import sends), queue emptied between runs. */
async function bulkInsert(side: Side): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < 7; run++) {
    await reset(side);
    const begin = performance.now();
    await side.pool.query("insert into articles (title, body) select 'title ' || i, 'body of article ' || i from generate_series(1, $1::int) as i", [bulkRows]);
    if (run > 1) times.push(performance.now() - begin);
  }
  return median(times);
}

/** Average insert latency over the first and the last 200 of `noWorkerInserts` inserts when no worker drains the queue. */
async function withoutWorker(side: Side): Promise<{ first: number; last: number }> {
  await reset(side);
  const latencies: number[] = [];
  for (let index = 0; index < noWorkerInserts; index++) {
    const begin = performance.now();
    await insertWithPg(side, index);
    latencies.push(performance.now() - begin);
  }
  const average = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  return { first: average(latencies.slice(0, 200)), last: average(latencies.slice(-200)) };
}

export const insertTriggerOverhead: Scenario = {
  name: "insert-trigger-overhead",
  goal: "ratio <= 1.25",
  async run() {
    const annotated = await prepare("prisma_ai_bench_trigger_on", true);
    const plain = await prepare("prisma_ai_bench_trigger_off", false);
    try {
      const prisma = await compareSides(annotated, plain, insertWithPrisma);
      const bare = await compareSides(annotated, plain, insertWithPg);
      const noWorker = await withoutWorker(annotated);
      const bulkOurs = await bulkInsert(annotated);
      const bulkBaseline = await bulkInsert(plain);
      return {
        ours_ms: round(prisma.ours),
        baseline_ms: round(prisma.baseline),
        ratio: round(prisma.ours / prisma.baseline),
        pg_ours_ms: round(bare.ours),
        pg_baseline_ms: round(bare.baseline),
        pg_ratio: round(bare.ours / bare.baseline),
        no_worker_first200_avg_ms: round(noWorker.first),
        no_worker_last200_avg_ms: round(noWorker.last),
        bulk_ours_ms: round(bulkOurs),
        bulk_baseline_ms: round(bulkBaseline),
        bulk_ratio: round(bulkOurs / bulkBaseline),
        notes:
          `${inserts} sequential single-row inserts on one connection, medians of ${rounds} alternating rounds. ` +
          `ratio: through Prisma 7 (prisma.article.create over @prisma/adapter-pg), as applications write; pg_ratio: bare pg.query. ` +
          `Each insert enqueues the row's embed job and its generate job (each keyed by the row) with one graphile_worker.add_jobs call. ` +
          `A worker is modelled by deleting the queued jobs after every ${batch} inserts (untimed). no_worker_*: average insert latency (bare pg) ` +
          `over the first and last 200 of ${noWorkerInserts} inserts with nobody draining the queue. ` +
          `bulk_*: one INSERT of ${bulkRows} rows (the insert trigger runs once per statement: one add_jobs call for all ${2 * bulkRows} jobs), median of 5.`,
      };
    } finally {
      for (const side of [annotated, plain]) {
        await side.prisma.$disconnect();
        await side.pool.end();
      }
    }
  },
};
