import { createHash } from "node:crypto";
import type pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { whereToFilter } from "../../src/extension/where-to-filter.js";
import type { EmbeddedFieldMeta } from "../../src/schema/ai-schema.js";
import { DimensionMismatchError } from "../../src/spec/errors/search-errors.js";
import { buildSearchQuery, searchSettings, settingsStatement, type SearchHitRow, type SearchQueryInput, type SearchStatement } from "../../src/sql/search-query.js";
import { applyAITables } from "../support/ai-tables.js";
import { projectAISchema as schema } from "../support/project-ai-schema.js";
import { useTestDatabase } from "../support/test-database.js";

const database = useTestDatabase();
const article = schema.models.Article;
const product = schema.models.Product;
const [titleField, bodyField] = article.embedded as unknown as [EmbeddedFieldMeta, EmbeddedFieldMeta];
const descriptionField = product.embedded[0] as EmbeddedFieldMeta;

/** A unit vector at `degrees` in the plane of the first two dimensions: its cosine similarity to [1,0,0,0] is cos(degrees). */
const at = (degrees: number): number[] => [Math.cos((degrees * Math.PI) / 180), Math.sin((degrees * Math.PI) / 180), 0, 0];
const query = at(0);
const cosineTo0 = (degrees: number) => Math.cos((degrees * Math.PI) / 180);

/** Deterministic shuffle (so angles are distinct, 1 degree apart, in no particular order). */
function shuffled(count: number, seed: number): number[] {
  const values = Array.from({ length: count }, (_, index) => index);
  let state = seed;
  for (let index = values.length - 1; index > 0; index--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const other = state % (index + 1);
    [values[index], values[other]] = [values[other]!, values[index]!];
  }
  return values;
}

interface ArticleFixture {
  id: number;
  published: boolean;
  titleAngle: number;
  chunks: { text: string; angle: number }[];
}
const articleCount = 40;
const titleAngles = shuffled(articleCount, 7);
const chunkAngles = shuffled(articleCount * 3, 11).map((value) => value + 0.5); // never equal to a title angle
const articles: ArticleFixture[] = Array.from({ length: articleCount }, (_, index) => ({
  id: index + 1,
  published: index % 4 === 0,
  titleAngle: titleAngles[index]!,
  chunks: Array.from({ length: 1 + (index % 3) }, (_, chunk) => ({ text: `article ${index + 1} chunk ${chunk}`, angle: chunkAngles[index * 3 + chunk]! })),
}));

/** Expected order by brute force (no index): best similarity per article across the given fields. */
function expectedRanking(fields: ("title" | "body")[], keep: (fixture: ArticleFixture) => boolean = () => true): { id: string; similarity: number; match: string | null }[] {
  return articles
    .filter(keep)
    .map((fixture) => {
      const candidates: { similarity: number; match: string | null }[] = [];
      if (fields.includes("title")) candidates.push({ similarity: cosineTo0(fixture.titleAngle), match: null });
      if (fields.includes("body")) for (const chunk of fixture.chunks) candidates.push({ similarity: cosineTo0(chunk.angle), match: chunk.text });
      const best = candidates.sort((a, b) => b.similarity - a.similarity)[0]!;
      return { id: String(fixture.id), ...best };
    })
    .sort((a, b) => b.similarity - a.similarity);
}

/** The one article whose title matches "pgvector tuning" in full text: the 20th by vector similarity. */
const keywordId = Number(expectedRanking(["title", "body"])[19]!.id);

async function run(statement: SearchStatement): Promise<SearchHitRow[]> {
  const client = await database().pool.connect();
  try {
    await client.query("begin");
    const settings = settingsStatement(statement.settings);
    await client.query(settings.text, [...settings.values]);
    const { rows } = await client.query<SearchHitRow>(statement.text, [...statement.values]);
    await client.query("commit");
    return rows;
  } finally {
    client.release();
  }
}

const search = (input: Partial<SearchQueryInput> & Pick<SearchQueryInput, "take">) =>
  run(buildSearchQuery({ schema, model: article, fields: [titleField], vectors: { title: query, body: query }, ...input }));

