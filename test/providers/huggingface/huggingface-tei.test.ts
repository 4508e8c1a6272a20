// Text Embeddings Inference /rerank and /embed against the loopback server speaking TEI's documented format.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createAI } from "../../../src/ai/create-ai.js";
import { createTextEmbeddingsInference } from "../../../src/providers/huggingface/huggingface-tei.js";
import { ConfigError, RateLimitError } from "../../../src/spec/errors/index.js";
import { startLoopbackServer, type LoopbackReply } from "../../support/loopback-server.js";
import { describeRerankConformance } from "../shared/rerank-conformance.js";

const server = await startLoopbackServer();
afterAll(() => server.close());
beforeEach(() => server.reset());

const settings = (extra: Record<string, unknown> = {}, delays: number[] = []) => ({ baseURL: server.url(""), retry: { sleep: async (ms: number) => void delays.push(ms) }, ...extra });
const teiError = (status: number, message: string, headers: Record<string, string> = {}): LoopbackReply => ({ status, headers, json: { error: message, error_type: status === 429 ? "Overloaded" : "Validation" } });

describeRerankConformance({
  server,
  path: "/rerank",
  apiKey: undefined,
  keyHint: "apiKey setting of the tei provider",
  makeModel: (extra, delays) => createTextEmbeddingsInference(settings(extra, delays)).rerankModel!("BAAI/bge-reranker-base"),
  expectedBody: (query, documents) => ({ query, texts: documents, raw_scores: false, return_text: false }),
  reply: (scores) => ({ json: scores.map(([index, score]) => ({ index, score })) }),
  errorReply: teiError,
  providerAppliesTopN: false,
});

describe("tei", () => {
  it("sends an Inference Endpoint token as Bearer when given, and declares the server's batch size", async () => {
    server.reply({ json: [{ index: 0, score: 0.3 }] });
    const driver = createTextEmbeddingsInference(settings({ apiKey: "hf_loopbacktoken0123456789", maxClientBatchSize: 64 }));
    await driver.rerankModel!("BAAI/bge-reranker-base").doRerank({ query: "q", documents: ["a"] });
    expect(server.requests[0]!.headers.authorization).toBe("Bearer hf_loopbacktoken0123456789");
    expect(driver.rerankModel!("m").maxDocumentsPerCall).toBe(64);
    expect(createTextEmbeddingsInference(settings()).rerankModel!("m").maxDocumentsPerCall).toBe(32);
    expect(() => createTextEmbeddingsInference(settings({ maxClientBatchSize: 0 }))).toThrow(ConfigError);
  });

  it("embeds through /embed in batches of the server's max client batch size", async () => {
    server.handle((request) => ({ json: (request.body as { inputs: string[] }).inputs.map((text) => [Number(text), 1]) }));
    const ai = createAI({ providers: { tei: settings() } });
    const input = Array.from({ length: 70 }, (_, index) => String(index));
    const result = await ai.embed({ model: "tei:BAAI/bge-small-en-v1.5", input });
    expect(server.requests.map((request) => (request.body as { inputs: string[] }).inputs.length).sort((a, b) => b - a)).toEqual([32, 32, 6]);
    expect(server.requests[0]).toMatchObject({ path: "/embed", body: { normalize: true } });
    expect(result.embeddings.map((vector) => vector[0])).toEqual(input.map(Number));
  });

  it("maps TEI's overloaded 429 to RateLimitError", async () => {
    server.handle(() => teiError(429, "Model is overloaded"));
    const error = await createTextEmbeddingsInference(settings({ maxRetries: 0 })).rerankModel!("m").doRerank({ query: "q", documents: ["a"] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as Error).message).toContain("Model is overloaded");
  });
});
