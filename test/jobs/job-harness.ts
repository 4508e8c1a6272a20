// Shared set-up of the job tests: the project's tables with prisma-ai's SQL and triggers (real Graphile Worker
// schema), a fake OpenAI-compatible provider on a loopback server (scriptable failures, latency and gates that
// hold requests), an AI core pointed at it, and helpers to run the worker and wait for outcomes.
import { createHash } from "node:crypto";
import { runMigrations } from "graphile-worker";
import type pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { createAI, type AI } from "../../src/ai/create-ai.js";
import type { AISchema } from "../../src/schema/ai-schema.js";
import { buildMigrationSql } from "../../src/sql/migration-script.js";
import { runAIWorker, type AIWorker, type RunAIWorkerOptions } from "../../src/worker.js";
import { startLoopbackServer, type LoopbackReply, type LoopbackServer } from "../support/loopback-server.js";
import type { PrismaClient } from "../generated/prisma/client.js";
import { createProjectPrisma } from "../support/prisma.js";
import { projectAISchema } from "../support/project-ai-schema.js";
import { useTestDatabase } from "../support/test-database.js";

/** Embedding model string of the job tests (the fake provider, 4 dimensions). */
export const fakeEmbeddingModel = "fake:embed-4";
/** Chat model string of the job tests. */
export const fakeChatModel = "fake:chat";

/** The project's AISchema (Article: title + chunked body + generated summary; Product: description) on the fake provider. */
export const jobsSchema: AISchema = {
  ...projectAISchema,
  models: Object.fromEntries(
    Object.entries(projectAISchema.models).map(([name, model]) => [
      name,
      {
        ...model,
        embedded: model.embedded.map((field) => ({ ...field, model: fakeEmbeddingModel })),
        generated: model.generated.map((field) => ({ ...field, model: fakeChatModel })),
      },
    ]),
  ),
};

/** The vector the fake provider returns for a text: 4 numbers from its md5 (distinct texts, distinct vectors). */
export function fakeVector(text: string): number[] {
  const digest = createHash("md5").update(text, "utf8").digest();
  return [0, 1, 2, 3].map((index) => (digest[index]! + 1) / 256);
}

/** The reply the fake chat model gives to a prompt. */
export function fakeSummary(prompt: string): string {
  return `summary of ${prompt.replace(/^Summarize in one sentence: /, "")}`;
}

/** A request held by a gate until it is opened. */
export interface Gate {
  /** Resolves when a matching request arrived (and is held). */
  readonly arrived: Promise<void>;
  open(): void;
}

/** One embeddings request as the fake provider saw it. */
export interface SeenEmbeddingRequest {
  inputs: string[];
  authorization: string | undefined;
}

export interface FakeProvider {
  server: LoopbackServer;
  baseURL: string;
  /** Embedding requests answered or failed so far (failed ones included), in arrival order. */
  embeddingRequests: SeenEmbeddingRequest[];
  /** Chat prompts received so far. */
  chatPrompts: string[];
  /** The next `count` embedding requests fail with HTTP `status` (500: retryable). */
  failNextEmbeddings(count: number, status?: number): void;
  /** Every request fails with 503 until `recover()`. */
  goDown(): void;
  recover(): void;
  /** Wait this long before answering each embedding request. */
  setLatency(ms: number): void;
  /** Embedding requests containing a text matching `predicate` fail with OpenAI's 400 `context_length_exceeded`. */
  rejectAsTooLong(predicate: (text: string) => boolean): void;
  /** Holds embedding requests matching `predicate` (and chat requests when `chat`) until the gate opens. */
  gate(predicate: (inputs: string[]) => boolean, options?: { chat?: boolean }): Gate;
  /** Opens every gate, so held requests get their answers (after a test, also one that failed early). */
  openGates(): void;
  reset(): void;
  close(): Promise<void>;
}