async function insertEmbedding(pool: pg.Pool, table: string, rowId: string | number, field: string, chunk: number, text: string | null, vector: number[]) {
  await pool.query(
    `insert into prisma_ai."${table}" (row_id, field, chunk_index, chunk_text, content_hash, embedding_model, embedding) values ($1, $2, $3, $4, $5, 'loopback:embed-4', $6::vector)`,
    [rowId, field, chunk, text, createHash("md5").update(text ?? "").digest("hex"), `[${vector.join(",")}]`],
  );
}

beforeAll(async () => {
  const { pool } = database();
  await applyAITables(pool, schema);
  for (const fixture of articles) {
    const body = fixture.chunks.map((chunk) => chunk.text).join(" ");
    await pool.query("insert into articles (id, title, body, published, views) values ($1, $2, $3, $4, $5)", [
      fixture.id,
      fixture.id === keywordId ? "pgvector tuning guide" : `title ${fixture.id}`,
      body,
      fixture.published,
      fixture.id,
    ]);
    await insertEmbedding(pool, "articles_embeddings", fixture.id, "title", 0, null, at(fixture.titleAngle));
    for (const [index, chunk] of fixture.chunks.entries()) await insertEmbedding(pool, "articles_embeddings", fixture.id, "body", index, chunk.text, at(chunk.angle));
  }
  const products: [string, number][] = [
    ["00000000-0000-4000-8000-000000000003", 30],
    ["00000000-0000-4000-8000-000000000001", 10],
    ["00000000-0000-4000-8000-000000000002", 20],
  ];
  for (const [id, angle] of products) {
    await pool.query("insert into products (id, name, description, price) values ($1, $2, $3, 1)", [id, `product ${angle}`, `description ${angle}`]);
    await insertEmbedding(pool, "products_embeddings", id, "description", 0, null, at(angle));
  }
});

