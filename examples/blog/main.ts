// The blog demo: ~200 articles written through Prisma get embedded and become searchable by meaning.
//
//   npm run demo                                   PGlite in this process + the local model: no server, no key
//   DATABASE_URL=postgresql://... npm run demo     PostgreSQL + `prisma-ai migrate` + a Graphile Worker
//   OPENAI_API_KEY=sk-... npm run demo             also fills the AI-generated `summary` of each article
//
// `npm run demo` generates ./generated (Prisma client + prisma-ai metadata) first, then runs this file.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { closeSharedDispatchers, createAI, type AI } from "../../src/index.js";
import { withAI, type EmbeddingStatus } from "../../src/extension/index.js";
import type { AISchema } from "../../src/schema/index.js";
import { runAIWorker, type AIWorker } from "../../src/worker.js";
import { openPGlite, openPostgres, type DemoDatabase } from "./demo-database.js";
import { ProgressBar, renderTable, type Column, type TextSink } from "./demo-output.js";
import { aiSchema } from "./generated/ai/index.js";

/** One article of the seed data (articles.json, written for this project). */
export interface SeedArticle {
  title: string;
  body: string;
  topic: string;
  author: string;
  published: boolean;
}

/** The seed data: 200 short articles on ten topics, by nine authors. */
export function loadSeedArticles(): { authors: string[]; articles: SeedArticle[] } {
  return JSON.parse(readFileSync(new URL("./articles.json", import.meta.url), "utf8")) as { authors: string[]; articles: SeedArticle[] };
}

/** Options of {@link runDemo}. */
export interface DemoOptions {
  /** PostgreSQL connection string; without it the demo runs on PGlite (in memory, in this process). */
  databaseUrl?: string;
  /** Where the results go (process.stdout). */
  output: TextSink;
  /** Where the progress bars go. Default: process.stderr. */
  progress?: TextSink;
  /**
   * The AI core. Default: `createAI()`, with the `openai` provider's key from `env.OPENAI_API_KEY` when set.
   * Summaries are generated when `env.OPENAI_API_KEY` is set.
   */
  ai?: AI;
  /** Environment variables read for provider keys (OPENAI_API_KEY). Default: process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** How many seed articles to write. Default: all 200. */
  articles?: number;
  /** Longest wait for the embeddings (worker mode), in ms. Default: 90,000. */
  embedTimeoutMs?: number;
}

/** One hit of a demo search. */
export interface DemoHit {
  id: number;
  title: string;
  topic: string;
  author: string;
  published: boolean;
  similarity: number;
}

/** One search the demo ran, with its hits best first. */
export interface DemoSearch {
  name: "vector" | "filtered" | "name-vector" | "hybrid" | "similar";
  heading: string;
  hits: DemoHit[];
}

/** What {@link runDemo} did. */
export interface DemoResult {
  database: DemoDatabase["kind"];
  queue: "inline" | "worker";
  articles: number;
  searches: DemoSearch[];
  status: EmbeddingStatus;
  summaries: "generated" | "skipped";
  /** Wall time of each phase, in ms. */
  timings: { setup: number; write: number; embed: number; search: number; total: number };
}

/** The queries the demo runs; the first is the one the README and the test talk about. */
export const demoQueries = {
  vector: "learning to cook Italian food",
  filtered: "how should I invest my savings",
  /** A name the embedding model does not know: vector search guesses, hybrid search finds the article with the word. */
  hybrid: "Medici",
} as const;

const summaryModel = "openai:gpt-4o-mini";
const writeBatchSize = 25;

