// The job commands of `prisma-ai` in-process (router + command, output captured): status, retry-failed,
// backfill (here, with a progress bar, or enqueued for the workers), their help, and the one-sentence errors
// for a missing DATABASE_URL, an unapplied migration, a missing schema module or an unknown model.
import type pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { commands } from "../../src/cli/commands/index.js";
import { runCli } from "../../src/cli/router.js";
import { createTestDatabase, useTestDatabase } from "../support/test-database.js";
import { installJobsSchema, md5, queuedJobs, resetData, startFakeProvider, storedEmbeddings, type FakeProvider } from "../jobs/job-harness.js";

const schemaModule = "test/jobs/fixtures/jobs-schema.ts";
const root = new URL("../../", import.meta.url).pathname;

async function cli(argv: string[], env: Record<string, string | undefined>): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, commands, {
    env,
    cwd: root,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

describe("prisma-ai job commands", () => {
  const database = useTestDatabase();
  let pool: pg.Pool;
  let provider: FakeProvider;
  let env: Record<string, string>;

  beforeAll(async () => {
    pool = database().pool;
    await installJobsSchema(database().url, pool);
    provider = await startFakeProvider();
    env = {
      DATABASE_URL: database().url,
      PRISMA_AI_PROVIDERS: JSON.stringify({ fake: { driver: "openai-compatible", baseURL: provider.baseURL, maxRetries: 0, maxEmbeddingsPerCall: 100 } }),
    };
  });

  afterAll(async () => {
    await provider?.close();
  });

  beforeEach(async () => {
    await resetData(pool);
    provider.reset();
  });

  it("every job command has --help", async () => {
    for (const name of ["worker", "backfill", "status", "retry-failed"]) {
      const help = await cli([name, "--help"], {});
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: prisma-ai ${name}`);
      expect(help.stdout).toContain("DATABASE_URL");
    }
  });

  it("a missing DATABASE_URL, an unapplied migration, a missing schema module and an unknown model are one sentence each", async () => {
    const noUrl = await cli(["status", "--schema-module", schemaModule], {});
    expect(noUrl).toEqual({
      code: 1,
      stdout: "",
      stderr: "prisma-ai status: DATABASE_URL is not set; set it to your PostgreSQL connection string (postgresql://user:password@host:5432/database) and run the command again.\n",
    });
    const bare = await createTestDatabase();
    try {
      const unmigrated = await cli(["status", "--schema-module", schemaModule], { DATABASE_URL: bare.url });
      expect(unmigrated).toEqual({
        code: 1,
        stdout: "",
        stderr:
          "prisma-ai status: The prisma_ai migration is not applied to this database (missing prisma_ai.failures, prisma_ai.articles_embeddings, prisma_ai.products_embeddings); run `npx prisma-ai migrate` first.\n",
      });
    } finally {
      await bare.drop();
    }
    const noModule = await cli(["status", "--schema-module", "nowhere/index.ts"], env);
    expect(noModule.code).toBe(1);
    expect(noModule.stderr).toMatch(/^prisma-ai status: The aiSchema module \S+nowhere\/index.ts does not exist; pass its path \(see --help\)\.\n$/);
    const unknown = await cli(["backfill", "--model", "Nope", "--schema-module", schemaModule], env);
    expect(unknown).toEqual({ code: 1, stdout: "", stderr: "prisma-ai backfill: Nope is not a model with /// @ai.embed fields; models with embedded fields: Article, Product.\n" });
    expect((await cli(["backfill", "--schema-module", schemaModule], env)).stderr).toBe("prisma-ai backfill: backfill needs --model <Model>, e.g. `prisma-ai backfill --model Article`.\n");
  });

  it("status counts, per model and field, rows embedded, pending, failed and stale, and the queue", async () => {
    await pool.query("alter table articles disable trigger prisma_ai_enqueue");
    await pool.query("insert into articles (id, title, body) values (1, 'one', 'body one'), (2, 'two', 'body two'), (3, 'three', 'body three'), (4, 'four', '')");
    await pool.query("alter table articles enable trigger prisma_ai_enqueue");
    // 1: both fields embedded; 2: title stale (text changed since), body embedded; 3: title failed, body pending; 4: empty body.
    const vector = "[0.1,0.2,0.3,0.4]";
    await pool.query(
      `insert into prisma_ai.articles_embeddings (row_id, field, content_hash, embedding_model, embedding) values
       (1, 'title', md5('one'), 'fake:embed-4', $1), (1, 'body', md5('body one'), 'fake:embed-4', $1),
       (2, 'title', md5('old two'), 'fake:embed-4', $1), (2, 'body', md5('body two'), 'fake:embed-4', $1), (4, 'title', md5('four'), 'fake:embed-4', $1)`,
      [vector],
    );
    await pool.query("insert into prisma_ai.failures (model, row_id, field, kind, error, attempts) values ('Article', '3', 'title', 'embed', 'boom', 10), ('Article', '2', 'summary', 'generate', 'no', 10)");
    await pool.query("insert into products (id, name, description, price) values (gen_random_uuid(), 'queued', 'waiting', 1), (gen_random_uuid(), 'queued', 'waiting too', 1)");

    const json = await cli(["status", "--json", "--schema-module", schemaModule], env);
    expect(json.code).toBe(0);
    const status = JSON.parse(json.stdout);
    expect(status.fields).toEqual([
      { model: "Article", field: "title", rows: 4, embedded: 2, pending: 0, failed: 1, stale: 1 },
      { model: "Article", field: "body", rows: 4, embedded: 3, pending: 1, failed: 0, stale: 0 },
      { model: "Product", field: "description", rows: 2, embedded: 0, pending: 2, failed: 0, stale: 0 },
    ]);
    expect(status.generateFailures).toEqual([{ model: "Article", field: "summary", failed: 1 }]);
    expect(status.queue).toEqual([
      { model: "Article", jobs: 0, entries: 0, deadJobs: 0, oldestPendingSeconds: null },
      { model: "Product", jobs: 2, entries: 2, deadJobs: 0, oldestPendingSeconds: expect.any(Number) },
    ]);

    const text = await cli(["status", "--schema-module", schemaModule], env);
    expect(text.stdout.split("\n").slice(0, 4)).toEqual([
      "model    field        rows  embedded  pending  failed  stale",
      "Article  title           4         2        0       1      1",
      "Article  body            4         3        1       0      0",
      "Product  description     2         0        2       0      0",
    ]);
    expect(text.stdout).toMatch(/\nProduct\s+2\s+2\s+\d+ (ms|s)\s+0\n/);
    expect(status.lastErrors).toEqual([{ model: "Article", state: "failed", count: 2, error: expect.stringMatching(/^(boom|no)$/), at: expect.any(String) }]);
    expect(status.workers).toEqual([]);
    expect(status.locks).toEqual([]);
  });

  it("status shows locked jobs by worker and since when, the last error of retrying rows, and retry-failed releases jobs stranded by dead workers", async () => {
    await pool.query("insert into products (id, name, description, price) values (gen_random_uuid(), 'stranded', 'stranded', 1), (gen_random_uuid(), 'retrying', 'retrying', 1)");
    const [stranded, retrying] = (await queuedJobs(pool)).map((job) => job.id);
    await pool.query("update graphile_worker._private_jobs set locked_by = 'pool-killed', locked_at = now() - interval '2 minutes', attempts = 1 where id = $1", [stranded]);
    await pool.query("update graphile_worker._private_jobs set attempts = 2, last_error = 'RateLimitError: 429 from fake', run_at = now() + interval '1 hour' where id = $1", [retrying]);
    await pool.query("insert into prisma_ai.workers (id, host, pid, version, last_seen_at) values ('pool-alive', 'host-a', 41, '0.1.0', now())");

    const json = JSON.parse((await cli(["status", "--json", "--schema-module", schemaModule], env)).stdout);
    expect(json.locks).toEqual([{ worker: "pool-killed", state: "unknown", jobs: 1, lockedSince: expect.any(String), lockedSeconds: expect.any(Number) }]);
    expect(json.locks[0].lockedSeconds).toBeGreaterThan(100);
    expect(json.workers).toEqual([expect.objectContaining({ id: "pool-alive", host: "host-a", pid: 41, lockedJobs: 0 })]);
    expect(json.lastErrors).toEqual([{ model: "Product", state: "retrying", count: 1, error: "RateLimitError: 429 from fake", at: expect.any(String) }]);
    const text = (await cli(["status", "--schema-module", schemaModule], env)).stdout;
    expect(text).toMatch(/\nProduct\s+retrying\s+RateLimitError: 429 from fake\s+\S+\s+1\n/);
    expect(text).toMatch(/\npool-killed\s+unknown\s+\S+ \(2 min ago\)\s+1\n/);

    const result = await cli(["retry-failed", "--schema-module", schemaModule], env);
    expect(result).toEqual({ code: 0, stdout: "prisma-ai retry-failed: re-enqueued 0 embedding(s) and 0 generated field(s); 1 job(s) stranded by dead workers released.\n", stderr: "" });
    expect((await queuedJobs(pool)).find((job) => job.id === stranded)).toMatchObject({ locked_at: null, attempts: 1 });
    // The live worker's registration is left alone.
    expect((await pool.query("select id from prisma_ai.workers")).rows).toEqual([{ id: "pool-alive" }]);
    await pool.query("delete from prisma_ai.workers");
  });

  it("retry-failed re-enqueues the recorded failures (keyed jobs per row, as the triggers enqueue them) and clears them", async () => {
    await pool.query("alter table articles disable trigger prisma_ai_enqueue");
    await pool.query("insert into articles (id, title, body) values (7, 'seven', 'body seven'), (8, 'eight', 'body eight')");
    await pool.query("alter table articles enable trigger prisma_ai_enqueue");
    await pool.query(
      "insert into prisma_ai.failures (model, row_id, field, kind, error, attempts) values ('Article', '7', 'title', 'embed', 'x', 10), ('Article', '8', 'body', 'embed', 'x', 10), ('Article', '8', 'summary', 'generate', 'y', 10), ('Gone', '1', 'f', 'embed', 'z', 1)",
    );
    const result = await cli(["retry-failed", "--schema-module", schemaModule], env);
    expect(result).toEqual({ code: 0, stdout: "prisma-ai retry-failed: re-enqueued 2 embedding(s) and 1 generated field(s); 1 record(s) of models or fields no longer annotated were deleted.\n", stderr: "" });
    expect((await pool.query("select count(*)::int as count from prisma_ai.failures")).rows[0].count).toBe(0);
    const jobs = await queuedJobs(pool);
    expect(jobs.map((job) => [job.task, job.key, job.payload])).toEqual([
      ["prisma_ai.generate", "prisma_ai.generate:Article:summary:8", { model: "Article", id: "8", field: "summary" }],
      ["prisma_ai.embed", "prisma_ai.embed:Article:7", { model: "Article", id: "7" }],
      ["prisma_ai.embed", "prisma_ai.embed:Article:8", { model: "Article", id: "8" }],
    ]);
  });

  it("backfill embeds the rows that need it here, with progress on stderr, and a second run has nothing left to do", async () => {
    await pool.query("alter table products disable trigger prisma_ai_enqueue");
    await pool.query("insert into products (id, name, description, price) select gen_random_uuid(), 'p', 'existing ' || i, 1 from generate_series(1, 30) as i");
    await pool.query("alter table products enable trigger prisma_ai_enqueue");
    const first = await cli(["backfill", "--model", "Product", "--batch-size", "10", "--schema-module", schemaModule], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe("prisma-ai backfill: Product: 30 rows embedded.\n");
    expect(first.stderr.split("\n").filter(Boolean)).toEqual([
      "Product [##########--------------------] 10/30 rows 33%",
      "Product [####################----------] 20/30 rows 67%",
      "Product [##############################] 30/30 rows 100%",
    ]);
    expect(provider.embeddingRequests.map((request) => request.inputs.length)).toEqual([10, 10, 10]);
    const rows = await storedEmbeddings(pool, "products_embeddings");
    expect(rows).toHaveLength(30);
    expect(new Set(rows.map((row) => row.content_hash))).toContain(md5("existing 17"));

    const again = await cli(["backfill", "--model", "Product", "--schema-module", schemaModule], env);
    expect(again.stdout).toBe("prisma-ai backfill: Product: 0 rows embedded.\n");
    expect(provider.embeddingRequests).toHaveLength(3);
  });

  it("backfill --enqueue hands the work to the workers as a prisma_ai.backfill job", async () => {
    await pool.query("alter table articles disable trigger prisma_ai_enqueue");
    await pool.query("insert into articles (title, body) select 't' || i, 'b' || i from generate_series(1, 5) as i");
    await pool.query("alter table articles enable trigger prisma_ai_enqueue");
    const result = await cli(["backfill", "--model", "Article", "--field", "body", "--enqueue", "--schema-module", schemaModule], env);
    expect(result).toEqual({
      code: 0,
      stdout: "prisma-ai backfill: enqueued the backfill of Article.body (5 rows to embed) for the workers; follow it with `prisma-ai status`.\n",
      stderr: "",
    });
    expect((await queuedJobs(pool)).map((job) => [job.task, job.key, job.payload])).toEqual([["prisma_ai.backfill", "prisma_ai.backfill:Article:body", { model: "Article", field: "body" }]]);
    expect(provider.embeddingRequests).toEqual([]);
  });
});
