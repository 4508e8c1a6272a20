// prisma-ai's SQL in inline mode on PGlite (Postgres in WASM, one connection, no Graphile Worker): the demo's
// embedded database. The inline SQL is the worker SQL without its triggers; the client extension embeds in
// process after each write.
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blogTablesSql } from "../../examples/blog/demo-database.js";
import { aiSchema } from "../../examples/blog/generated/ai/index.js";
import { PrismaClient } from "../../examples/blog/generated/prisma/client.js";
import { withAI } from "../../src/extension/index.js";
import { createAI } from "../../src/ai/create-ai.js";
import { buildMigrationSql, buildModelSql } from "../../src/sql/index.js";

// Without the @ai.generate field (no chat provider key in tests): only embeddings are computed.
const schema = { ...aiSchema, models: { Article: { ...aiSchema.models.Article, generated: [] as [] } } };
const inlineSql = buildMigrationSql(schema, { triggers: false, generatedBy: "test" });

let pglite: PGlite;
let prisma: PrismaClient;

beforeAll(async () => {
  pglite = await PGlite.create({ extensions: { vector } });
  await pglite.exec(blogTablesSql);
  await pglite.exec(inlineSql);
  prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
}, 120_000);

afterAll(async () => {
  await prisma?.$disconnect();
  await pglite?.close();
});

async function rows<T>(sql: string, parameters: unknown[] = []): Promise<T[]> {
  return (await pglite.query<T>(sql, parameters)).rows;
}

describe("prisma_ai SQL in inline mode on PGlite", () => {
  it("installs the worker SQL's tables and indexes without its triggers, idempotently", async () => {
    expect(inlineSql).toContain("triggers=false");
    expect(inlineSql).not.toContain("graphile_worker");
    await pglite.exec(inlineSql); // a second time: harmless

    const indexes = await rows<{ indexname: string }>(
      "select indexname from pg_indexes where schemaname in ('prisma_ai', 'public') and tablename in ('blog_articles_embeddings', 'blog_articles') order by 1",
    );
    expect(indexes.map((index) => index.indexname)).toEqual(
      expect.arrayContaining(["blog_articles_embeddings_body_hnsw", "blog_articles_embeddings_title_hnsw", "blog_articles_prisma_ai_fts"]),
    );
    const triggers = await rows<{ tgname: string }>("select tgname from pg_trigger where tgrelid = 'public.blog_articles'::regclass and not tgisinternal");
    expect(triggers).toEqual([]);
    const migrations = await rows<{ id: number; name: string }>("select id, name from prisma_ai.migrations order by id");
    expect(migrations.map((migration) => migration.id)).toEqual([0, 1, 2, 3]);
    expect(migrations[0]!.name).toMatch(/^models sha256:[0-9a-f]{16}$/);
  });

  it("with the worker SQL's triggers, every insert would fail there: PGlite has no graphile_worker.add_job", async () => {
    const failure = await pglite
      .transaction(async (transaction) => {
        await transaction.exec(buildModelSql(aiSchema, { triggers: true }));
        await transaction.exec(`insert into blog_authors (name) values ('trigger probe')`);
        await transaction.exec(`insert into blog_articles (title, body, topic, author_id) select 't', 'b', 'x', id from blog_authors where name = 'trigger probe'`);
      })
      .catch((error: unknown) => error);
    expect((failure as Error).message).toMatch(/graphile_worker/);
    // Rolled back: still no trigger, no row.
    expect(await rows("select tgname from pg_trigger where tgrelid = 'public.blog_articles'::regclass and not tgisinternal")).toEqual([]);
    expect(await rows("select id from blog_authors where name = 'trigger probe'")).toEqual([]);
  });

  it("embeds writes made through Prisma in process (local model), keeps them current on update, and searches them", async () => {
    const ai = createAI();
    const client = prisma.$extends(withAI({ ai, schema, queue: "inline" }));
    const author = await client.author.create({ data: { name: "Inline Author" } });
    const [pasta, network, savings] = await Promise.all(
      [
        ["Fresh egg pasta by hand", "Knead flour and eggs into a smooth dough, rest it, roll it thin and cut tagliatelle.", "cooking"],
        ["Training a neural network", "Gradient descent lowers the loss one small step at a time over mini-batches of training data.", "machine-learning"],
        ["Building an emergency fund", "Keep three to six months of expenses in a savings account you can reach quickly.", "finance"],
      ].map(([title, body, topic]) => client.article.create({ data: { title: title!, body: body!, topic: topic!, authorId: author.id } })),
    );
    const drained = await client.$ai.drain();
    expect(drained).toMatchObject({ embedded: 3, generated: 0, failures: [] });

    const stored = await rows<{ row_id: number; field: string; current: boolean; embedding_model: string; dims: number }>(
      `select e.row_id, e.field, e.content_hash = md5(case e.field when 'title' then a.title else a.body end) as current,
              e.embedding_model, vector_dims(e.embedding) as dims
         from prisma_ai.blog_articles_embeddings e join blog_articles a on a.id = e.row_id order by e.row_id, e.field`,
    );
    expect(stored).toEqual(
      [pasta!, network!, savings!].flatMap((article) =>
        ["body", "title"].map((field) => ({ row_id: article.id, field, current: true, embedding_model: "local:use-lite", dims: 512 })),
      ),
    );

    const hits = await client.article.semanticSearch("homemade Italian noodles", { take: 3 });
    expect(hits.map((hit) => hit.id)).toEqual([pasta!.id, expect.any(Number), expect.any(Number)]);
    expect(hits[0]!._similarity).toBeGreaterThan(hits[1]!._similarity);
    const finance = await client.article.semanticSearch("where to keep money for bad times", { where: { topic: "finance" }, take: 3 });
    expect(finance.map((hit) => hit.id)).toEqual([savings!.id]);

    const before = await rows<{ content_hash: string }>("select content_hash from prisma_ai.blog_articles_embeddings where row_id = $1 and field = 'body'", [network!.id]);
    await client.article.update({ where: { id: network!.id }, data: { body: "Backpropagation computes the gradient of the loss for every weight." } });
    expect(await client.$ai.drain()).toMatchObject({ embedded: 1, failures: [] });
    const after = await rows<{ content_hash: string; current: boolean }>(
      "select e.content_hash, e.content_hash = md5(a.body) as current from prisma_ai.blog_articles_embeddings e join blog_articles a on a.id = e.row_id where row_id = $1 and field = 'body'",
      [network!.id],
    );
    expect(after[0]!.current).toBe(true);
    expect(after[0]!.content_hash).not.toBe(before[0]!.content_hash);
    expect(await client.article.embeddingStatus()).toEqual({ total: 3, embedded: 3, pending: 0, stale: 0, failed: 0 });

    await client.article.delete({ where: { id: savings!.id } });
    expect(await rows("select row_id from prisma_ai.blog_articles_embeddings where row_id = $1", [savings!.id])).toEqual([]);
  });
});