/**
 * Runs the whole demo: opens the database (PGlite, or PostgreSQL when `databaseUrl` is given), writes the seed
 * articles through Prisma, waits until they are embedded, runs the searches, prints tables and the embedding
 * status, and closes everything.
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const started = performance.now();
  const { output } = options;
  const progress = options.progress ?? process.stderr;
  const env = options.env ?? process.env;
  const seed = loadSeedArticles();
  const articles = seed.articles.slice(0, options.articles ?? seed.articles.length);
  const authors = [...new Set(articles.map((article) => article.author))];

  // Summaries need a chat model; without its key the generated field is left out (nothing is enqueued for it).
  const openaiKey = env.OPENAI_API_KEY?.trim();
  const summaries = openaiKey ? "generated" : "skipped";
  const schema = openaiKey ? aiSchema : withoutGeneratedFields(aiSchema);
  const ai = options.ai ?? createAI(openaiKey ? { providers: { openai: { apiKey: openaiKey } } } : {});
  const queue = options.databaseUrl ? "worker" : "inline";

  output.write(
    options.databaseUrl
      ? `prisma-ai demo on PostgreSQL (${describeDatabase(options.databaseUrl)}): Graphile Worker embeds in the background.\n`
      : "prisma-ai demo on PGlite (PostgreSQL + pgvector in this process): no server, no API key.\n",
  );
  output.write(`Embeddings: local:use-lite (Universal Sentence Encoder lite, 512 dimensions, computed in this process).\n`);
  output.write(
    summaries === "generated"
      ? `Summaries: generated by ${summaryModel} (OPENAI_API_KEY is set).\n\n`
      : `Summaries: skipped; set OPENAI_API_KEY to have ${summaryModel} write each article's /// @ai.generate summary.\n\n`,
  );

  const database = options.databaseUrl ? await openPostgres(options.databaseUrl, { write: () => undefined }) : await openPGlite(schema);
  let worker: AIWorker | undefined;
  const workerErrors: string[] = [];
  try {
    if (options.databaseUrl) {
      worker = await runAIWorker({
        connectionString: options.databaseUrl,
        ai,
        schema,
        concurrency: 2,
        pollInterval: 500,
        handleSignals: false,
        logger: { error: (message) => workerErrors.push(message) },
      });
    }
    const prisma = database.prisma.$extends(withAI({ ai, schema, queue }));
    const setupDone = performance.now();

    // 1. Write the articles through Prisma, a batch of creates at a time.
    await prisma.author.createMany({ data: authors.map((name) => ({ name })) });
    const authorIds = new Map((await prisma.author.findMany()).map((author) => [author.name, author.id]));
    const writing = new ProgressBar(progress, "Writing articles", articles.length);
    for (let start = 0; start < articles.length; start += writeBatchSize) {
      const batch = articles.slice(start, start + writeBatchSize);
      await Promise.all(
        batch.map((article) =>
          prisma.article.create({
            data: { title: article.title, body: article.body, topic: article.topic, published: article.published, authorId: authorIds.get(article.author)! },
            select: { id: true },
          }),
        ),
      );
      writing.update(start + batch.length);
    }
    writing.finish();
    const writeDone = performance.now();

    // 2. Wait until every article is embedded (inline: the extension's queue; worker: the background jobs).
    const embedding = new ProgressBar(progress, "Embedding", articles.length);
    let drained = false;
    const drain = prisma.$ai.drain().then((result) => {
      drained = true;
      return result;
    });
    const deadline = performance.now() + (options.embedTimeoutMs ?? 90_000);
    let status = await prisma.article.embeddingStatus();
    while (!(queue === "inline" ? drained : status.pending === 0 && status.stale === 0)) {
      embedding.update(status.embedded);
      if (performance.now() > deadline) {
        throw new Error(
          `The articles were not embedded within ${Math.round((options.embedTimeoutMs ?? 90_000) / 1000)} s (${status.embedded} of ${status.total} done)${workerErrors.length ? `; the worker reported: ${workerErrors[0]}` : ""}.`,
        );
      }
      await Promise.race([drain, sleep(300)]);
      status = await prisma.article.embeddingStatus();
    }
    const drainResult = await drain;
    if (drainResult.failures.length > 0) {
      const first = drainResult.failures[0]!;
      output.write(`${drainResult.failures.length} inline ${first.kind} failures, e.g. ${first.model} ${first.id}.${first.field}: ${String((first.error as Error)?.message ?? first.error)}\n`);
    }
    status = await prisma.article.embeddingStatus();
    embedding.update(status.embedded);
    embedding.finish();
    if (summaries === "generated") await waitForSummaries(prisma.article, articles.length, performance.now() + 60_000);
    const embedDone = performance.now();

    // 3. Search.
    const searches: DemoSearch[] = [];
    const toHit = (row: { id: number; title: string; topic: string; published: boolean; author: { name: string }; _similarity: number }): DemoHit => ({
      id: row.id,
      title: row.title,
      topic: row.topic,
      author: row.author.name,
      published: row.published,
      similarity: row._similarity,
    });
    const include = { author: true } as const;

    const cooking = await prisma.article.semanticSearch(demoQueries.vector, { take: 5, include });
    searches.push({ name: "vector", heading: `semanticSearch("${demoQueries.vector}", { take: 5 })`, hits: cooking.map(toHit) });

    const savings = await prisma.article.semanticSearch(demoQueries.filtered, { where: { published: true }, take: 5, include });
    searches.push({ name: "filtered", heading: `semanticSearch("${demoQueries.filtered}", { where: { published: true }, take: 5 })`, hits: savings.map(toHit) });

    const nameVector = await prisma.article.semanticSearch(demoQueries.hybrid, { take: 3, include });
    searches.push({ name: "name-vector", heading: `semanticSearch("${demoQueries.hybrid}", { take: 3 }): a name the model does not know`, hits: nameVector.map(toHit) });
    const hybrid = await prisma.article.semanticSearch(demoQueries.hybrid, { mode: "hybrid", take: 3, include });
    searches.push({ name: "hybrid", heading: `semanticSearch("${demoQueries.hybrid}", { mode: "hybrid", take: 3 }): full-text and vector ranks fused`, hits: hybrid.map(toHit) });

    const first = cooking[0];
    if (first) {
      const similar = await prisma.article.findSimilar(first.id, { take: 5, include });
      searches.push({ name: "similar", heading: `findSimilar(${first.id}, { take: 5 }): articles like "${first.title}"`, hits: similar.map(toHit) });
    }
    const searchDone = performance.now();

    for (const search of searches) {
      output.write(`${search.heading}\n${renderTable(search.hits, hitColumns(search.name === "filtered"))}\n`);
    }
    if (summaries === "generated") {
      const samples = await prisma.article.findMany({ where: { summary: { not: null } }, take: 3, orderBy: { id: "asc" } });
      output.write(`AI-generated summaries (${summaryModel}), first three:\n`);
      for (const sample of samples) output.write(`  ${sample.title}: ${sample.summary}\n`);
      output.write("\n");
    }
    status = await prisma.article.embeddingStatus();
    output.write(`embeddingStatus()\n${renderTable([status], statusColumns)}\n`);

    const finished = performance.now();
    const timings = {
      setup: Math.round(setupDone - started),
      write: Math.round(writeDone - setupDone),
      embed: Math.round(embedDone - writeDone),
      search: Math.round(searchDone - embedDone),
      total: Math.round(finished - started),
    };
    output.write(
      `Done in ${(timings.total / 1000).toFixed(1)} s (setup ${(timings.setup / 1000).toFixed(1)} s, writes ${(timings.write / 1000).toFixed(1)} s, ` +
        `embedding ${(timings.embed / 1000).toFixed(1)} s, ${searches.length} searches ${(timings.search / 1000).toFixed(2)} s).\n`,
    );
    return { database: database.kind, queue, articles: articles.length, searches, status, summaries, timings };
  } finally {
    await worker?.stop().catch(() => undefined);
    await database.close();
    await closeSharedDispatchers().catch(() => undefined);
  }
}

/** The same metadata without `@ai.generate` fields: nothing is generated (inline) and generate jobs are no-ops. */
export function withoutGeneratedFields<S extends AISchema>(schema: S): S {
  const models = Object.fromEntries(Object.entries(schema.models).map(([name, model]) => [name, { ...model, generated: [] }]));
  return { ...schema, models } as unknown as S;
}