describe("buildSearchQuery: vector mode", () => {
  it("orders one field by similarity, with the right similarity values", async () => {
    const rows = await search({ take: 10 });
    const expected = expectedRanking(["title"]).slice(0, 10);
    expect(rows.map((row) => row.id)).toEqual(expected.map((row) => row.id));
    rows.forEach((row, index) => expect(row.similarity).toBeCloseTo(expected[index]!.similarity, 5));
    expect(rows[0]!.similarity).toBeGreaterThan(rows[9]!.similarity);
  });

  it("pages with skip and take", async () => {
    const all = expectedRanking(["title"]).map((row) => row.id);
    expect((await search({ take: 5, skip: 0 })).map((row) => row.id)).toEqual(all.slice(0, 5));
    expect((await search({ take: 5, skip: 5 })).map((row) => row.id)).toEqual(all.slice(5, 10));
    expect((await search({ take: 5, skip: 38 })).map((row) => row.id)).toEqual(all.slice(38));
  });

  it("filters inside the statement, so take is exact even when most neighbours are filtered out", async () => {
    const rows = await search({ take: 7, filter: whereToFilter({ published: true }, schema, article) });
    expect(rows.map((row) => row.id)).toEqual(
      expectedRanking(["title"], (fixture) => fixture.published)
        .slice(0, 7)
        .map((row) => row.id),
    );
    expect(rows).toHaveLength(7);
  });

  it("combines filters with relation filters and OR", async () => {
    const rows = await search({ take: 40, filter: whereToFilter({ OR: [{ views: { lt: 5 } }, { views: { gt: 35 } }], author: null }, schema, article) });
    expect(rows.map((row) => row.id)).toEqual(expectedRanking(["title"], (fixture) => fixture.id < 5 || fixture.id > 35).map((row) => row.id));
  });

  it("applies minSimilarity as a cut of the same order", async () => {
    const rows = await search({ take: 40, minSimilarity: 0.9 });
    const expected = expectedRanking(["title"]).filter((row) => row.similarity >= 0.9);
    expect(expected.length).toBeGreaterThan(3);
    expect(rows.map((row) => row.id)).toEqual(expected.map((row) => row.id));
  });

  it("returns each row once for a chunked field, with its best chunk as match", async () => {
    const rows = await search({ fields: [bodyField], take: 15 });
    const expected = expectedRanking(["body"]).slice(0, 15);
    expect(rows.map((row) => row.id)).toEqual(expected.map((row) => row.id));
    expect(rows.map((row) => row.match)).toEqual(expected.map((row) => row.match));
    expect(new Set(rows.map((row) => row.id)).size).toBe(15);
  });

  it("ranks several fields by each row's best similarity across them", async () => {
    for (const [take, skip] of [[10, 0], [8, 6], [40, 0]] as const) {
      const rows = await search({ fields: [titleField, bodyField], take, skip });
      const expected = expectedRanking(["title", "body"]).slice(skip, skip + take);
      expect(rows.map((row) => row.id)).toEqual(expected.map((row) => row.id));
      expect(rows.map((row) => row.match)).toEqual(expected.map((row) => row.match));
    }
  });

  it("works with uuid ids", async () => {
    const rows = await run(buildSearchQuery({ schema, model: product, fields: [descriptionField], vectors: { description: query }, take: 3 }));
    expect(rows.map((row) => row.id)).toEqual(["00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002", "00000000-0000-4000-8000-000000000003"]);
    const filtered = await run(
      buildSearchQuery({ schema, model: product, fields: [descriptionField], vectors: { description: query }, take: 3, filter: whereToFilter({ id: { not: "00000000-0000-4000-8000-000000000001" } }, schema, product) }),
    );
    expect(filtered.map((row) => row.id)).toEqual(["00000000-0000-4000-8000-000000000002", "00000000-0000-4000-8000-000000000003"]);
  });

  it("excludes given ids (findSimilar leaves the source row out)", async () => {
    const all = expectedRanking(["title"]).map((row) => row.id);
    const rows = await search({ take: 3, excludeIds: [all[0]!] });
    expect(rows.map((row) => row.id)).toEqual(all.slice(1, 4));
  });

  it("joins the source table only for a filter or row-level security, with the same results either way", async () => {
    const source = /"public"\."articles"/;
    for (const fields of [[titleField], [bodyField], [titleField, bodyField]]) {
      const joined = buildSearchQuery({ schema, model: article, fields, vectors: { title: query, body: query }, take: 12 });
      const unjoined = buildSearchQuery({ schema, model: article, fields, vectors: { title: query, body: query }, take: 12, rowSecurity: false });
      expect(joined.text).toMatch(source);
      expect(unjoined.text).not.toMatch(source);
      expect(await run(unjoined)).toEqual(await run(joined));
    }
    const filtered = buildSearchQuery({ schema, model: article, fields: [titleField], vectors: { title: query }, take: 3, filter: whereToFilter({ published: true }, schema, article), rowSecurity: false });
    expect(filtered.text).toMatch(source);
    const excluding = buildSearchQuery({ schema, model: article, fields: [titleField], vectors: { title: query }, take: 3, excludeIds: ["1"], rowSecurity: false });
    expect(excluding.text).toMatch(source);
  });

  it("rejects a query vector of other dimensions, naming both", () => {
    expect(() => buildSearchQuery({ schema, model: article, fields: [titleField], vectors: { title: [1, 0, 0] }, take: 1 })).toThrow(DimensionMismatchError);
    expect(() => buildSearchQuery({ schema, model: article, fields: [titleField], vectors: { title: [1, 0, 0] }, take: 1 })).toThrow(/3 dimensions.*declared with 4/);
  });
});

