// The dataset of the search benchmarks: N articles with one 384-dimension embedding each (field `body`), in
// 500 overlapping clusters as real embeddings are (points of one cluster have cosine ~0.6; uniform random
// vectors, or tight well-separated clusters, are unrealistically hard cases for any ANN index),
// with an HNSW partial index built exactly as the generated SQL builds it. Built once and shared by the search
// scenarios (kept in the database `prisma_ai_bench_search` for the next run; BENCH_SEARCH_REBUILD=1 rebuilds);
// the build time is reported in their notes.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import pg from "pg";
import type { AI } from "../../src/ai/create-ai.js";
import type { AISchema } from "../../src/schema/ai-schema.js";
import { buildModelSql } from "../../src/sql/model-sql.js";
import { buildBaseMigrationsSql } from "../../src/sql/migrations/index.js";
import { projectAISchema } from "../../test/support/project-ai-schema.js";
import { benchDatabaseUrl, freshDatabase } from "./database.js";

/** Rows in the dataset (BENCH_SEARCH_ROWS overrides, e.g. to scale down on a slow machine). */
export const searchRows = Number(process.env.BENCH_SEARCH_ROWS ?? 100_000);
export const searchDimensions = 384;
const clusters = 500;
/** Half-width of the uniform noise added to a cluster center per dimension (centers are uniform in ±0.5). */
const noise = 0.4;

/** The metadata the generator would emit for Article with `/// @ai.embed(dimensions: 384)` on body. */
export const benchSchema = {
  version: 1,
  models: {
    Article: {
      name: "Article",
      dbSchema: "public",
      table: "articles",
      // The project schema's Article, as in the tests' fixture; only the embedded field differs.
      fields: projectAISchema.models.Article.fields,
      relations: {},
      id: { field: "id", column: "id", type: "Int" },
      embedded: [{ field: "body", column: "body", model: "openai:text-embedding-3-small", dimensions: 384, distance: "cosine", index: "hnsw", vectorType: "vector" }],
      generated: [],
      hybridSearch: false,
      embeddingsTable: "articles_embeddings",
    },
  },
  tables: {},
} as const satisfies AISchema;

export interface SearchDataset {
  url: string;
  /** Seconds to load the rows and vectors, and to build the HNSW index. */
  loadSeconds: number;
  indexSeconds: number;
  /** Query vectors (near a cluster, not equal to any row), by query text. */
  queries: Map<string, number[]>;
}

let prepared: Promise<SearchDataset> | undefined;

/** Builds the dataset once per process. `published` is true for 5% of rows, spread over every cluster (the filtered-search filter). */
export function searchDataset(): Promise<SearchDataset> {
  prepared ??= build();
  return prepared;
}

const databaseName = "prisma_ai_bench_search";
/** Bump when the dataset's content changes, so an older one is rebuilt. */
const datasetVersion = 2;

/** The dataset left by a previous run (same rows, dimensions and version), or undefined. */
async function reuse(): Promise<SearchDataset | undefined> {
  if (process.env.BENCH_SEARCH_REBUILD) return undefined;
  const url = new URL(benchDatabaseUrl());
  url.pathname = `/${databaseName}`;
  const client = new pg.Client({ connectionString: url.toString() });
  try {
    await client.connect();
    const { rows } = await client.query("select * from bench_meta");
    const meta = rows[0];
    if (!meta || meta.rows !== searchRows || meta.dimensions !== searchDimensions || meta.version !== datasetVersion) return undefined;
    return { url: url.toString(), loadSeconds: meta.load_seconds, indexSeconds: meta.index_seconds, queries: new Map(Object.entries(meta.queries as Record<string, number[]>)) };
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function build(): Promise<SearchDataset> {
  const existing = await reuse();
  if (existing) return existing;
  const url = await freshDatabase(databaseName);
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await pool.query("create extension if not exists vector");
    await pool.query(readFileSync("prisma/migrations/0001_init/migration.sql", "utf8"));
    await pool.query(buildBaseMigrationsSql());
    // Tables only: the index is built after loading (as `CREATE INDEX` on a filled table, the fast way).
    const modelSql = buildModelSql(benchSchema, { triggers: false });
    const [tableSql, ...indexSql] = modelSql.split(/\n(?=create index)/);
    await pool.query(tableSql!);
    const loadStart = performance.now();
    await pool.query("select setseed(0.42)");
    await pool.query(`create temporary table centers as
      select c, array_agg(random() - 0.5 order by d) as v from generate_series(0, ${clusters - 1}) c, generate_series(1, ${searchDimensions}) d group by c`);
    await pool.query(`insert into articles (id, title, body, published, views)
      select i, 'title ' || i, 'body text of article ' || i, (i / ${clusters}) % 20 = 0, i % 1000 from generate_series(1, ${searchRows}) i`);
    await pool.query(`insert into prisma_ai.articles_embeddings (row_id, field, chunk_index, content_hash, embedding_model, embedding)
      select i, 'body', 0, md5('body text of article ' || i), 'openai:text-embedding-3-small',
             (select array_agg(c.v[d] + (random() - 0.5) * ${2 * noise} order by d) from generate_series(1, ${searchDimensions}) d)::vector
      from generate_series(1, ${searchRows}) i join centers c on c.c = i % ${clusters}`);
    const loadSeconds = (performance.now() - loadStart) / 1000;
    const indexStart = performance.now();
    await pool.query("set maintenance_work_mem = '512MB'");
    await pool.query("set max_parallel_maintenance_workers = 1");
    for (const statement of indexSql) await pool.query(statement);
    const indexSeconds = (performance.now() - indexStart) / 1000;
    await pool.query("vacuum analyze articles");
    await pool.query("vacuum analyze prisma_ai.articles_embeddings");
    const queries = new Map<string, number[]>();
    const { rows } = await pool.query<{ c: number; v: number[] }>(`select c, v from centers order by c limit 20`);
    rows.forEach((row, index) => {
      let state = index + 1;
      const jitter = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5) * 2 * noise;
      queries.set(`query ${index}`, row.v.map((value) => value + jitter()));
    });
    await pool.query("create table bench_meta (rows int, dimensions int, version int, load_seconds float8, index_seconds float8, queries jsonb)");
    await pool.query("insert into bench_meta values ($1, $2, $3, $4, $5, $6)", [searchRows, searchDimensions, datasetVersion, loadSeconds, indexSeconds, JSON.stringify(Object.fromEntries(queries))]);
    return { url, loadSeconds, indexSeconds, queries };
  } finally {
    await pool.end();
  }
}

/** An `ai` whose embed answers the dataset's query vectors (the extension caches them after the first call). */
export function datasetAI(queries: Map<string, number[]>): Pick<AI, "embed" | "chat"> {
  return {
    embed: async (options) => {
      const inputs = typeof options.input === "string" ? [options.input] : [...options.input];
      const embeddings = inputs.map((text) => {
        const vector = queries.get(text);
        if (!vector) throw new Error(`no vector for ${JSON.stringify(text)}`);
        return vector;
      });
      return { embeddings, usage: { inputTokens: undefined }, provider: "bench", model: "bench", calls: 1, responses: [] } as unknown as Awaited<ReturnType<AI["embed"]>>;
    },
    chat: async () => {
      throw new Error("no chat in the search benchmarks");
    },
  };
}

/** The vector literal pgvector parses (the extension's own formatter). */
export { vectorLiteral as toVectorLiteral } from "../../src/sql/search-query.js";
