// The app's own Vitest suite (see docs/testing-your-app.md; the app is examples/testing/app.ts): fakeAI with the
// Prisma extension, the worker and real Postgres (and PGlite), no API key, no network. Inside this repository the
// imports are relative; an app imports from "prisma-extension-ai", "prisma-extension-ai/worker" and
// "prisma-extension-ai/testing".
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { runMigrations } from "graphile-worker";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { blogTablesSql } from "../../examples/blog/demo-database.js";
import { aiSchema as blogSchema } from "../../examples/blog/generated/ai/index.js";
import { PrismaClient as BlogPrismaClient } from "../../examples/blog/generated/prisma/client.js";
import { buildMigrationSql, RateLimitError, withAI } from "../../src/index.js";
import { fakeAI, fakeEmbedding, type FakeAI } from "../../src/testing.js";
import { runAIWorker, type AIWorker } from "../../src/worker.js";
import { applyAITables } from "../support/ai-tables.js";
import { createProjectPrisma } from "../support/prisma.js";
import { useTestDatabase } from "../support/test-database.js";
import { aiOptions, appSchema as schema, createAppClient, searchArticles, tagText, type AppClient } from "../../examples/testing/app.js";

const articles = [
  { title: "Fresh egg pasta by hand", body: "Knead flour and eggs into a dough, roll the pasta thin and cut tagliatelle for an Italian dinner." },
  { title: "Slow-cooked tomato sauce", body: "Simmer tomatoes with garlic and olive oil; Italian cooking rewards patience." },
  { title: "Indexing Postgres tables", body: "A btree index speeds up lookups; check the query plan before adding one." },
  { title: "Building an emergency fund", body: "Keep three months of expenses in a savings account you can reach quickly." },
];

/** Polls `check` until it is true; fails after a generous deadline (no timing assumption). */
async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("the app with the worker on Postgres (fakeAI, no network)", () => {
  const database = useTestDatabase();
  let ai: FakeAI;
  let worker: AIWorker;
  let base: ReturnType<typeof createProjectPrisma>;
  let prisma: AppClient;

  beforeAll(async () => {
    ai = fakeAI(aiOptions);
    await runMigrations({ connectionString: database().url });
    await database().pool.query(buildMigrationSql(schema, { triggers: true, generatedBy: "app tests" }));
    base = createProjectPrisma(database().url);
    prisma = createAppClient(base, ai);
    const quiet = () => {};
    worker = await runAIWorker({ connectionString: database().url, ai, schema, pollInterval: 100, handleSignals: false, logger: { info: quiet, warn: quiet, error: quiet } });
  });

  afterAll(async () => {
    await worker?.stop();
    await base?.$disconnect();
  });

  it("embeds and summarizes new articles in the worker, with OpenAI rate limited: the summaries come from the fallback", async () => {
    ai.replyWhen("Summarize", (call) => `Summary: ${call.prompt.split(": ")[1]?.split(" ").slice(0, 4).join(" ")}`);
    ai.fail("chat", "rate-limit", { model: "openai" });
    for (const article of articles) await prisma.article.create({ data: article });
    await waitUntil(async () => (await prisma.article.embeddingStatus()).embedded === articles.length, "the worker to embed every article");
    await waitUntil(async () => (await base.article.count({ where: { summary: null } })) === 0, "the worker to write every summary");

    const summaries = await base.article.findMany({ orderBy: { id: "asc" }, select: { summary: true } });
    expect(summaries.map((row) => row.summary)).toEqual([
      "Summary: Knead flour and eggs",
      "Summary: Simmer tomatoes with garlic",
      "Summary: A btree index speeds",
      "Summary: Keep three months of",
    ]);
    // Each summary was asked of OpenAI first (rate limited), then answered by Anthropic.
    const failed = ai.expectCalled("chat", { model: "openai:gpt-4o-mini", matching: "Summarize", times: articles.length });
    expect(failed.every((call) => call.error instanceof RateLimitError && call.error.isRetryable)).toBe(true);
    ai.expectCalled("chat", { model: "anthropic:claude-haiku-4-5", matching: "Summarize", times: articles.length });
    // The worker embedded the titles and the chunked bodies with the schema's model at the schema's size.
    const embedded = ai.expectCalled("embed", { model: "openai:text-embedding-3-small", matching: "Fresh egg pasta by hand" });
    expect(embedded[0]).toMatchObject({ dimensions: 256, inputType: "document" });
    ai.recover();
  });

  it("ranks the app's search results by meaning", async () => {
    expect(await searchArticles(prisma, "italian pasta dough recipe")).toEqual([
      "Fresh egg pasta by hand",
      "Slow-cooked tomato sauce",
      expect.any(String),
      expect.any(String),
    ]);
    expect((await searchArticles(prisma, "postgres query index"))[0]).toBe("Indexing Postgres tables");
    expect((await searchArticles(prisma, "savings for expenses"))[0]).toBe("Building an emergency fund");
    // The query was embedded as a query, at the stored vectors' size.
    expect(ai.expectCalled("embed", { matching: "italian pasta dough recipe" })[0]).toMatchObject({ inputType: "query", dimensions: 256 });
  });
});

