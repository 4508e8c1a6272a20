// The blog demo end to end, as `npm run demo` runs it: on PGlite with the local model and the inline queue, and
// on PostgreSQL with `prisma-ai migrate` and a Graphile Worker. Real embeddings (local:use-lite), real databases.
import { describe, expect, it, onTestFinished } from "vitest";
import { demoQueries, loadSeedArticles, runDemo, type DemoResult, type DemoSearch } from "../../examples/blog/main.js";
import { createAI } from "../../src/ai/create-ai.js";
import { chatCompletion } from "../providers/openai/openai-fixtures.js";
import { startLoopbackServer } from "../support/loopback-server.js";
import { useTestDatabase } from "../support/test-database.js";

const database = useTestDatabase();

/** The Italian dishes among the seed's cooking articles. */
const italianTitles = loadSeedArticles()
  .articles.filter((article) => article.topic === "cooking" && /pasta|carbonara|ragù|risotto|pizza|gnocchi|pesto|tiramisu|lasagne|Tuscan/i.test(`${article.title} ${article.body}`))
  .map((article) => article.title);

function sink(): { write(text: string): void; text: string } {
  return {
    text: "",
    write(text: string) {
      this.text += text;
    },
  };
}

function search(result: DemoResult, name: DemoSearch["name"]): DemoSearch {
  const found = result.searches.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`the demo ran no ${name} search`);
  return found;
}

function expectMeaningfulResults(result: DemoResult, output: string): void {
  expect(result).toMatchObject({ articles: 200, summaries: "skipped", status: { total: 200, embedded: 200, pending: 0, stale: 0, failed: 0 } });

  // "learning to cook Italian food": cooking first (20 of the 200 articles are about cooking), mostly Italian dishes.
  const cooking = search(result, "vector").hits;
  expect(cooking).toHaveLength(5);
  expect(cooking.map((hit) => hit.topic)).toEqual(Array(5).fill("cooking"));
  expect(cooking.filter((hit) => italianTitles.includes(hit.title)).length).toBeGreaterThanOrEqual(3);
  for (let index = 1; index < cooking.length; index++) expect(cooking[index]!.similarity).toBeLessThanOrEqual(cooking[index - 1]!.similarity);

  // The where filter holds, and the meaning is still finance.
  const savings = search(result, "filtered").hits;
  expect(savings).toHaveLength(5);
  expect(savings.every((hit) => hit.published && hit.topic === "finance")).toBe(true);

  // A name the model does not know: only hybrid search (full text fused with vectors) finds the article with it.
  expect(search(result, "name-vector").hits.map((hit) => hit.title)).not.toContain("The Renaissance in Florence");
  expect(search(result, "hybrid").hits[0]!.title).toBe("The Renaissance in Florence");

  // findSimilar: the neighbours of the best cooking article are cooking articles, never the article itself.
  const similar = search(result, "similar").hits;
  expect(similar).toHaveLength(5);
  expect(similar.map((hit) => hit.id)).not.toContain(cooking[0]!.id);
  expect(similar.map((hit) => hit.topic)).toEqual(Array(5).fill("cooking"));

  expect(output).toContain(`semanticSearch("${demoQueries.vector}", { take: 5 })`);
  expect(output).toContain("Summaries: skipped; set OPENAI_API_KEY");
  expect(output).toMatch(/embeddingStatus\(\)\ntotal +embedded +pending +stale +failed\n[- ]+\n +200 +200 +0 +0 +0\n/);
  expect(output).toContain(`1       ${cooking[0]!.similarity.toFixed(3)}  cooking`);
}

describe("examples/blog", () => {
  it("on PGlite with the local model and the inline queue: cooking articles rank first for an Italian cooking query", { timeout: 300_000 }, async () => {
    const output = sink();
    const progress = sink();
    const result = await runDemo({ output, progress, env: {} });
    expect(result).toMatchObject({ database: "pglite", queue: "inline" });
    expectMeaningfulResults(result, output.text);
    expect(progress.text).toMatch(/Writing articles +\[#{30}\] 200\/200 [\d.]+ s\n/);
    expect(progress.text).toMatch(/Embedding +\[#{30}\] 200\/200 [\d.]+ s\n/);
  });

  it("on PostgreSQL with prisma-ai migrate and a Graphile Worker in process: the same results, and no job left behind", { timeout: 300_000 }, async () => {
    const output = sink();
    const result = await runDemo({ databaseUrl: database().url, output, progress: sink(), env: {} });
    expect(result).toMatchObject({ database: "postgres", queue: "worker" });
    expectMeaningfulResults(result, output.text);

    const { pool } = database();
    const triggers = await pool.query("select tgname from pg_trigger where tgrelid = 'public.blog_articles'::regclass and not tgisinternal order by tgname");
    expect(triggers.rows).toEqual([{ tgname: "prisma_ai_enqueue" }, { tgname: "prisma_ai_enqueue_update" }]);
    const jobs = await pool.query<{ task_identifier: string; count: number }>("select task_identifier, count(*)::int as count from graphile_worker.jobs group by 1");
    expect(jobs.rows).toEqual([]);
  });

  it("with OPENAI_API_KEY: the worker fills each article's summary through the chat model (a loopback OpenAI server)", { timeout: 300_000 }, async () => {
    const server = await startLoopbackServer();
    onTestFinished(() => server.close());
    server.handle((request) => {
      const prompt = (request.body as { messages: Array<{ content: string }> }).messages.at(-1)!.content;
      const title = /Title: (.*)\n/.exec(prompt)?.[1] ?? "?";
      return { json: chatCompletion({ content: `A short summary of "${title}".` }) };
    });
    const ai = createAI({ providers: { openai: { apiKey: "sk-demo-test", baseURL: server.url("/v1") } } });
    const output = sink();
    const result = await runDemo({ databaseUrl: database().url, output, progress: sink(), env: { OPENAI_API_KEY: "sk-demo-test" }, ai, articles: 12 });
    expect(result).toMatchObject({ summaries: "generated", articles: 12, status: { total: 12, embedded: 12, pending: 0, stale: 0, failed: 0 } });

    const chats = server.requests.filter((request) => request.path === "/v1/chat/completions");
    expect(chats).toHaveLength(12);
    expect(chats[0]!.headers.authorization).toBe("Bearer sk-demo-test");
    expect(chats.every((request) => (request.body as { model: string }).model === "gpt-4o-mini")).toBe(true);
    const seed = loadSeedArticles().articles.slice(0, 12);
    const { rows } = await database().pool.query<{ title: string; summary: string | null }>("select title, summary from blog_articles");
    const byTitle = (a: { title: string }, b: { title: string }) => a.title.localeCompare(b.title);
    expect(rows.sort(byTitle)).toEqual(seed.map((article) => ({ title: article.title, summary: `A short summary of "${article.title}".` })).sort(byTitle));
    expect(output.text).toContain("Summaries: generated by openai:gpt-4o-mini (OPENAI_API_KEY is set).");
    expect(output.text).toMatch(/AI-generated summaries \(openai:gpt-4o-mini\), first three:\n( {2}(.+): A short summary of "\2"\.\n){3}\n/);
  });
});
