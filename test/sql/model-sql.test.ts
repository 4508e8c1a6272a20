// The emitted SQL on real Postgres + pgvector with Graphile Worker's own schema: applied twice (idempotent), then
// writes must enqueue exactly the expected jobs, in the same transaction, per the prisma_ai database contract.
import { readFileSync } from "node:fs";
import { runMigrations } from "graphile-worker";
import type pg from "pg";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { generatorIdentity } from "../../generator/handler.js";
import { buildMigrationSql, buildModelSql, parseMigrationHeader } from "../../src/sql/index.js";
import { aiSchema as basicSchema } from "../fixtures/generator/basic/expected/index.js";
import { useTestDatabase } from "../support/test-database.js";

const basicMigration = readFileSync(new URL("../fixtures/generator/basic/expected/migration.sql", import.meta.url), "utf8");

/** The tables of test/fixtures/generator/basic/schema.prisma, as `prisma migrate` would create them. */
const basicTables = `
create table users (id serial primary key, email text not null unique);
create table articles (
  id serial primary key, title text not null, body text not null, notes text, summary text,
  published boolean not null default false, author_id integer references users (id)
);
create table "Product" (id uuid primary key default gen_random_uuid(), name text not null, tagline text);`;

interface JobRow {
  task: string;
  key: string | null;
  payload: unknown;
  revision: number;
}

async function jobs(pool: pg.Pool): Promise<JobRow[]> {
  const { rows } = await pool.query<JobRow>(
    `select tasks.identifier as task, jobs.key, jobs.payload, jobs.revision
     from graphile_worker._private_jobs jobs join graphile_worker._private_tasks tasks on tasks.id = jobs.task_id
     order by jobs.id`,
  );
  return rows;
}

function vectorLiteral(dimensions: number): string {
  return `[${Array.from({ length: dimensions }, (_, index) => ((index % 7) + 1) / 10).join(",")}]`;
}

