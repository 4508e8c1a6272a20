// Jina AI rerank (/v1/rerank) and embeddings (/v1/embeddings) against the loopback server speaking its documented format.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createAI } from "../../../src/ai/create-ai.js";
import { createJina } from "../../../src/providers/jina/index.js";
import { AuthenticationError, UnsupportedCapabilityError } from "../../../src/spec/errors/index.js";
import { startLoopbackServer, type LoopbackReply } from "../../support/loopback-server.js";
import { describeRerankConformance } from "../shared/rerank-conformance.js";

const apiKey = "jina_loopbacktestkey0123456789";
const server = await startLoopbackServer();
afterAll(() => server.close());
beforeEach(() => server.reset());

const settings = (extra: Record<string, unknown> = {}, delays: number[] = []) => ({
  apiKey,
  baseURL: server.url("/v1"),
  retry: { sleep: async (ms: number) => void delays.push(ms) },
  ...extra,
});
const jinaError = (status: number, message: string, headers: Record<string, string> = {}): LoopbackReply => ({ status, headers, json: { detail: message } });

describeRerankConformance({
  server,
  path: "/v1/rerank",
  apiKey,
  keyHint: "JINA_API_KEY",
  makeModel: (extra, delays) => createJina(settings(extra, delays)).rerankModel!("jina-reranker-v2-base-multilingual"),
  expectedBody: (query, documents, topN) => ({ model: "jina-reranker-v2-base-multilingual", query, documents, ...(topN === undefined ? {} : { top_n: topN }), return_documents: false }),
  reply: (scores) => ({
    json: { model: "jina-reranker-v2-base-multilingual", usage: { total_tokens: 38 }, results: scores.map(([index, relevance_score]) => ({ index, relevance_score })) },
  }),
  errorReply: jinaError,
  providerAppliesTopN: true,
});

describe("jina", () => {
  it("reports rerank usage", async () => {
    server.reply({ json: { model: "jina-reranker-v2-base-multilingual", usage: { total_tokens: 38 }, results: [{ index: 0, relevance_score: 0.7 }] } });
    const result = await createJina(settings()).rerankModel!("jina-reranker-v2-base-multilingual").doRerank({ query: "q", documents: ["a"] });
    expect(result.usage).toEqual({ inputTokens: 38 });
  });

  it("embeds with the retrieval task from inputType, dimensions, float vectors, in input order", async () => {
    server.handle((request) => {
      const body = request.body as { input: string[] };
      return {
        json: {
          model: "jina-embeddings-v3",
          object: "list",
          usage: { total_tokens: 9, prompt_tokens: 9 },
          data: body.input.map((text, index) => ({ object: "embedding", index, embedding: [text.length, 0] })).reverse(),
        },
      };
    });
    const ai = createAI({ providers: { jina: settings() } });
    const documents = await ai.embed({ model: "jina:jina-embeddings-v3", input: ["a", "bbb"], dimensions: 2 });
    expect(server.requests[0]).toMatchObject({ path: "/v1/embeddings" });
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(server.requests[0]!.body).toEqual({ model: "jina-embeddings-v3", input: ["a", "bbb"], embedding_type: "float", task: "retrieval.passage", dimensions: 2 });
    expect(documents.embeddings).toEqual([[1, 0], [3, 0]]);
    expect(documents.usage.inputTokens).toBe(9);
    await ai.embed({ model: "jina:jina-embeddings-v3", input: ["q"], inputType: "query", providerOptions: { jina: { lateChunking: true } } });
    expect(server.requests[1]!.body).toMatchObject({ task: "retrieval.query", late_chunking: true });
    await ai.embed({ model: "jina:jina-clip-v2", input: ["q"] });
    expect(server.requests[2]!.body).not.toHaveProperty("task");
  });

  it("maps an embeddings 401 through Jina's error body, without the key", async () => {
    server.reply(jinaError(401, `Invalid API key: ${apiKey}`));
    const error = (await createAI({ providers: { jina: settings() } }).embed({ model: "jina:jina-embeddings-v3", input: ["a"] }).catch((caught: unknown) => caught)) as AuthenticationError;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toContain("JINA_API_KEY");
    expect(JSON.stringify([error.message, error.body])).not.toContain(apiKey);
  });

  it("has no chat", async () => {
    await expect(createAI({ providers: { jina: settings() } }).chat({ model: "jina:x", messages: [{ role: "user", content: "Hi" }] })).rejects.toBeInstanceOf(UnsupportedCapabilityError);
  });
});
