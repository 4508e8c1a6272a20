import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { withAI } from "../../src/extension/with-ai.js";
import { chunkText } from "../../src/engine/chunk-text.js";
import {
  AIError,
  ConfigError,
  DimensionMismatchError,
  InvalidSearchQueryError,
  NoEmbeddingsError,
  RecordNotFoundError,
  TakeLimitError,
  UnknownFieldError,
  UnsupportedFilterError,
} from "../../src/spec/errors/index.js";
import type { User } from "../generated/prisma/client.js";
import { applyAITables } from "../support/ai-tables.js";
import { startLoopbackAI, type LoopbackAI } from "../support/loopback-ai.js";
import { createProjectPrisma } from "../support/prisma.js";
import { projectAISchema as schema } from "../support/project-ai-schema.js";
import { useTestDatabase } from "../support/test-database.js";
import { cosine, topicVector } from "../support/topic-vectors.js";

const database = useTestDatabase();
let loopback: LoopbackAI;
let base: ReturnType<typeof createProjectPrisma>;
let prisma: ReturnType<typeof extend>;

const extend = (client: ReturnType<typeof createProjectPrisma>, options: { maxTake?: number; cache?: false } = {}) =>
  client.$extends(withAI({ ai: loopback.ai, schema, ...options }));

interface ArticleSeed {
  title: string;
  body: string;
  published: boolean;
  views: number;
  author?: "ada" | "bob" | "cy";
}
const articleSeeds: ArticleSeed[] = [
  { title: "Postgres indexes", body: "postgres index sql tuning for database people", published: true, views: 100, author: "ada" },
  { title: "Pasta night", body: "pasta sauce recipe oven", published: true, views: 10, author: "bob" },
  { title: "Jazz piano", body: "jazz piano song guitar", published: false, views: 5 },
  { title: "Recipe database", body: "postgres database for pasta recipe notes", published: true, views: 50, author: "ada" },
  { title: "Train trips", body: "train hotel mountain beach", published: false, views: 1, author: "cy" },
  { title: "SQL for musicians", body: "sql song guitar", published: true, views: 7, author: "cy" },
  { title: "Vector index search", body: "vector postgres index database sql tuning for search", published: false, views: 3, author: "bob" },
];
const ids = new Map<string, number>();

/** Best similarity of an article to `query` across title and body chunks, as the extension should compute it. */
function expectedSimilarity(seed: ArticleSeed, query: string, fields: ("title" | "body")[] = ["title", "body"]): { similarity: number; match: string | null } {
  const target = topicVector(query);
  const candidates: { similarity: number; match: string | null }[] = [];
  if (fields.includes("title")) candidates.push({ similarity: cosine(topicVector(seed.title), target), match: null });
  if (fields.includes("body")) for (const chunk of chunkText(seed.body, { size: 8, overlap: 0 })) candidates.push({ similarity: cosine(topicVector(chunk), target), match: chunk });
  return candidates.sort((a, b) => b.similarity - a.similarity)[0]!;
}

function expectedRanking(query: string, keep: (seed: ArticleSeed) => boolean = () => true, fields?: ("title" | "body")[]) {
  return articleSeeds
    .filter(keep)
    .map((seed) => ({ title: seed.title, ...expectedSimilarity(seed, query, fields) }))
    .sort((a, b) => b.similarity - a.similarity);
}

beforeAll(async () => {
  loopback = await startLoopbackAI({ vectorOf: (text) => topicVector(text) });
  await applyAITables(database().pool, schema);
  base = createProjectPrisma(database().url);
  prisma = extend(base);
  const users = {
    ada: await base.user.create({ data: { email: "ada@example.com", name: "Ada" } }),
    bob: await base.user.create({ data: { email: "bob@example.com", name: "Bob" } }),
    cy: await base.user.create({ data: { email: "cy@example.com", name: null } }),
  };
  for (const seed of articleSeeds) {
    const article = await base.article.create({
      data: { title: seed.title, body: seed.body, published: seed.published, views: seed.views, authorId: seed.author ? users[seed.author].id : null },
    });
    ids.set(seed.title, article.id);
    await prisma.article.generateEmbedding(article.id);
  }
  for (const [id, name, description] of [
    ["00000000-0000-4000-8000-000000000001", "Desk lamp", "a lamp for your hotel desk"],
    ["00000000-0000-4000-8000-000000000002", "Pricing guide", "postgres pricing sql database"],
  ] as const) {
    await base.product.create({ data: { id, name, description, price: "10.00" } });
    await prisma.product.generateEmbedding(id);
  }
});

