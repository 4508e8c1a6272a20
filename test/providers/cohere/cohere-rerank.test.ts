// Cohere /v2/rerank (https://docs.cohere.com/reference/rerank) against the loopback server.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createCohere } from "../../../src/providers/cohere/index.js";
import { ConfigError } from "../../../src/spec/errors/index.js";
import { startLoopbackServer } from "../../support/loopback-server.js";
import { describeRerankConformance } from "../shared/rerank-conformance.js";

const apiKey = "co-loopbacktestkey0123456789";
const server = await startLoopbackServer();
afterAll(() => server.close());
beforeEach(() => server.reset());

const rerankModel = (settings: Record<string, unknown> = {}, delays: number[] = []) =>
  createCohere({ apiKey, baseURL: server.url("/v2"), retry: { sleep: async (ms: number) => void delays.push(ms) }, ...settings }).rerankModel!("rerank-v3.5");

function cohereRerankReply(scores: Array<[number, number]>) {
  return {
    json: {
      id: "07734bd2-2473-4f07-94e1-0d9f0e6843cf",
      results: scores.map(([index, relevance_score]) => ({ index, relevance_score })),
      meta: { api_version: { version: "2", is_experimental: false }, billed_units: { search_units: 1 } },
    },
  };
}

describeRerankConformance({
  server,
  path: "/v2/rerank",
  apiKey,
  keyHint: "COHERE_API_KEY",
  makeModel: rerankModel,
  expectedBody: (query, documents, topN) => ({ model: "rerank-v3.5", query, documents, ...(topN === undefined ? {} : { top_n: topN }) }),
  reply: cohereRerankReply,
  errorReply: (status, message, headers = {}) => ({ status, headers, json: { id: "e0d3b1c4-5f0c-4a8a-9a53-0d3f4a1d2b7c", message } }),
  providerAppliesTopN: true,
});

describe("cohere rerank", () => {
  it("reports the billed search units and the response id, and sends max_tokens_per_doc", async () => {
    server.reply(cohereRerankReply([[0, 0.9]]));
    const result = await rerankModel().doRerank({ query: "q", documents: ["a"], providerOptions: { cohere: { maxTokensPerDoc: 512 } } });
    expect(server.requests[0]!.body).toMatchObject({ max_tokens_per_doc: 512 });
    expect(result).toMatchObject({ usage: { searchUnits: 1 }, response: { id: "07734bd2-2473-4f07-94e1-0d9f0e6843cf" } });
    expect(rerankModel().maxDocumentsPerCall).toBe(1_000);
  });

  it("rejects unknown providerOptions.cohere before any request", async () => {
    await expect(rerankModel().doRerank({ query: "q", documents: ["a"], providerOptions: { cohere: { top_n: 1 } } })).rejects.toThrow(ConfigError);
    expect(server.requests).toHaveLength(0);
  });
});