describe("migration.sql of the tutorial schema", () => {
  const database = useTestDatabase({ projectSchema: false });
  let pool: pg.Pool;

  beforeAll(async () => {
    pool = database().pool;
    await runMigrations({ connectionString: database().url, logger: undefined });
    await pool.query(basicTables);
    await pool.query(basicMigration);
    await pool.query(basicMigration);
  });

  beforeEach(async () => {
    await pool.query("delete from graphile_worker._private_jobs");
  });

  it("is idempotent: applied twice, everything exists once", async () => {
    const triggers = await pool.query("select tgrelid::regclass::text as table_name from pg_trigger where tgname = 'prisma_ai_enqueue' order by 1");
    expect(triggers.rows.map((row) => row.table_name)).toEqual(['"Product"', "articles"]);
    const indexes = await pool.query("select indexname, indexdef from pg_indexes where schemaname in ('prisma_ai', 'public') and (indexname like '%hnsw' or indexname like '%fts') order by 1");
    expect(indexes.rows.map((row) => row.indexname)).toEqual(["articles_embeddings_body_hnsw", "articles_embeddings_notes_hnsw", "articles_prisma_ai_fts"]);
    expect(indexes.rows[0].indexdef).toBe(
      "CREATE INDEX articles_embeddings_body_hnsw ON prisma_ai.articles_embeddings USING hnsw (((embedding)::vector(1536)) vector_cosine_ops) WHERE (field = 'body'::text)",
    );
    expect(indexes.rows[2].indexdef).toContain("USING gin (to_tsvector('english'::regconfig, ((COALESCE(body, ''::text) || ' '::text) || COALESCE(notes, ''::text))))");
    const migrations = await pool.query("select id, name from prisma_ai.migrations order by id");
    expect(migrations.rows).toEqual([
      { id: 0, name: `models ${parseMigrationHeader(basicMigration).version}` },
      { id: 1, name: "failures" },
      { id: 2, name: "rate-limits" },
      { id: 3, name: "workers" },
    ]);
    const foreignKey = await pool.query(
      "select confdeltype, confrelid::regclass::text as target from pg_constraint where conrelid = 'prisma_ai.articles_embeddings'::regclass and contype = 'f'",
    );
    expect(foreignKey.rows).toEqual([{ confdeltype: "c", target: "articles" }]);
  });

  it("an insert enqueues one embed job and one generate job for the row, each under the row's own key", async () => {
    const { rows } = await pool.query("insert into articles (title, body) values ('Hello', 'World') returning id");
    const id = String(rows[0].id);
    expect(await jobs(pool)).toEqual([
      { task: "prisma_ai.embed", key: `prisma_ai.embed:Article:${id}`, payload: { model: "Article", id }, revision: 0 },
      { task: "prisma_ai.generate", key: `prisma_ai.generate:Article:summary:${id}`, payload: { model: "Article", id, field: "summary" }, revision: 0 },
    ]);
  });

  it("enqueues inserts once per statement (over its rows) and updates per row, on the annotated columns only", async () => {
    const { rows } = await pool.query(
      `select tgname, (tgtype & 1) = 1 as per_row, (tgtype & 4) = 4 as on_insert, (tgtype & 16) = 16 as on_update,
              coalesce(array_length(tgattr::int2[], 1), 0) as columns
       from pg_trigger where tgrelid = 'articles'::regclass and tgname like 'prisma_ai%' order by tgname`,
    );
    expect(rows).toEqual([
      { tgname: "prisma_ai_enqueue", per_row: false, on_insert: true, on_update: false, columns: 0 },
      { tgname: "prisma_ai_enqueue_update", per_row: true, on_insert: false, on_update: true, columns: 3 },
    ]);
  });

  it("a multi-row insert enqueues one embed job per row (the worker batches them into requests)", async () => {
    const { rows } = await pool.query("insert into articles (title, body) select 'T' || i, 'B' || i from generate_series(1, 3) i returning id");
    const ids = rows.map((row) => String(row.id));
    const embedJobs = (await jobs(pool)).filter((job) => job.task === "prisma_ai.embed");
    expect(embedJobs).toEqual(ids.map((id) => ({ task: "prisma_ai.embed", key: `prisma_ai.embed:Article:${id}`, payload: { model: "Article", id }, revision: 0 })));
    expect((await jobs(pool)).filter((job) => job.task === "prisma_ai.generate")).toHaveLength(3);
  });

  it("an update storm on one row collapses into one embed job and one generate job (replaced twice)", async () => {
    const { rows } = await pool.query("insert into articles (title, body) values ('A', 'B') returning id");
    const id = String(rows[0].id);
    await pool.query("delete from graphile_worker._private_jobs");
    for (const body of ["B1", "B2", "B3"]) await pool.query("update articles set body = $1 where id = $2", [body, id]);
    const all = await jobs(pool);
    expect(all.filter((job) => job.task === "prisma_ai.embed")).toEqual([
      { task: "prisma_ai.embed", key: `prisma_ai.embed:Article:${id}`, payload: { model: "Article", id }, revision: 2 },
    ]);
    expect(all.filter((job) => job.task === "prisma_ai.generate")).toEqual([
      { task: "prisma_ai.generate", key: `prisma_ai.generate:Article:summary:${id}`, payload: { model: "Article", id, field: "summary" }, revision: 2 },
    ]);
  });

  it("writers of different rows do not wait for each other: two open transactions each enqueue their row", async () => {
    const first = await pool.connect();
    const second = await pool.connect();
    try {
      await first.query("begin");
      await second.query("begin");
      await first.query("insert into articles (title, body) values ('A', 'B')");
      // With one job key per model, this insert would wait for the first transaction's job row (and time out).
      await second.query("set local lock_timeout = '2s'");
      await second.query("insert into articles (title, body) values ('C', 'D')");
      await second.query("commit");
      await first.query("commit");
    } finally {
      first.release();
      second.release();
    }
    expect((await jobs(pool)).filter((job) => job.task === "prisma_ai.embed")).toHaveLength(2);
  });

  it("updates that do not change an annotated source field enqueue nothing", async () => {
    const { rows } = await pool.query("insert into articles (title, body, notes) values ('A', 'B', 'N') returning id");
    const id = rows[0].id;
    await pool.query("delete from graphile_worker._private_jobs");
    await pool.query("update articles set published = true where id = $1", [id]);
    await pool.query("update articles set body = 'B', notes = 'N', title = 'A' where id = $1", [id]);
    await pool.query("update articles set summary = 'generated text' where id = $1", [id]);
    expect(await jobs(pool)).toEqual([]);
  });

  it("a change to a prompt's source field that is not embedded enqueues only the generate job", async () => {
    const { rows } = await pool.query("insert into articles (title, body) values ('A', 'B') returning id");
    const id = String(rows[0].id);
    await pool.query("delete from graphile_worker._private_jobs");
    await pool.query("update articles set title = 'A2' where id = $1", [id]);
    expect((await jobs(pool)).map((job) => job.key)).toEqual([`prisma_ai.generate:Article:summary:${id}`]);
  });

  it("writing the generated field together with a source field re-embeds but does not re-generate", async () => {
    const { rows } = await pool.query("insert into articles (title, body) values ('A', 'B') returning id");
    await pool.query("delete from graphile_worker._private_jobs");
    await pool.query("update articles set body = 'B2', summary = 'S' where id = $1", [rows[0].id]);
    expect((await jobs(pool)).map((job) => job.task)).toEqual(["prisma_ai.embed"]);
  });

  it("a rolled-back transaction enqueues nothing", async () => {
    const client = await pool.connect();
    try {
      await client.query("begin");
      await client.query("insert into articles (title, body) values ('A', 'B')");
      expect((await client.query("select count(*)::int as count from graphile_worker._private_jobs")).rows[0].count).toBe(2);
      await client.query("rollback");
    } finally {
      client.release();
    }
    expect(await jobs(pool)).toEqual([]);
  });

  it("a write while the row's embed job is running (locked) creates a new job and takes the key off the running one", async () => {
    const { rows } = await pool.query("insert into articles (title, body) values ('A', 'B') returning id");
    const id = String(rows[0].id);
    await pool.query("update graphile_worker._private_jobs set locked_at = now(), locked_by = 'test-worker'");
    await pool.query("update articles set body = 'B2' where id = $1", [id]);
    const embedJobs = (await jobs(pool)).filter((job) => job.task === "prisma_ai.embed");
    expect(embedJobs).toEqual([
      { task: "prisma_ai.embed", key: null, payload: { model: "Article", id }, revision: 0 },
      { task: "prisma_ai.embed", key: `prisma_ai.embed:Article:${id}`, payload: { model: "Article", id }, revision: 0 },
    ]);
  });

  it("deleting a row deletes its embeddings (on delete cascade) and enqueues nothing", async () => {
    const { rows } = await pool.query("insert into articles (title, body) values ('A', 'B') returning id");
    const id = rows[0].id;
    for (const [field, chunk] of [["body", 0], ["notes", 0], ["notes", 1]] as const) {
      await pool.query(
        "insert into prisma_ai.articles_embeddings (row_id, field, chunk_index, chunk_text, content_hash, embedding_model, embedding) values ($1, $2, $3, 'x', md5('B'), 'openai:text-embedding-3-small', $4::vector)",
        [id, field, chunk, vectorLiteral(1536)],
      );
    }
    await pool.query("delete from graphile_worker._private_jobs");
    await pool.query("delete from articles where id = $1", [id]);
    expect((await pool.query("select count(*)::int as count from prisma_ai.articles_embeddings where row_id = $1", [id])).rows[0].count).toBe(0);
    expect(await jobs(pool)).toEqual([]);
  });

  it("a uuid-keyed model with on: [create] enqueues on insert only, with the uuid as text", async () => {
    const { rows } = await pool.query("insert into \"Product\" (name) values ('Lamp') returning id");
    const id: string = rows[0].id;
    await pool.query("update \"Product\" set name = 'Desk lamp' where id = $1", [id]);
    expect(await jobs(pool)).toEqual([
      { task: "prisma_ai.generate", key: `prisma_ai.generate:Product:tagline:${id}`, payload: { model: "Product", id, field: "tagline" }, revision: 0 },
    ]);
  });

  it("the emitted file is buildMigrationSql of the emitted metadata", () => {
    expect(basicMigration).toBe(buildMigrationSql(basicSchema, { triggers: true, generatedBy: generatorIdentity() }));
  });

  it("a model whose annotations were removed loses its enqueue triggers at the next migrate; the others keep theirs", async () => {
    const triggerTables = async () =>
      (await pool.query("select distinct tgrelid::regclass::text as source from pg_trigger where tgname like 'prisma\\_ai\\_enqueue%' order by 1")).rows.map((row) => row.source);
    expect(await triggerTables()).toEqual(['"Product"', "articles"]);
    const { Product: _removed, ...rest } = basicSchema.models;
    await pool.query(buildMigrationSql({ ...basicSchema, models: rest }, { triggers: true, generatedBy: "test" }));
    expect(await triggerTables()).toEqual(["articles"]);
    await pool.query("insert into \"Product\" (name) values ('no longer annotated')");
    expect(await jobs(pool)).toEqual([]);
    await pool.query(basicMigration); // annotated again
    expect(await triggerTables()).toEqual(['"Product"', "articles"]);
  });
});

describe("inline mode (triggers: false)", () => {
  const database = useTestDatabase({ projectSchema: false });

  it("creates the tables and indexes without Graphile Worker, and no trigger or function", async () => {
    const { pool } = database();
    const sql = buildMigrationSql(basicSchema, { triggers: false, generatedBy: "test" });
    expect(buildModelSql(basicSchema, { triggers: false })).not.toMatch(/trigger|function/);
    await pool.query(basicTables);
    await pool.query(sql);
    await pool.query(sql);
    await pool.query("insert into articles (title, body) values ('A', 'B')");
    const triggers = await pool.query("select count(*)::int as count from pg_trigger where tgname like 'prisma\\_ai\\_enqueue%'");
    expect(triggers.rows[0].count).toBe(0);
    const tables = await pool.query("select table_name from information_schema.tables where table_schema = 'prisma_ai' order by 1");
    expect(tables.rows.map((row) => row.table_name)).toEqual(["articles_embeddings", "failures", "migrations", "rate_limits", "workers"]);
    expect((await pool.query("select to_regnamespace('graphile_worker') as schema")).rows[0].schema).toBeNull();
  });
});
