// Voyage AI embeddings (/v1/embeddings) and rerank (/v1/rerank) against the loopback server speaking its documented format.
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createAI } from "../../../src/ai/create-ai.js";
import { createVoyage } from "../../../src/providers/voyage/index.js";
import { AuthenticationError, ConfigError, ContextLengthError, ProviderResponseError, UnsupportedCapabilityError } from "../../../src/spec/errors/index.js";
import { startLoopbackServer, type LoopbackReply } from "../../support/loopback-server.js";
import { describeRerankConformance } from "../shared/rerank-conformance.js";

const apiKey = "pa-loopbacktestkey0123456789";
const server = await startLoopbackServer();
afterAll(() => server.close());
beforeEach(() => server.reset());

const settings = (extra: Record<string, unknown> = {}, delays: number[] = []) => ({
  apiKey,
  baseURL: server.url("/v1"),
  retry: { sleep: async (ms: number) => void delays.push(ms) },
  ...extra,
});
const voyage = (extra: Record<string, unknown> = {}, delays: number[] = []) => createAI({ providers: { voyage: settings(extra, delays) } });
const voyageError = (status: number, message: string, headers: Record<string, string> = {}): LoopbackReply => ({ status, headers, json: { detail: message } });

describeRerankConformance({
  server,
  path: "/v1/rerank",
  apiKey,
  keyHint: "VOYAGE_API_KEY",
  makeModel: (extra, delays) => createVoyage(settings(extra, delays)).rerankModel!("rerank-2.5"),
  expectedBody: (query, documents, topN) => ({ query, documents, model: "rerank-2.5", ...(topN === undefined ? {} : { top_k: topN }), return_documents: false }),
  reply: (scores) => ({ json: { object: "list", data: scores.map(([index, relevance_score]) => ({ relevance_score, index })), model: "rerank-2.5", usage: { total_tokens: 42 } } }),
  errorReply: voyageError,
  providerAppliesTopN: true,
});

function embeddingReply(input: string[], vector: (text: string) => number[]): LoopbackReply {
  return { json: { object: "list", data: input.map((text, index) => ({ object: "embedding", embedding: vector(text), index })), model: "voyage-3.5", usage: { total_tokens: input.length * 2 } } };
}