/** Starts the fake OpenAI-compatible provider. */
export async function startFakeProvider(): Promise<FakeProvider> {
  const server = await startLoopbackServer();
  const embeddingRequests: SeenEmbeddingRequest[] = [];
  const chatPrompts: string[] = [];
  let failures: { count: number; status: number } = { count: 0, status: 500 };
  let down = false;
  let latencyMs = 0;
  let tooLong: ((text: string) => boolean) | undefined;
  let gates: Array<{ predicate: (inputs: string[]) => boolean; chat: boolean; arrive: () => void; opened: Promise<void> }> = [];
  let openers: Array<() => void> = [];

  const held = async (inputs: string[], chat: boolean) => {
    const gate = gates.find((candidate) => candidate.chat === chat && candidate.predicate(inputs));
    if (!gate) return;
    gates = gates.filter((candidate) => candidate !== gate);
    gate.arrive();
    await gate.opened;
  };

  server.handle(async (request): Promise<LoopbackReply> => {
    if (request.method === "POST" && request.path === "/v1/embeddings") {
      const body = request.body as { model: string; input: string[] };
      embeddingRequests.push({ inputs: body.input, authorization: request.headers.authorization });
      await held(body.input, false);
      if (down) return { status: 503, json: { error: { message: "fake provider is down", type: "server_error" } } };
      if (tooLong && body.input.some(tooLong)) {
        return {
          status: 400,
          json: { error: { message: "This model's maximum context length is 8192 tokens.", type: "invalid_request_error", code: "context_length_exceeded" } },
        };
      }
      if (failures.count > 0) {
        failures.count--;
        return { status: failures.status, json: { error: { message: `fake provider failure (${failures.count} more)`, type: "server_error" } } };
      }
      const data = body.input.map((text, index) => ({ object: "embedding", index, embedding: fakeVector(text) }));
      return { delayMs: latencyMs, json: { object: "list", data, model: body.model, usage: { prompt_tokens: body.input.length, total_tokens: body.input.length } } };
    }
    if (request.method === "POST" && request.path === "/v1/chat/completions") {
      const body = request.body as { model: string; messages: Array<{ content: string }> };
      const prompt = body.messages.at(-1)?.content ?? "";
      chatPrompts.push(prompt);
      await held([prompt], true);
      if (down) return { status: 503, json: { error: { message: "fake provider is down", type: "server_error" } } };
      return {
        json: {
          id: `chatcmpl-${chatPrompts.length}`,
          object: "chat.completion",
          model: body.model,
          choices: [{ index: 0, message: { role: "assistant", content: fakeSummary(prompt) }, finish_reason: "stop" }],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        },
      };
    }
    return { status: 404, json: { error: { message: `no route ${request.method} ${request.path}` } } };
  });

  return {
    server,
    baseURL: server.url("/v1"),
    embeddingRequests,
    chatPrompts,
    failNextEmbeddings: (count, status = 500) => void (failures = { count, status }),
    goDown: () => void (down = true),
    recover: () => void (down = false),
    setLatency: (ms) => void (latencyMs = ms),
    rejectAsTooLong: (predicate) => void (tooLong = predicate),
    gate(predicate, options = {}) {
      let arrive!: () => void;
      let open!: () => void;
      const arrived = new Promise<void>((resolve) => (arrive = resolve));
      const opened = new Promise<void>((resolve) => (open = resolve));
      gates.push({ predicate, chat: options.chat ?? false, arrive, opened });
      openers.push(open);
      return { arrived, open };
    },
    openGates() {
      for (const open of openers) open();
      openers = [];
    },
    reset() {
      embeddingRequests.length = 0;
      chatPrompts.length = 0;
      failures = { count: 0, status: 500 };
      down = false;
      latencyMs = 0;
      tooLong = undefined;
      gates = [];
      for (const open of openers) open();
      openers = [];
    },
    close: () => server.close(),
  };
}

/** createAI() with the fake provider as `fake` (openai-compatible, no HTTP retries: the jobs retry). */
export function fakeAI(provider: Pick<FakeProvider, "baseURL">, maxEmbeddingsPerCall = 100): AI {
  return createAI({ providers: { fake: { driver: "openai-compatible", baseURL: provider.baseURL, maxRetries: 0, maxEmbeddingsPerCall } } });
}

/** Graphile Worker's schema, then prisma-ai's migration.sql (with triggers) for {@link jobsSchema}. */
export async function installJobsSchema(url: string, pool: pg.Pool, schema: AISchema = jobsSchema): Promise<void> {
  await runMigrations({ connectionString: url });
  await pool.query(buildMigrationSql(schema, { triggers: true, generatedBy: "job tests" }));
}

/** Empties the tables, the queue and the failures between tests. */
export async function resetData(pool: pg.Pool): Promise<void> {
  await pool.query("truncate articles, products, users restart identity cascade");
  await pool.query("delete from graphile_worker._private_jobs");
  await pool.query("delete from prisma_ai.failures");
}

/** Log lines the worker wrote (errors and warnings included), for assertions and for debugging a failing test. */
export const workerLog: string[] = [];