afterAll(async () => {
  await base?.$disconnect();
  await loopback?.close();
});

describe("semanticSearch", () => {
  it("returns rows in similarity order with _similarity, over every embedded field by default", async () => {
    const hits = await prisma.article.semanticSearch("database", { take: 5 });
    const expected = expectedRanking("database").slice(0, 5);
    expect(hits.map((hit) => hit.title)).toEqual(expected.map((row) => row.title));
    hits.forEach((hit, index) => expect(hit._similarity).toBeCloseTo(expected[index]!.similarity, 5));
    expect(hits[0]).toMatchObject({ id: ids.get(expected[0]!.title), body: expect.any(String), published: expect.any(Boolean) });
  });

  it("pages with take and skip", async () => {
    const all = expectedRanking("pasta").map((row) => row.title);
    expect((await prisma.article.semanticSearch("pasta", { take: 3 })).map((hit) => hit.title)).toEqual(all.slice(0, 3));
    expect((await prisma.article.semanticSearch("pasta", { take: 3, skip: 3 })).map((hit) => hit.title)).toEqual(all.slice(3, 6));
    expect((await prisma.article.semanticSearch("pasta", { take: 10, skip: 6 })).map((hit) => hit.title)).toEqual(all.slice(6));
  });

  it("filters with an ordinary Prisma where and still returns exactly take rows", async () => {
    const where = { published: true, author: { is: { name: { not: null } } } } as const;
    const hits = await prisma.article.semanticSearch("song", { where, take: 2 });
    const expected = expectedRanking("song", (seed) => seed.published && (seed.author === "ada" || seed.author === "bob")).slice(0, 2);
    expect(hits.map((hit) => hit.title)).toEqual(expected.map((row) => row.title));
    const viaPrisma = await base.article.findMany({ where, select: { title: true } });
    expect(viaPrisma.map((row) => row.title)).toEqual(expect.arrayContaining(hits.map((hit) => hit.title)));
  });

  it("shapes rows with select (id left out when not selected) and types them", async () => {
    const hits = await prisma.article.semanticSearch("database", { select: { title: true }, take: 2 });
    expect(Object.keys(hits[0]!).sort()).toEqual(["_similarity", "title"]);
    expectTypeOf(hits).toEqualTypeOf<Array<{ title: string } & { _similarity: number }>>();
  });

  it("includes relations and omits fields like findMany", async () => {
    const hits = await prisma.article.semanticSearch("database", { include: { author: true }, omit: { body: true }, take: 3 });
    const top = hits[0]!;
    expect(top.author?.email).toBe("ada@example.com");
    expect(top).not.toHaveProperty("body");
    expectTypeOf(top.author).toEqualTypeOf<User | null>();
    expectTypeOf(top._similarity).toEqualTypeOf<number>();
    // @ts-expect-error body is omitted
    void top.body;
  });

  it("searches one field when asked, and returns the best chunk as _match", async () => {
    const hits = await prisma.article.semanticSearch("guitar song", { field: "body", includeMatch: true, take: 3 });
    const expected = expectedRanking("guitar song", () => true, ["body"]).slice(0, 3);
    expect(hits.map((hit) => [hit.title, hit._match])).toEqual(expected.map((row) => [row.title, row.match]));
    expectTypeOf(hits[0]!._match).toEqualTypeOf<string | null>();
    const titles = await prisma.article.semanticSearch("guitar song", { field: ["title"], take: 3 });
    expect(titles.map((hit) => hit.title)).toEqual(expectedRanking("guitar song", () => true, ["title"]).slice(0, 3).map((row) => row.title));
    // @ts-expect-error summary is not an embedded field
    await expect(prisma.article.semanticSearch("x", { field: "summary" })).rejects.toThrow(UnknownFieldError);
  });

  it("applies minSimilarity", async () => {
    const hits = await prisma.article.semanticSearch("database", { minSimilarity: 0.9, take: 10 });
    expect(hits.map((hit) => hit.title)).toEqual(expectedRanking("database").filter((row) => row.similarity >= 0.9).map((row) => row.title));
    expect(hits.length).toBeGreaterThan(1);
  });

  it("hybrid mode lifts full-text matches that vectors alone rank low", async () => {
    // "tuning" is no topic word: by vector the two articles saying it (both about databases) rank low.
    const vectorOnly = await prisma.article.semanticSearch("tuning", { take: 7 });
    const vectorOrder = expectedRanking("tuning").map((row) => row.title);
    expect(vectorOnly.map((hit) => hit.title)).toEqual(vectorOrder);
    expect(Math.min(vectorOrder.indexOf("Postgres indexes"), vectorOrder.indexOf("Vector index search"))).toBeGreaterThan(2);
    const hybrid = await prisma.article.semanticSearch("tuning", { take: 7, mode: "hybrid" });
    expect(hybrid.slice(0, 2).map((hit) => hit.title).sort()).toEqual(["Postgres indexes", "Vector index search"]);
    expect(new Set(hybrid.map((hit) => hit.title))).toEqual(new Set(vectorOnly.map((hit) => hit.title)));
    // _similarity stays the vector similarity; the order is the fused one.
    const vectorSimilarity = new Map(vectorOnly.map((hit) => [hit.title, hit._similarity]));
    for (const hit of hybrid) expect(hit._similarity).toBeCloseTo(vectorSimilarity.get(hit.title)!, 9);
    await expect(prisma.product.semanticSearch("lamp", { mode: "hybrid" })).rejects.toThrow(/search: hybrid/);
  });

  it("takes searchQuality per call (presets or an ef_search number) and rejects anything else", async () => {
    const expected = expectedRanking("piano").slice(0, 3).map((row) => row.title);
    for (const searchQuality of ["fast", "accurate", 64] as const) {
      expect((await prisma.article.semanticSearch("piano", { take: 3, searchQuality })).map((hit) => hit.title)).toEqual(expected);
    }
    // Seven rows rank the same at any ef_search, so read the setting back: set_config(..., true) lasts to the
    // end of the surrounding transaction.
    const efSearch = await prisma.$transaction(async (tx) => {
      await tx.article.semanticSearch("piano", { take: 3, searchQuality: 64 });
      return tx.$queryRaw<Array<{ value: string }>>`SELECT current_setting('hnsw.ef_search') AS value`;
    });
    expect(efSearch).toEqual([{ value: "64" }]);
    await expect(prisma.article.semanticSearch("piano", { searchQuality: 5000 })).rejects.toThrow(ConfigError);
    // @ts-expect-error not a preset
    await expect(prisma.article.semanticSearch("piano", { searchQuality: "best" })).rejects.toThrow(/searchQuality/);
  });

  it("works with uuid ids", async () => {
    const hits = await prisma.product.semanticSearch("hotel lamp", { take: 2 });
    expect(hits.map((hit) => hit.name)).toEqual(["Desk lamp", "Pricing guide"]);
    expectTypeOf(hits[0]!.id).toEqualTypeOf<string>();
    expect(String(hits[0]!.price)).toBe("10");
  });

  it("caches query embeddings: the same query does not call the provider again", async () => {
    const client = extend(base);
    const before = loopback.embeddingRequests().length;
    await client.article.semanticSearch("jazz hotel", { take: 1 });
    await client.article.semanticSearch("jazz hotel", { take: 2, skip: 1 });
    await client.article.semanticSearch("  jazz hotel ", { take: 1 });
    expect(loopback.embeddingRequests().length - before).toBe(1);
    expect(loopback.embeddingRequests().at(-1)!.body).toMatchObject({ model: "text-embedding-3-small", input: ["jazz hotel"], dimensions: 4 });
    // Title and body use the same model: one embedding per search serves both fields.
    expect(client.$ai.cacheStats()).toMatchObject({ hits: 2, misses: 1, size: 1 });
    const uncached = extend(base, { cache: false });
    await uncached.article.semanticSearch("jazz hotel", { take: 1 });
    await uncached.article.semanticSearch("jazz hotel", { take: 1 });
    expect(loopback.embeddingRequests().length - before).toBe(3);
  });

  it("types ids, status and cross-model rows from the schema", async () => {
    expectTypeOf(prisma.article.findSimilar).parameter(0).toEqualTypeOf<number>();
    expectTypeOf(prisma.product.findSimilar).parameter(0).toEqualTypeOf<string>();
    expectTypeOf(prisma.article.generateEmbedding).parameter(0).toEqualTypeOf<number>();
    expectTypeOf<Awaited<ReturnType<typeof prisma.article.embeddingStatus>>>().toEqualTypeOf<{ total: number; embedded: number; pending: number; failed: number; stale: number }>();
    // @ts-expect-error Article ids are numbers
    await expect(prisma.article.findSimilar("1")).rejects.toThrow(ConfigError);
    const plain = await prisma.article.semanticSearch("database", { take: 1 });
    expectTypeOf(plain[0]!).toMatchTypeOf<{ id: number; title: string; body: string; summary: string | null; _similarity: number }>();
    // @ts-expect-error _match only with includeMatch: true
    void plain[0]!._match;
    // @ts-expect-error not a search option
    await expect(prisma.article.semanticSearch("database", { limit: 1 })).rejects.toThrow(/unknown option "limit"/);
  });

  it("only annotated models get the methods", () => {
    // @ts-expect-error User has no embedded fields
    expect(prisma.user.semanticSearch).toBeUndefined();
    expect(typeof prisma.article.semanticSearch).toBe("function");
  });
});