function hitColumns(withPublished: boolean): Column<DemoHit>[] {
  return [
    { header: "#", value: (_hit, index) => String(index + 1), align: "right" },
    { header: "similarity", value: (hit) => hit.similarity.toFixed(3), align: "right" },
    { header: "topic", value: (hit) => hit.topic },
    { header: "title", value: (hit) => hit.title, maxWidth: 48 },
    { header: "author", value: (hit) => hit.author },
    ...(withPublished ? [{ header: "published", value: (hit: DemoHit) => (hit.published ? "yes" : "no") }] : []),
  ];
}

const statusColumns: Column<EmbeddingStatus>[] = (["total", "embedded", "pending", "stale", "failed"] as const).map((key) => ({
  header: key,
  value: (status: EmbeddingStatus) => String(status[key]),
  align: "right" as const,
}));

async function waitForSummaries(articles: { count(args: { where: { summary: { not: null } } }): Promise<number> }, total: number, deadline: number): Promise<void> {
  while (performance.now() < deadline) {
    if ((await articles.count({ where: { summary: { not: null } } })) >= total) return;
    await sleep(500);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** `host:port/database`, never the user or password. */
function describeDatabase(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `${url.hostname}${url.port ? `:${url.port}` : ""}${url.pathname}`;
  } catch {
    return "DATABASE_URL";
  }
}

// `tsx examples/blog/main.ts`: run with the environment's DATABASE_URL.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    await runDemo({ output: process.stdout, progress: process.stderr, ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}) });
  } catch (error) {
    process.stderr.write(`\nThe demo failed: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