/** Starts runAIWorker on the test database (no signal handlers, 100 ms polling). */
export async function startTestWorker(url: string, ai: AI, options: Partial<RunAIWorkerOptions> = {}): Promise<AIWorker> {
  return runAIWorker({
    connectionString: url,
    ai,
    schema: jobsSchema,
    concurrency: 2,
    pollInterval: 100,
    handleSignals: false,
    logger: {
      info: (message) => workerLog.push(`info ${message}`),
      warn: (message) => workerLog.push(`warn ${message}`),
      error: (message) => workerLog.push(`error ${message}`),
    },
    ...options,
  });
}

/** Polls `check` until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}. Worker log:\n${workerLog.slice(-10).join("\n")}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** prisma_ai jobs in the queue. */
export interface QueuedJob {
  id: string;
  task: string;
  key: string | null;
  payload: unknown;
  attempts: number;
  max_attempts: number;
  locked_at: Date | null;
  last_error: string | null;
}

export async function queuedJobs(pool: pg.Pool): Promise<QueuedJob[]> {
  const { rows } = await pool.query<QueuedJob>(
    `select jobs.id::text, tasks.identifier as task, jobs.key, jobs.payload, jobs.attempts, jobs.max_attempts, jobs.locked_at, jobs.last_error
     from graphile_worker._private_jobs jobs join graphile_worker._private_tasks tasks on tasks.id = jobs.task_id order by jobs.id`,
  );
  return rows;
}

/**
 * Skips the exponential backoff of failed jobs waiting for their next attempt (as if the time had passed):
 * their run_at becomes now, and the worker's poll picks them up. Returns how many were moved.
 */
export async function skipBackoff(pool: pg.Pool): Promise<number> {
  const { rowCount } = await pool.query("update graphile_worker._private_jobs set run_at = now() where locked_at is null and attempts > 0 and attempts < max_attempts and run_at > now()");
  return rowCount ?? 0;
}

/** Embeddings stored for a model's table: row id (text), field, chunk, hash, vector. */
export async function storedEmbeddings(pool: pg.Pool, table: string): Promise<Array<{ row_id: string; field: string; chunk_index: number; content_hash: string; embedding: number[] }>> {
  const { rows } = await pool.query(`select row_id::text, field, chunk_index, content_hash, embedding::text from prisma_ai.${table} order by row_id, field, chunk_index`);
  return rows.map((row: { row_id: string; field: string; chunk_index: number; content_hash: string; embedding: string }) => ({
    ...row,
    embedding: JSON.parse(row.embedding) as number[],
  }));
}

/** md5 hex of a text (the stored content_hash). */
export function md5(text: string): string {
  return createHash("md5").update(text, "utf8").digest("hex");
}

/** What {@link useJobsHarness} gives a test file; read its fields inside hooks and tests (they are set in `beforeAll`). */
export interface JobsHarness {
  readonly url: string;
  readonly pool: pg.Pool;
  readonly prisma: PrismaClient;
  readonly provider: FakeProvider;
  /** The AI core on the fake provider. */
  readonly ai: AI;
  /** Starts the test's worker (with `ai` unless given); it is stopped after the test. */
  startWorker(options?: Partial<RunAIWorkerOptions>, ai?: AI): Promise<AIWorker>;
}

/**
 * The set-up every job test file shares: its own database with the jobs schema and triggers, a Prisma client, the
 * fake provider and an AI core on it; data, queue and provider reset before each test; after each test, held
 * requests are released and the worker is stopped.
 */
export function useJobsHarness(): JobsHarness {
  const database = useTestDatabase();
  let prisma: PrismaClient | undefined;
  let provider: FakeProvider | undefined;
  let ai: AI | undefined;
  let worker: AIWorker | undefined;
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`useJobsHarness: ${what} is set in beforeAll; read it inside hooks and tests.`);
    return value;
  };

  beforeAll(async () => {
    await installJobsSchema(database().url, database().pool);
    prisma = createProjectPrisma(database().url);
    provider = await startFakeProvider();
    ai = fakeAI(provider);
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await provider?.close();
  });
  beforeEach(async () => {
    await resetData(database().pool);
    provider?.reset();
  });
  afterEach(async () => {
    provider?.openGates();
    await worker?.stop();
    worker = undefined;
  });

  return {
    get url() {
      return database().url;
    },
    get pool() {
      return database().pool;
    },
    get prisma() {
      return ready(prisma, "prisma");
    },
    get provider() {
      return ready(provider, "provider");
    },
    get ai() {
      return ready(ai, "ai");
    },
    async startWorker(options = {}, withAI) {
      worker = await startTestWorker(database().url, withAI ?? ready(ai, "ai"), options);
      return worker;
    },
  };
}