describe("findSimilar, generateEmbedding, embeddingStatus", () => {
  it("findSimilar ranks other rows by the row's stored vectors and leaves the row out", async () => {
    const source = articleSeeds.find((seed) => seed.title === "Postgres indexes")!;
    const hits = await prisma.article.findSimilar(ids.get(source.title)!, { take: 3, field: "title", select: { title: true } });
    const target = topicVector(source.title);
    const expected = articleSeeds
      .filter((seed) => seed !== source)
      .map((seed) => ({ title: seed.title, similarity: cosine(topicVector(seed.title), target) }))
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, 3);
    expect(hits.map((hit) => hit.title)).toEqual(expected.map((row) => row.title));
    await expect(prisma.article.findSimilar(999_999)).rejects.toThrow(RecordNotFoundError);
  });

  it("generateEmbedding stores one row per chunk with content_hash = md5 of the whole text", async () => {
    const id = ids.get("Vector index search")!;
    const result = await prisma.article.generateEmbedding(id);
    const body = articleSeeds.find((seed) => seed.title === "Vector index search")!.body;
    const chunks = chunkText(body, { size: 8, overlap: 0 });
    expect(chunks.length).toBeGreaterThan(1);
    expect(result.embedded).toEqual(expect.arrayContaining([{ id: String(id), field: "body", chunks: chunks.length }, { id: String(id), field: "title", chunks: 1 }]));
    const { rows } = await database().pool.query(
      `select e.chunk_index, e.chunk_text, e.content_hash, e.content_hash = md5(a.body) as matches_postgres, e.embedding_model, vector_dims(e.embedding) as dims
       from prisma_ai.articles_embeddings e join articles a on a.id = e.row_id where e.row_id = $1 and e.field = 'body' order by e.chunk_index`,
      [id],
    );
    expect(rows.map((row) => row.chunk_text)).toEqual(chunks);
    expect(rows.every((row) => row.content_hash === createHash("md5").update(body).digest("hex") && row.matches_postgres)).toBe(true);
    expect(rows[0]).toMatchObject({ embedding_model: "openai:text-embedding-3-small", dims: 4 });
    await expect(prisma.article.generateEmbedding(424_242)).rejects.toThrow(RecordNotFoundError);
  });

  it("embeddingStatus counts embedded, pending, stale and failed rows", async () => {
    expect(await prisma.article.embeddingStatus()).toEqual({ total: 7, embedded: 7, pending: 0, failed: 0, stale: 0 });
    const fresh = await base.article.create({ data: { title: "Unembedded", body: "new text" } });
    await base.article.update({ where: { id: ids.get("Train trips")! }, data: { body: "train hotel mountain beach and more" } });
    await database().pool.query(
      "insert into prisma_ai.failures (model, row_id, field, kind, error, attempts) values ('Article', $1, 'body', 'embed', 'provider down', 10)",
      [String(ids.get("Jazz piano"))],
    );
    expect(await prisma.article.embeddingStatus()).toEqual({ total: 8, embedded: 5, pending: 1, failed: 1, stale: 1 });
    await prisma.article.generateEmbedding(fresh.id);
    await prisma.article.generateEmbedding(ids.get("Train trips")!);
    await prisma.article.generateEmbedding(ids.get("Jazz piano")!); // success clears the recorded failure
    expect(await prisma.article.embeddingStatus()).toEqual({ total: 8, embedded: 8, pending: 0, failed: 0, stale: 0 });
    await base.article.delete({ where: { id: fresh.id } });
    await base.article.update({ where: { id: ids.get("Train trips")! }, data: { body: articleSeeds[4]!.body } });
    await prisma.article.generateEmbedding(ids.get("Train trips")!);
  });
});

