// The semantic search benchmarks (issue: client extension). One dataset (bench/support/search-dataset.ts,
// 100,000 rows x 384 dimensions with HNSW by default) shared by three scenarios:
// - search-overhead: prisma.article.semanticSearch (query embedding cached) vs a hand-written pg query doing
//   the same join (and returning the same rows), p50 of alternating single queries; EXPLAIN must show the index.
//   Also reported: our statement alone through pg, and the findMany alone (the two parts of ours).
// - search-recall: recall@10 of the default settings vs exact search (index scans off) on the same queries.
// - filtered-search: a filter keeping 5% of rows, take 10: always 10 rows, latency vs the unfiltered search.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { withAI } from "../../src/extension/with-ai.js";
import { whereToFilter } from "../../src/extension/where-to-filter.js";
import { buildSearchQuery, defaultSearchQuality, searchSettings } from "../../src/sql/search-query.js";
import { PrismaClient } from "../../test/generated/prisma/client.js";
import { benchSchema, datasetAI, searchDataset, searchDimensions, searchRows, toVectorLiteral, type SearchDataset } from "../support/search-dataset.js";
import { percentile, round, time, type Scenario } from "../support/measure.js";

const take = 10;
const rounds = 15;

function openClients(dataset: SearchDataset) {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: dataset.url, max: 1 }) }).$extends(
    withAI({ ai: datasetAI(dataset.queries), schema: benchSchema }),
  );
  const pool = new pg.Pool({ connectionString: dataset.url, max: 1 });
  return { prisma, pool, close: async () => void (await Promise.all([prisma.$disconnect(), pool.end()])) };
}

/** The hand-written baseline: the same join, filter and ordering, same settings (set once per session). */
async function handWritten(pool: pg.Pool | pg.PoolClient, vector: number[]): Promise<unknown[]> {
  const { rows } = await pool.query(
    `SELECT a.*, 1 - (e.embedding::vector(${searchDimensions}) <=> $1::vector(${searchDimensions})) AS similarity
     FROM prisma_ai.articles_embeddings e JOIN articles a ON a.id = e.row_id
     WHERE e.field = 'body'
     ORDER BY e.embedding::vector(${searchDimensions}) <=> $1::vector(${searchDimensions}) LIMIT ${take}`,
    [toVectorLiteral(vector)],
  );
  return rows;
}

/**
 * Alternates ours and baseline over every query, `rounds` times (after a warm-up); returns per-query latencies.
 * Who goes first changes every round: the same query run twice in a row is ~10% faster the second time (the
 * index pages it walks are still in the CPU cache), which favoured whichever side always ran second.
 */
async function alternate(queries: string[], ours: (query: string) => Promise<unknown>, baseline: (query: string) => Promise<unknown>) {
  for (const query of queries) {
    await ours(query);
    await baseline(query);
  }
  const oursTimes: number[] = [];
  const baselineTimes: number[] = [];
  for (let index = 0; index < rounds; index++) {
    for (const query of queries) {
      if (index % 2 === 0) {
        oursTimes.push(await time(() => ours(query)));
        baselineTimes.push(await time(() => baseline(query)));
      } else {
        baselineTimes.push(await time(() => baseline(query)));
        oursTimes.push(await time(() => ours(query)));
      }
    }
  }
  return { oursTimes, baselineTimes };
}

/** Our search statement as semanticSearch sends it (`articles` has no row-level security, as the engine finds). */
function searchStatement(vector: number[], where?: unknown) {
  const model = benchSchema.models.Article;
  return buildSearchQuery({ schema: benchSchema, model, fields: [...model.embedded], vectors: { body: vector }, take, ...(where === undefined ? {} : { filter: whereToFilter(where, benchSchema, model) }), rowSecurity: false });
}

async function explainUsesIndex(pool: pg.Pool, vector: number[], where?: unknown): Promise<boolean> {
  const statement = searchStatement(vector, where);
  const { rows } = await pool.query<{ "QUERY PLAN": string }>(`EXPLAIN ${statement.text}`, [...statement.values]);
  return rows.some((row) => /Index Scan using "?articles_embeddings_body_hnsw"?/.test(row["QUERY PLAN"]));
}

function defaultEfSearch(): string {
  return searchSettings(defaultSearchQuality, take).find((setting) => setting.name === "hnsw.ef_search")!.value;
}

function datasetNote(dataset: SearchDataset): string {
  return `${searchRows.toLocaleString("en-US")} rows x ${searchDimensions} dims, HNSW (m 16, ef_construction 64) built in ${round(dataset.indexSeconds, 1)} s (load ${round(dataset.loadSeconds, 1)} s), 2 shared cores`;
}

