import { beforeAll, describe, expect, it } from "vitest";
import { whereToFilter } from "../../src/extension/where-to-filter.js";
import type { EmbeddedFieldMeta } from "../../src/schema/ai-schema.js";
import { buildSearchQuery, settingsStatement, type SearchQueryInput } from "../../src/sql/search-query.js";
import { applyAITables } from "../support/ai-tables.js";
import { projectAISchema as schema } from "../support/project-ai-schema.js";
import { useTestDatabase } from "../support/test-database.js";

// Enough rows that the planner prefers the HNSW partial indexes over a sequential scan and sort.
const database = useTestDatabase();
const rows = 5_000;
const article = schema.models.Article;
const [titleField, bodyField] = article.embedded as unknown as [EmbeddedFieldMeta, EmbeddedFieldMeta];

async function plan(input: Partial<SearchQueryInput>): Promise<string> {
  const statement = buildSearchQuery({ schema, model: article, fields: [titleField], vectors: { title: [1, 0, 0, 0], body: [1, 0, 0, 0] }, take: 10, ...input });
  const client = await database().pool.connect();
  try {
    await client.query("begin");
    const settings = settingsStatement(statement.settings);
    await client.query(settings.text, [...settings.values]);
    const { rows: lines } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${statement.text}`, [...statement.values]);
    await client.query("rollback");
    return lines.map((line) => line["QUERY PLAN"]).join("\n");
  } finally {
    client.release();
  }
}

beforeAll(async () => {
  const { pool } = database();
  await applyAITables(pool, schema);
  await pool.query(`insert into articles (id, title, body, published, views)
    select i, 'title ' || i, 'body ' || i, i % 20 = 0, i from generate_series(1, ${rows}) i`);
  await pool.query(`insert into prisma_ai.articles_embeddings (row_id, field, chunk_index, chunk_text, content_hash, embedding_model, embedding)
    select i, f.field, c, case when f.field = 'body' then 'chunk ' || c end, md5('x'), 'loopback:embed-4',
           array[random() - 0.5, random() - 0.5, random() - 0.5, random() - 0.5]::float4[]::vector
    from generate_series(1, ${rows}) i, (values ('title'), ('body')) f(field), generate_series(0, 1) c
    where f.field = 'body' or c = 0`);
  await pool.query("analyze");
}, 120_000);

describe("the search statement uses the partial HNSW index of each field", () => {
  it("one field", async () => {
    expect(await plan({})).toMatch(/Index Scan using "?articles_embeddings_title_hnsw"?/);
  });

  it("one field without joining the source table (no filter, no row-level security)", async () => {
    expect(await plan({ rowSecurity: false })).toMatch(/Index Scan using "?articles_embeddings_title_hnsw"?/);
  });

  it("one field with a filter on the source table (iterative scan keeps it index-backed)", async () => {
    expect(await plan({ filter: whereToFilter({ published: true, views: { gt: 10 } }, schema, article) })).toMatch(/Index Scan using "?articles_embeddings_title_hnsw"?/);
  });

  it("a chunked field", async () => {
    expect(await plan({ fields: [bodyField] })).toMatch(/Index Scan using "?articles_embeddings_body_hnsw"?/);
  });

  it("several fields: one index scan per field", async () => {
    const text = await plan({ fields: [titleField, bodyField] });
    expect(text).toMatch(/Index Scan using "?articles_embeddings_title_hnsw"?/);
    expect(text).toMatch(/Index Scan using "?articles_embeddings_body_hnsw"?/);
  });

  it("hybrid: the vector side uses the HNSW index and the text side the GIN index", async () => {
    const text = await plan({ mode: "hybrid", text: "4242" });
    expect(text).toMatch(/Index Scan using "?articles_embeddings_title_hnsw"?/);
    expect(text).toMatch(/articles_prisma_ai_fts/);
  });
});

describe("the statement applies its own pgvector settings before the index scan", () => {
  it("a filter keeping 5% of rows still fills take from the index (iterative scan is on), with no separate SET", async () => {
    const statement = buildSearchQuery({ schema, model: article, fields: [titleField], vectors: { title: [1, 0, 0, 0] }, take: 10, filter: whereToFilter({ published: true }, schema, article) }, 40);
    const { rows } = await database().pool.query<{ id: string }>(statement.text, [...statement.values]);
    expect(rows).toHaveLength(10);
    const { rows: published } = await database().pool.query("select count(*)::int as n from articles where id = any($1::int[]) and published", [rows.map((row) => Number(row.id))]);
    expect(published[0].n).toBe(10);
    const { rows: lines } = await database().pool.query<{ "QUERY PLAN": string }>(`EXPLAIN ${statement.text}`, [...statement.values]);
    expect(lines.map((line) => line["QUERY PLAN"]).join("\n")).toMatch(/Index Scan using "?articles_embeddings_title_hnsw"?/);
  });

  it("leaves the session's settings as they were", async () => {
    const client = await database().pool.connect();
    try {
      const before = (await client.query("show hnsw.iterative_scan")).rows[0]["hnsw.iterative_scan"];
      const statement = buildSearchQuery({ schema, model: article, fields: [titleField], vectors: { title: [1, 0, 0, 0] }, take: 3 }, "accurate");
      await client.query(statement.text, [...statement.values]);
      expect((await client.query("show hnsw.iterative_scan")).rows[0]["hnsw.iterative_scan"]).toBe(before);
      expect((await client.query("show hnsw.ef_search")).rows[0]["hnsw.ef_search"]).toBe("40");
    } finally {
      client.release();
    }
  });
});