describe("$semanticSearch across models", () => {
  it("merges the models' rows by similarity, each tagged with _model", async () => {
    const hits = await prisma.$semanticSearch("pricing database", { models: ["Article", "Product"], take: 4 });
    const articles = expectedRanking("pricing database").map((row) => ({ model: "Article", name: row.title, similarity: row.similarity }));
    const products = [
      { model: "Product", name: "Desk lamp", similarity: cosine(topicVector("a lamp for your hotel desk"), topicVector("pricing database")) },
      { model: "Product", name: "Pricing guide", similarity: cosine(topicVector("postgres pricing sql database"), topicVector("pricing database")) },
    ];
    const expected = [...articles, ...products].sort((a, b) => b.similarity - a.similarity).slice(0, 4);
    expect(hits.map((hit) => [hit._model, hit._model === "Article" ? hit.title : hit.name])).toEqual(expected.map((row) => [row.model, row.name]));
    expect(hits.some((hit) => hit._model === "Product")).toBe(true);
    const first = hits[0]!;
    if (first._model === "Product") expectTypeOf(first.price).not.toBeAny();
    else expectTypeOf(first.title).toEqualTypeOf<string>();
    await expect(prisma.$semanticSearch("x", { models: ["User" as "Article"] })).rejects.toThrow(UnknownFieldError);
  });
});