export const searchOverhead: Scenario = {
  name: "search-overhead",
  goal: "ratio <= 1.15 at p50, index used",
  async run() {
    const dataset = await searchDataset();
    const { prisma, pool, close } = openClients(dataset);
    try {
      // The baseline gets the same index settings as our default, once per session.
      for (const setting of searchSettings(defaultSearchQuality, take)) await pool.query("select set_config($1, $2, false)", [setting.name, setting.value]);
      const queries = [...dataset.queries.keys()];
      const { oursTimes, baselineTimes } = await alternate(
        queries,
        (query) => prisma.article.semanticSearch(query, { take }),
        (query) => handWritten(pool, dataset.queries.get(query)!),
      );
      const indexUsed = await explainUsesIndex(pool, dataset.queries.get(queries[0]!)!);
      // Where the time goes: our search statement alone, through bare pg, against the same baseline.
      const statementOnly = await alternate(
        queries,
        (query) => {
          const statement = searchStatement(dataset.queries.get(query)!);
          return pool.query(statement.text, [...statement.values]);
        },
        (query) => handWritten(pool, dataset.queries.get(query)!),
      );
      // The other half of ours: loading the hits through Prisma's findMany alone (the same ids, all columns).
      const hitIds = new Map<string, number[]>();
      for (const query of queries) {
        const statement = searchStatement(dataset.queries.get(query)!);
        hitIds.set(query, (await pool.query<{ id: string }>(statement.text, [...statement.values])).rows.map((row) => Number(row.id)));
      }
      const loadOnly = await alternate(
        queries,
        (query) => prisma.article.findMany({ where: { id: { in: hitIds.get(query)! } } }),
        (query) => handWritten(pool, dataset.queries.get(query)!),
      );
      const ours = percentile(oursTimes, 50);
      const baseline = percentile(baselineTimes, 50);
      const statement = percentile(statementOnly.oursTimes, 50);
      const statementBaseline = percentile(statementOnly.baselineTimes, 50);
      const load = percentile(loadOnly.oursTimes, 50);
      return {
        ours_ms: round(ours),
        baseline_ms: round(baseline),
        ratio: round(ours / baseline),
        p95_ours_ms: round(percentile(oursTimes, 95)),
        p95_baseline_ms: round(percentile(baselineTimes, 95)),
        statement_ms: round(statement),
        statement_ratio: round(statement / statementBaseline),
        load_ms: round(load),
        index_used: indexUsed ? 1 : 0,
        notes: `p50 of ${oursTimes.length} single searches (take ${take}, ${queries.length} query vectors, embedding cached); ours = semanticSearch = the search statement through Prisma's $queryRawUnsafe + the rows through Prisma's findMany, baseline = one pg query with the same join returning the same rows, both on one connection with the default settings (ef_search ${defaultEfSearch()}, iterative scan); statement_ratio = our search statement alone through pg, as semanticSearch sends it (no filter and no row-level security: the table is not joined), vs the same baseline (the SQL's own cost; the rest of ratio is Prisma's two calls); load_ms = the findMany of the 10 hits alone through Prisma (the second round trip the design requires, a floor of ours - baseline); who runs first alternates per round; EXPLAIN ${indexUsed ? "shows" : "does NOT show"} the HNSW index; ${datasetNote(dataset)}`,
      };
    } finally {
      await close();
    }
  },
};

export const searchRecall: Scenario = {
  name: "search-recall",
  goal: "recall >= 0.95",
  async run() {
    const dataset = await searchDataset();
    const { prisma, pool, close } = openClients(dataset);
    try {
      const queries = [...dataset.queries.keys()];
      let found = 0;
      const oursTimes: number[] = [];
      const exactTimes: number[] = [];
      for (const query of queries) {
        await prisma.article.semanticSearch(query, { take, select: { id: true } }); // caches the embedding
        let hits: Array<{ id: number }> = [];
        oursTimes.push(await time(async () => void (hits = await prisma.article.semanticSearch(query, { take, select: { id: true } }))));
        const client = await pool.connect();
        let exact: number[] = [];
        try {
          await client.query("begin");
          await client.query("set local enable_indexscan = off");
          exactTimes.push(await time(async () => void (exact = (await handWritten(client, dataset.queries.get(query)!)).map((row) => (row as { id: number }).id))));
          await client.query("commit");
        } finally {
          client.release();
        }
        const exactSet = new Set(exact);
        found += hits.filter((hit) => exactSet.has(hit.id)).length;
      }
      const recall = found / (queries.length * take);
      const ours = percentile(oursTimes, 50);
      const baseline = percentile(exactTimes, 50);
      return {
        ours_ms: round(ours),
        baseline_ms: round(baseline),
        ratio: round(ours / baseline),
        recall: round(recall, 4),
        notes: `recall@${take} of semanticSearch with default settings (searchQuality "balanced": ef_search ${defaultEfSearch()}, iterative scan) against exact search (index scans off) over ${queries.length} queries; ms are p50 of ours vs the exact scan; ${datasetNote(dataset)}`,
      };
    } finally {
      await close();
    }
  },
};

export const filteredSearch: Scenario = {
  name: "filtered-search",
  goal: "10 rows always; ratio (filtered / unfiltered) <= 3",
  async run() {
    const dataset = await searchDataset();
    const { prisma, close } = openClients(dataset);
    try {
      const queries = [...dataset.queries.keys()];
      let short = 0;
      const { oursTimes, baselineTimes } = await alternate(
        queries,
        async (query) => {
          const hits = await prisma.article.semanticSearch(query, { take, where: { published: true }, select: { id: true, published: true } });
          if (hits.length !== take || hits.some((hit) => !hit.published)) short++;
        },
        (query) => prisma.article.semanticSearch(query, { take, select: { id: true, published: true } }),
      );
      const indexUsed = await (async () => {
        const pool = new pg.Pool({ connectionString: dataset.url, max: 1 });
        try {
          return await explainUsesIndex(pool, dataset.queries.get(queries[0]!)!, { published: true });
        } finally {
          await pool.end();
        }
      })();
      const filtered = percentile(oursTimes, 50);
      const unfiltered = percentile(baselineTimes, 50);
      return {
        ours_ms: round(filtered),
        baseline_ms: round(unfiltered),
        ratio: round(filtered / unfiltered),
        searches_short_of_take: short,
        index_used: indexUsed ? 1 : 0,
        notes: `where { published: true } keeps 5% of rows; ${oursTimes.length} searches with take ${take}: ${short === 0 ? "every one returned 10 published rows" : `${short} returned fewer than 10`}; ours = filtered p50, baseline = unfiltered p50 (both semanticSearch); EXPLAIN ${indexUsed ? "shows" : "does NOT show"} the HNSW index with the filter (iterative scan); ${datasetNote(dataset)}`,
      };
    } finally {
      await close();
    }
  },
};