describe("voyage embeddings", () => {
  it("embeds more than 1,000 texts in batches of 1,000 with input_type document, vectors in input order, usage summed", async () => {
    server.handle((request) => {
      const body = request.body as { input: string[] };
      const reply = embeddingReply(body.input, (text) => [Number(text.split(" ")[1]), 1]);
      (reply.json as { data: unknown[] }).data.reverse();
      return reply;
    });
    const input = Array.from({ length: 1_500 }, (_, index) => `text ${index}`);
    const result = await voyage().embed({ model: "voyage:voyage-3.5", input });
    expect(server.requests.map((request) => request.path)).toEqual(["/v1/embeddings", "/v1/embeddings"]);
    expect(server.requests.map((request) => (request.body as { input: string[] }).input.length).sort((a, b) => b - a)).toEqual([1_000, 500]);
    expect(server.requests[0]!.body).toEqual({ input: expect.any(Array), model: "voyage-3.5", input_type: "document" });
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(result.embeddings.map((vector) => vector[0])).toEqual(input.map((_, index) => index));
    expect(result).toMatchObject({ calls: 2, usage: { inputTokens: 3_000 }, provider: "voyage", model: "voyage-3.5" });
  });

  it("sends input_type query for queries, dimensions as output_dimension, and truncation", async () => {
    server.reply(embeddingReply(["q"], () => [0.1, 0.2, 0.3, 0.4]));
    await voyage().embed({ model: "voyage:voyage-3-large", input: ["q"], inputType: "query", dimensions: 4, providerOptions: { voyage: { truncation: false } } });
    expect(server.requests[0]!.body).toEqual({ input: ["q"], model: "voyage-3-large", input_type: "query", output_dimension: 4, truncation: false });
  });

  it("sends no input_type when asked for null, and rejects unknown options before any request", async () => {
    server.reply(embeddingReply(["a"], () => [1, 0]));
    await voyage().embed({ model: "voyage:voyage-3.5", input: ["a"], providerOptions: { voyage: { inputType: null } } });
    expect(server.requests[0]!.body).toMatchObject({ input_type: null });
    await expect(voyage().embed({ model: "voyage:voyage-3.5", input: ["a"], providerOptions: { voyage: { input_type: "query" } } })).rejects.toThrow(ConfigError);
    expect(server.requests).toHaveLength(1);
  });

  it("declares Voyage's token limits per model", () => {
    const driver = createVoyage(settings());
    expect(driver.embeddingModel!("voyage-3.5-lite")).toMatchObject({ maxEmbeddingsPerCall: 1_000, maxTokensPerCall: 1_000_000 });
    expect(driver.embeddingModel!("voyage-3.5").maxTokensPerCall).toBe(320_000);
    expect(driver.embeddingModel!("voyage-3-large").maxTokensPerCall).toBe(120_000);
  });

  it("maps 401 without the key, a token-limit 400 to ContextLengthError, and malformed JSON", async () => {
    server.reply(voyageError(401, "Provided API key is invalid."));
    const error = (await voyage().embed({ model: "voyage:voyage-3.5", input: ["a"] }).catch((caught: unknown) => caught)) as AuthenticationError;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toContain("VOYAGE_API_KEY");
    expect(JSON.stringify([error.message, error.body])).not.toContain(apiKey);
    server.reply(voyageError(400, "Request to model 'voyage-3.5' failed. The max allowed tokens per submitted batch is 320000."));
    await expect(voyage().embed({ model: "voyage:voyage-3.5", input: ["a"] })).rejects.toBeInstanceOf(ContextLengthError);
    server.reply({ text: "{", headers: { "content-type": "application/json" } });
    await expect(voyage().embed({ model: "voyage:voyage-3.5", input: ["a"] })).rejects.toBeInstanceOf(ProviderResponseError);
  });

  it("retries a 429 after Retry-After", async () => {
    const delays: number[] = [];
    server.reply(voyageError(429, "Rate limit", { "retry-after": "4" }), embeddingReply(["a"], () => [1, 0]));
    expect((await voyage({}, delays).embed({ model: "voyage:voyage-3.5", input: ["a"] })).embeddings).toEqual([[1, 0]]);
    expect(delays).toEqual([4_000]);
  });

  it("has no chat: UnsupportedCapabilityError before any request", async () => {
    await expect(voyage().chat({ model: "voyage:voyage-3.5", messages: [{ role: "user", content: "Hi" }] })).rejects.toBeInstanceOf(UnsupportedCapabilityError);
    expect(server.requests).toHaveLength(0);
  });

  it("reads VOYAGE_API_KEY, and names it when missing", () => {
    vi.stubEnv("VOYAGE_API_KEY", "");
    try {
      expect(() => createVoyage({})).toThrow(/VOYAGE_API_KEY/);
      vi.stubEnv("VOYAGE_API_KEY", "pa-env-0123");
      expect(() => createVoyage({})).not.toThrow();
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("voyage rerank", () => {
  it("reports total_tokens as inputTokens and the served model, and sends truncation", async () => {
    server.reply({ json: { object: "list", data: [{ relevance_score: 0.4, index: 0 }], model: "rerank-2.5-lite", usage: { total_tokens: 26 } } });
    const result = await createVoyage(settings()).rerankModel!("rerank-2.5-lite").doRerank({ query: "q", documents: ["a"], providerOptions: { voyage: { truncation: false } } });
    expect(server.requests[0]!.body).toMatchObject({ truncation: false });
    expect(result).toMatchObject({ usage: { inputTokens: 26 }, response: { modelId: "rerank-2.5-lite" } });
  });
});