describe("transactions", () => {
  it("searches inside an interactive transaction see its uncommitted rows; a rollback leaves nothing", async () => {
    await expect(
      prisma.$transaction(async (tx) => {
        const created = await tx.article.create({ data: { title: "Oven pasta sauce recipe", body: "pasta pasta pasta sauce oven recipe" } });
        await tx.article.generateEmbedding(created.id);
        const hits = await tx.article.semanticSearch("pasta recipe", { take: 1, field: "title" });
        expect(hits[0]!.id).toBe(created.id);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    const hits = await prisma.article.semanticSearch("pasta recipe", { take: 1, field: "title" });
    expect(hits[0]!.title).not.toBe("Oven pasta sauce recipe");
    const { rows } = await database().pool.query("select count(*)::int as n from prisma_ai.articles_embeddings e left join articles a on a.id = e.row_id where a.id is null");
    expect(rows[0].n).toBe(0);
  });

  it("composes with extensions added after it: rows are loaded through them", async () => {
    const loads: unknown[] = [];
    const composed = prisma.$extends({
      query: {
        article: {
          async findMany({ args, query }) {
            loads.push(args.where);
            return query(args);
          },
        },
      },
    });
    const hits = await composed.article.semanticSearch("jazz", { take: 1 });
    expect(hits[0]!.title).toBe("Jazz piano");
    expect(loads).toEqual([{ id: { in: [ids.get("Jazz piano")] } }]);
  });
});

describe("row-level security", () => {
  it("a table with row-level security is joined even without a filter: rows a policy hides never take a place", async () => {
    const { pool } = database();
    const reader = `prisma_ai_reader_${createHash("md5").update(String(Math.random())).digest("hex").slice(0, 8)}`;
    await pool.query(`create role "${reader}" nologin`);
    try {
      await pool.query(`grant usage on schema public, prisma_ai to "${reader}"; grant select on all tables in schema public, prisma_ai to "${reader}"`);
      await pool.query(`alter table articles enable row level security; create policy published_only on articles for select using (published)`);
      // Without the join, an unpublished article would be among the 3 nearest and be dropped by the findMany.
      const query = "postgres database";
      const published = new Map(articleSeeds.map((seed) => [seed.title, seed.published]));
      expect(expectedRanking(query).slice(0, 3).some((row) => !published.get(row.title))).toBe(true);
      const hits = await extend(base).$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`set local role "${reader}"`);
        return tx.article.semanticSearch(query, { take: 3, select: { title: true } });
      });
      expect(hits.map((hit) => hit.title)).toEqual(expectedRanking(query, (seed) => seed.published).slice(0, 3).map((row) => row.title));
    } finally {
      await pool.query("drop policy if exists published_only on articles; alter table articles disable row level security");
      await pool.query(`drop owned by "${reader}"; drop role "${reader}"`);
    }
  });
});