describe("the app's own fallback (fakeAI faults)", () => {
  let ai: FakeAI;
  beforeEach(() => {
    ai = fakeAI(aiOptions);
  });

  it("tags with the model's label when the providers answer", async () => {
    ai.replyWhen("pasta", { object: { label: "cooking" } });
    expect(await tagText(ai, "Roll the pasta thin")).toBe("cooking");
    const [call] = ai.expectCalled("chat", { model: "openai:gpt-4o-mini", times: 1 });
    expect(call!.responseFormat).toMatchObject({ type: "json", schema: { properties: { label: { enum: ["cooking", "software", "money"] } } } });
  });

  it("files the text as untagged when every provider is down, without throwing", async () => {
    ai.fail("chat", "server-error");
    expect(await tagText(ai, "Roll the pasta thin")).toBe("untagged");
    ai.expectCalled("chat", { model: "openai", times: 1 });
    ai.expectCalled("chat", { model: "anthropic", times: 1 });
  });

  it("does not hide a failure that is not retryable", async () => {
    ai.failNext("chat", "context-length");
    await expect(tagText(ai, "Roll the pasta thin")).rejects.toMatchObject({ code: "context_length" });
    ai.expectNotCalled("chat", { model: "anthropic" });
  });
});

describe("the app with the inline queue on Postgres", () => {
  const database = useTestDatabase();
  let base: ReturnType<typeof createProjectPrisma>;

  beforeAll(async () => {
    await applyAITables(database().pool, schema);
    base = createProjectPrisma(database().url);
  });
  afterAll(async () => {
    await base?.$disconnect();
  });

  it("embeds on write, generates the summary in process, and searches", async () => {
    const ai = fakeAI().reply("A pasta article.", "A sauce article.", "An index article.", "A savings article.");
    const prisma = createAppClient(base, ai, "inline");
    for (const article of articles) {
      await prisma.article.create({ data: article });
      await prisma.$ai.drain();
    }
    expect((await base.article.findMany({ orderBy: { id: "asc" } })).map((row) => row.summary)).toEqual([
      "A pasta article.",
      "A sauce article.",
      "An index article.",
      "A savings article.",
    ]);
    expect(await searchArticles(prisma, "tomato garlic sauce")).toEqual(["Slow-cooked tomato sauce", expect.any(String), expect.any(String), expect.any(String)]);
    // The stored title vector is exactly fakeEmbedding of the title: an app test may compute expected vectors.
    const { rows } = await database().pool.query<{ embedding: string }>(
      "select embedding::text from prisma_ai.articles_embeddings where field = 'title' order by row_id limit 1",
    );
    const stored = JSON.parse(rows[0]!.embedding) as number[];
    fakeEmbedding(articles[0]!.title, 256).forEach((value, index) => expect(stored[index]).toBeCloseTo(value, 5));
  });
});

describe("the app on PGlite (inline)", () => {
  let pglite: PGlite;
  let client: BlogPrismaClient;

  beforeAll(async () => {
    pglite = await PGlite.create({ extensions: { vector } });
    await pglite.exec(blogTablesSql);
    await pglite.exec(buildMigrationSql(blogSchema, { triggers: false, generatedBy: "app tests" }));
    client = new BlogPrismaClient({ adapter: new PrismaPGlite(pglite) });
  }, 120_000);
  afterAll(async () => {
    await client?.$disconnect();
    await pglite?.close();
  });

  it("embeds with the schema's local model name (faked) and generates with the faked OpenAI model", async () => {
    const ai = fakeAI();
    ai.replyWhen(/Title: Fresh egg pasta/, "Egg pasta, by hand.");
    const prisma = client.$extends(withAI({ ai, schema: blogSchema, queue: "inline" }));
    const author = await prisma.author.create({ data: { name: "Fake Author" } });
    const pasta = await prisma.article.create({ data: { title: "Fresh egg pasta", body: "Knead flour and eggs into pasta dough.", topic: "cooking", authorId: author.id } });
    await prisma.article.create({ data: { title: "Emergency fund", body: "Savings for three months of expenses.", topic: "finance", authorId: author.id } });
    expect(await prisma.$ai.drain()).toMatchObject({ embedded: 2, generated: 2, failures: [] });
    expect((await prisma.article.findUniqueOrThrow({ where: { id: pasta.id } })).summary).toBe("Egg pasta, by hand.");
    const hits = await prisma.article.semanticSearch("pasta dough", { take: 2 });
    expect(hits.map((hit) => hit.id)[0]).toBe(pasta.id);
    expect(ai.expectCalled("embed", { model: "local:use-lite" })[0]!.dimensions).toBe(512);
  });
});