describe("buildSearchQuery: hybrid mode", () => {
  it("fuses full-text rank and vector rank by reciprocal rank fusion", async () => {
    // One article is the only full-text match for "pgvector tuning"; by vector it ranks 20th.
    const vectorRanking = expectedRanking(["title", "body"]);
    const keyword = String(keywordId);
    const rows = await search({ fields: [titleField, bodyField], take: 40, mode: "hybrid", text: "pgvector tuning" });
    // RRF by hand: it gets 1/(60+1) from text plus 1/(60+rank) from vectors; everyone else only their vector term.
    const expected = vectorRanking
      .map((row, index) => ({ id: row.id, score: 1 / (60 + index + 1) + (row.id === keyword ? 1 / 61 : 0) }))
      .sort((a, b) => b.score - a.score);
    expect(rows.map((row) => row.id)).toEqual(expected.map((row) => row.id));
    expect(rows[0]!.id).toBe(keyword);
    rows.forEach((row, index) => expect(row.score).toBeCloseTo(expected[index]!.score, 9));
    expect(rows[0]!.similarity).toBeCloseTo(vectorRanking[19]!.similarity, 5);
  });

  it("binds the query text: tsquery syntax and SQL in it are just words", async () => {
    for (const text of ["'); drop table articles; --", "pgvector & | ! ( tuning", "\\' OR 1=1"]) {
      const rows = await search({ fields: [titleField], take: 5, mode: "hybrid", text });
      expect(rows).toHaveLength(5);
    }
    const { rows } = await database().pool.query("select count(*)::int as n from articles");
    expect(rows[0].n).toBe(articleCount);
  });
});

describe("buildSearchQuery: hybrid hits found by full text only", () => {
  beforeAll(async () => {
    // 45 rows closer to the query than any other push the keyword article out of the 40 vector candidates.
    const { pool } = database();
    for (let index = 0; index < 45; index++) {
      const id = 1000 + index;
      await pool.query("insert into articles (id, title, body, views) values ($1, 'filler', 'filler', 0)", [id]);
      await insertEmbedding(pool, "articles_embeddings", id, "body", 0, "filler", at(index * 0.01));
    }
    await pool.query("insert into articles (id, title, body, views) values (9000, 'pgvector tuning, not embedded yet', 'x', 0)");
  });

  it("gives them their real similarity and best chunk", async () => {
    const rows = await search({ fields: [bodyField], take: 3, mode: "hybrid", text: "pgvector tuning" });
    // Equal scores (rank 1 in one list each): the higher similarity first.
    expect(rows.map((row) => row.id)).toEqual(["1000", String(keywordId), "1001"]);
    const expected = expectedRanking(["body"], (fixture) => fixture.id === keywordId)[0]!;
    expect(rows[1]!.similarity).toBeCloseTo(expected.similarity, 5);
    expect(rows[1]!.match).toBe(expected.match);
    expect(rows[1]!.score).toBeCloseTo(rows[0]!.score, 12);
  });

  it("leaves out rows that match the text but have no embedding yet", async () => {
    const rows = await search({ fields: [bodyField], take: 100, mode: "hybrid", text: "pgvector tuning" });
    expect(rows.map((row) => row.id)).not.toContain("9000");
    expect(rows.map((row) => row.id)).toContain(String(keywordId));
  });
});

describe("search settings", () => {
  it("maps searchQuality to hnsw.ef_search, never below skip + take", () => {
    const ef = (quality: Parameters<typeof searchSettings>[0], wanted = 10) => searchSettings(quality, wanted).find((setting) => setting.name === "hnsw.ef_search")!.value;
    expect(ef("fast")).toBe("40");
    expect(ef("balanced")).toBe("200");
    expect(ef("accurate")).toBe("400");
    expect(ef(250)).toBe("250");
    expect(ef("fast", 90)).toBe("90");
    expect(ef("accurate", 5000)).toBe("1000");
    expect(() => searchSettings(0, 1)).toThrow(RangeError);
    expect(() => searchSettings("best" as never, 1)).toThrow(/searchQuality/);
  });

  it("applies them for the transaction only (SET LOCAL semantics)", async () => {
    const client = await database().pool.connect();
    try {
      const before = (await client.query("show hnsw.ef_search")).rows[0]["hnsw.ef_search"];
      await client.query("begin");
      const statement = settingsStatement(searchSettings("accurate", 10));
      await client.query(statement.text, [...statement.values]);
      expect((await client.query("show hnsw.ef_search")).rows[0]["hnsw.ef_search"]).toBe("400");
      expect((await client.query("show hnsw.iterative_scan")).rows[0]["hnsw.iterative_scan"]).toBe("relaxed_order");
      await client.query("commit");
      expect((await client.query("show hnsw.ef_search")).rows[0]["hnsw.ef_search"]).toBe(before);
    } finally {
      client.release();
    }
  });
});
