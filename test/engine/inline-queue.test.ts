import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { withAI } from "../../src/extension/with-ai.js";
import { chunkText } from "../../src/engine/chunk-text.js";
import { applyAITables } from "../support/ai-tables.js";
import { startLoopbackAI, type LoopbackAI } from "../support/loopback-ai.js";
import { createProjectPrisma } from "../support/prisma.js";
import { projectAISchema as schema } from "../support/project-ai-schema.js";
import { useTestDatabase } from "../support/test-database.js";
import { topicVector } from "../support/topic-vectors.js";

// queue: "inline": writes through the extended client embed (and generate) in this process; $ai.drain() waits.
const database = useTestDatabase();
let loopback: LoopbackAI;
let base: ReturnType<typeof createProjectPrisma>;
let prisma: ReturnType<typeof inline>;

const inline = (client: ReturnType<typeof createProjectPrisma>) => client.$extends(withAI({ ai: loopback.ai, schema, queue: "inline" }));

async function storedEmbeddings(articleId: number): Promise<Array<{ field: string; chunk_index: number; chunk_text: string | null }>> {
  const { rows } = await database().pool.query(
    "select field, chunk_index, chunk_text from prisma_ai.articles_embeddings where row_id = $1 order by field, chunk_index",
    [articleId],
  );
  return rows;
}

beforeAll(async () => {
  loopback = await startLoopbackAI({
    vectorOf: (text) => {
      if (text.includes("unembeddable")) throw new Error("this text cannot be embedded");
      return topicVector(text);
    },
    reply: (prompt) => {
      if (prompt.includes("ungeneratable")) throw new Error("the model refused");
      return `summary: ${prompt.split(": ")[1]?.slice(0, 30)}`;
    },
  });
  await applyAITables(database().pool, schema);
  base = createProjectPrisma(database().url);
  prisma = inline(base);
});

afterAll(async () => {
  await base?.$disconnect();
  await loopback?.close();
});

let embeddingCalls = 0;
let chatCalls = 0;
beforeEach(async () => {
  await prisma.$ai.drain();
  embeddingCalls = loopback.embeddingRequests().length;
  chatCalls = loopback.chatRequests().length;
});
const newEmbeddingRequests = () => loopback.embeddingRequests().slice(embeddingCalls);
const newChatRequests = () => loopback.chatRequests().slice(chatCalls);