describe("errors", () => {
  it.each([
    ["an empty query", "   ", InvalidSearchQueryError, /empty/],
    ["an over-long query", "x".repeat(4_001), InvalidSearchQueryError, /4001 characters.*4000/],
  ])("%s", async (_name, query, type, message) => {
    await expect(prisma.article.semanticSearch(query)).rejects.toThrow(type);
    await expect(prisma.article.semanticSearch(query)).rejects.toThrow(message);
  });

  it("take beyond the configured maximum", async () => {
    const strict = extend(base, { maxTake: 5 });
    const error = await strict.article.semanticSearch("database", { take: 6 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TakeLimitError);
    expect((error as TakeLimitError).maxTake).toBe(5);
    expect(AIError.isInstance(error)).toBe(true);
  });

  it("an unsupported where operator, named", async () => {
    const where = { title: { search: "database" } } as never;
    const error = await prisma.article.semanticSearch("database", { where }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnsupportedFilterError);
    expect((error as Error).message).toContain('"search"');
  });

  it("a model with no embeddings yet, saying how to backfill", async () => {
    await database().pool.query("truncate prisma_ai.products_embeddings");
    const error = await prisma.product.semanticSearch("lamp").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NoEmbeddingsError);
    expect((error as Error).message).toMatch(/no embeddings yet.*backfill.*generateEmbedding/);
    const other = extend(base);
    // A filter that matches nothing is not an error once embeddings exist.
    await other.product.generateEmbedding("00000000-0000-4000-8000-000000000001");
    expect(await other.product.semanticSearch("lamp", { where: { name: "nothing" } })).toEqual([]);
    await other.product.generateEmbedding("00000000-0000-4000-8000-000000000002");
  });

  it("stored vectors of other dimensions than the configured model, naming both", async () => {
    // As after changing `dimensions` without re-embedding (the old index would not match the new expression).
    await database().pool.query("drop index prisma_ai.products_embeddings_description_hnsw");
    await database().pool.query(
      "update prisma_ai.products_embeddings set embedding = '[1,0,0]', embedding_model = 'openai:text-embedding-ada-002' where row_id = '00000000-0000-4000-8000-000000000001'",
    );
    await database().pool.query("delete from prisma_ai.products_embeddings where row_id <> '00000000-0000-4000-8000-000000000001'");
    const error = await extend(base).product.semanticSearch("lamp").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DimensionMismatchError);
    expect((error as Error).message).toMatch(/openai:text-embedding-3-small at 4 dimensions.*3 \(made by openai:text-embedding-ada-002\)/);
    for (const id of ["00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002"]) await prisma.product.generateEmbedding(id);
    await database().pool.query("vacuum prisma_ai.products_embeddings"); // CREATE INDEX would see the dead 3-dimension row
    await applyAITables(database().pool, schema);
  });

  it("is safe against injection through the query, where values and field names", async () => {
    const attack = "'); drop table articles; --";
    expect(await prisma.article.semanticSearch(attack, { take: 2, mode: "hybrid" })).toHaveLength(2);
    expect(await prisma.article.semanticSearch("database", { where: { title: attack } })).toEqual([]);
    await expect(prisma.article.semanticSearch("database", { where: { ['title" OR 1=1 --' as "title"]: "x" } })).rejects.toThrow(UnknownFieldError);
    await expect(prisma.article.semanticSearch("database", { field: 'body\' OR 1=1 --' as "body" })).rejects.toThrow(UnknownFieldError);
    expect(await base.article.count()).toBe(7);
  });

  it("withAI checks its options when the client is built", () => {
    expect(() => withAI({ ai: {} as never, schema })).toThrow(ConfigError);
    expect(() => withAI({ ai: loopback.ai, schema: { ...schema, version: 2 } as never })).toThrow(/version/);
    expect(() => withAI({ ai: loopback.ai, schema, maxTake: 0 })).toThrow(/maxTake/);
    expect(() => withAI({ ai: loopback.ai, schema, queue: "cron" as never })).toThrow(/queue/);
    expect(() => withAI({ ai: loopback.ai, schema, searchQuality: "best" as never })).toThrow(/searchQuality/);
    expect(() => withAI({ ai: loopback.ai, schema, cache: { maxBytes: -1 } })).toThrow(/maxBytes/);
  });
});