describe("queue: inline", () => {
  it("create embeds every embedded field (chunked body included) and generates the summary", async () => {
    const body = "postgres index sql tuning for database people who like jazz";
    const article = await prisma.article.create({ data: { title: "Postgres", body } });
    expect(await storedEmbeddings(article.id)).toEqual([]); // not yet: after the write, not inside it
    const result = await prisma.$ai.drain();
    expect(result).toEqual({ embedded: 1, generated: 1, failures: [] });
    const chunks = chunkText(body, { size: 8, overlap: 0 });
    expect(await storedEmbeddings(article.id)).toEqual([
      ...chunks.map((chunk, index) => ({ field: "body", chunk_index: index, chunk_text: chunk })),
      { field: "title", chunk_index: 0, chunk_text: null },
    ]);
    expect(newChatRequests().map((request) => request.body)).toEqual([
      expect.objectContaining({ model: "gpt-4o-mini", messages: [{ role: "user", content: `Summarize in one sentence: ${body}` }] }),
    ]);
    expect((await base.article.findUniqueOrThrow({ where: { id: article.id } })).summary).toBe(`summary: ${body.slice(0, 30)}`.trim());
    const hits = await prisma.article.semanticSearch("jazz database", { take: 1 });
    expect(hits[0]!.id).toBe(article.id);
  });

  it("rows written together are embedded in one request", async () => {
    const rows = await prisma.article.createManyAndReturn({ data: Array.from({ length: 5 }, (_, index) => ({ title: `pasta ${index}`, body: `pasta sauce number ${index}` })) });
    expect((await prisma.$ai.drain()).embedded).toBe(5);
    expect(newEmbeddingRequests()).toHaveLength(1);
    expect((newEmbeddingRequests()[0]!.body as { input: string[] }).input).toHaveLength(10);
    for (const row of rows) expect((await storedEmbeddings(row.id)).length).toBe(2);
  });

  it("a loop of sequential creates is embedded completely", async () => {
    const created: number[] = [];
    for (let index = 0; index < 12; index++) created.push((await prisma.article.create({ data: { title: `hotel ${index}`, body: `hotel beach ${index}` } })).id);
    expect((await prisma.$ai.drain()).embedded).toBe(12);
    for (const id of created) expect((await storedEmbeddings(id)).length).toBe(2);
  });

  it("update re-embeds only changed text and regenerates from changed sources; other updates do nothing", async () => {
    const article = await prisma.article.create({ data: { title: "Train trips", body: "train hotel" } });
    await prisma.$ai.drain();
    embeddingCalls = loopback.embeddingRequests().length;
    chatCalls = loopback.chatRequests().length;

    await prisma.article.update({ where: { id: article.id }, data: { views: 10, published: true } });
    expect(await prisma.$ai.drain()).toEqual({ embedded: 0, generated: 0, failures: [] });
    expect(newEmbeddingRequests()).toHaveLength(0);

    await prisma.article.update({ where: { id: article.id }, data: { summary: "written by hand" } });
    await prisma.$ai.drain();
    expect(newChatRequests()).toHaveLength(0);
    expect((await base.article.findUniqueOrThrow({ where: { id: article.id } })).summary).toBe("written by hand");

    await prisma.article.update({ where: { id: article.id }, data: { body: "train hotel mountain beach" } });
    expect(await prisma.$ai.drain()).toMatchObject({ generated: 1, failures: [] });
    expect(newEmbeddingRequests().map((request) => (request.body as { input: string[] }).input)).toEqual([["train hotel mountain beach"]]); // title unchanged: not sent
    expect(newChatRequests()).toHaveLength(1);
  });

  it("select without the id still embeds, and returns exactly what was selected", async () => {
    const created = await prisma.article.create({ data: { title: "Jazz", body: "jazz piano" }, select: { title: true } });
    expect(created).toEqual({ title: "Jazz" });
    const omitted = await prisma.article.create({ data: { title: "Jazz 2", body: "jazz song" }, omit: { id: true, body: true } });
    expect(omitted).not.toHaveProperty("id");
    expect(omitted).not.toHaveProperty("body");
    expect((await prisma.$ai.drain()).embedded).toBe(2);
    const { rows } = await database().pool.query("select count(distinct e.row_id)::int as n from prisma_ai.articles_embeddings e join articles a on a.id = e.row_id where a.title in ('Jazz', 'Jazz 2')");
    expect(rows[0].n).toBe(2);
  });

  it("upsert and createManyAndReturn are followed too", async () => {
    const rows = await prisma.article.createManyAndReturn({ data: [{ title: "Beach", body: "beach" }, { title: "Hotel", body: "hotel" }], select: { title: true } });
    expect(rows).toEqual([{ title: "Beach" }, { title: "Hotel" }]);
    const upserted = await prisma.article.upsert({ where: { id: 999_999 }, create: { title: "Oven", body: "oven recipe" }, update: {} });
    expect(await prisma.$ai.drain()).toMatchObject({ embedded: 3, failures: [] });
    expect((await storedEmbeddings(upserted.id)).length).toBeGreaterThan(0);
  });

  it("a write inside an interactive transaction is embedded once it commits; a rolled-back one never", async () => {
    let committedId = 0;
    await prisma.$transaction(async (tx) => {
      committedId = (await tx.article.create({ data: { title: "In a transaction", body: "guitar song" } })).id;
      await new Promise((resolve) => setTimeout(resolve, 50)); // the queue looks (and misses) before the commit
    });
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.article.create({ data: { title: "Rolled back", body: "piano" } });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    const result = await prisma.$ai.drain();
    expect(result.failures).toEqual([]);
    expect((await storedEmbeddings(committedId)).map((row) => row.field)).toContain("title");
    expect(await base.article.count({ where: { title: "Rolled back" } })).toBe(0);
  });

  it("failures are reported by drain() and recorded in prisma_ai.failures", async () => {
    const article = await prisma.article.create({ data: { title: "Broken", body: "unembeddable ungeneratable text" } });
    const result = await prisma.$ai.drain();
    expect(result.failures.map((failure) => [failure.kind, failure.field]).sort()).toEqual([
      ["embed", "body"],
      ["embed", "title"],
      ["generate", "summary"],
    ]);
    const { rows } = await database().pool.query("select field, kind from prisma_ai.failures where model = 'Article' and row_id = $1 order by field", [String(article.id)]);
    expect(rows).toEqual([
      { field: "body", kind: "embed" },
      { field: "summary", kind: "generate" },
      { field: "title", kind: "embed" },
    ]);
    expect((await prisma.article.embeddingStatus()).failed).toBe(1);
    await base.article.delete({ where: { id: article.id } });
    await database().pool.query("delete from prisma_ai.failures");
  });

  it("worker mode does nothing in process; drain() resolves at once", async () => {
    const worker = base.$extends(withAI({ ai: loopback.ai, schema }));
    const article = await worker.article.create({ data: { title: "Worker", body: "train" } });
    expect(await worker.$ai.drain()).toEqual({ embedded: 0, generated: 0, failures: [] });
    expect(await storedEmbeddings(article.id)).toEqual([]);
    expect(worker.$ai.queue).toBe("worker");
  });
});
