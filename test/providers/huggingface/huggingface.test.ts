import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createAI } from "../../../src/ai/create-ai.js";
import { ProviderResponseError } from "../../../src/spec/errors/index.js";
import { startLoopbackServer } from "../../support/loopback-server.js";
import { describeChatCompletionsConformance } from "../openai/chat-completions-conformance.js";
import { chatCompletion } from "../openai/openai-fixtures.js";

const apiKey = "hf_loopbacktestkey0123456789";
const server = await startLoopbackServer();
afterAll(() => server.close());
beforeEach(() => server.reset());

const delays: number[] = [];
const huggingface = (settings: Record<string, unknown> = {}, recorded: number[] = delays) =>
  createAI({ providers: { huggingface: { apiKey, baseURL: server.url(), retry: { sleep: async (ms: number) => void recorded.push(ms) }, ...settings } } });

describeChatCompletionsConformance({ server, model: "huggingface:meta-llama/Llama-3.1-8B-Instruct:cerebras", chatPath: "/v1/chat/completions", apiKey, keyHint: "HF_TOKEN", makeAI: huggingface });

const featurePath = "/hf-inference/models/sentence-transformers/all-MiniLM-L6-v2/pipeline/feature-extraction";

describe("huggingface", () => {
  it("asks for json_schema structured output and sends max_tokens", async () => {
    server.reply({ json: chatCompletion({ content: '{"answer":"42"}' }) });
    const result = await huggingface().generateObject({
      model: "huggingface:Qwen/Qwen2.5-72B-Instruct",
      messages: [{ role: "user", content: "?" }],
      schema: z.object({ answer: z.string() }),
      maxOutputTokens: 30,
    });
    expect(result.object).toEqual({ answer: "42" });
    expect(server.requests[0]!.body).toMatchObject({ model: "Qwen/Qwen2.5-72B-Instruct", max_tokens: 30, response_format: { type: "json_schema" } });
  });

  it("embeds through the feature-extraction pipeline, 64 inputs per request, in order", async () => {
    server.handle((request) => ({ json: (request.body as { inputs: string[] }).inputs.map((text) => [Number(text.slice(2)), 0.25, -0.5]) }));
    const input = Array.from({ length: 70 }, (_, index) => `t ${index}`);
    const result = await huggingface().embed({ model: "huggingface:sentence-transformers/all-MiniLM-L6-v2", input });
    expect(server.requests.map((request) => [request.method, request.path, (request.body as { inputs: string[] }).inputs.length])).toEqual([
      ["POST", featurePath, 64],
      ["POST", featurePath, 6],
    ]);
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(result.embeddings.map((vector) => vector[0])).toEqual(input.map((_, index) => index));
    expect(result.usage.inputTokens).toBeUndefined();
  });

  it("retries a model that is loading (503) and rejects token-level vectors with advice", async () => {
    server.reply({ status: 503, json: { error: "Model sentence-transformers/all-MiniLM-L6-v2 is currently loading", estimated_time: 20 } }, { json: [[0.1, 0.2]] });
    expect((await huggingface().embed({ model: "huggingface:sentence-transformers/all-MiniLM-L6-v2", input: ["a"] })).embeddings).toEqual([[0.1, 0.2]]);
    server.reply({ json: [[[0.1, 0.2], [0.3, 0.4]]] });
    const error = await huggingface().embed({ model: "huggingface:bert-base-uncased", input: ["a"] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderResponseError);
    expect((error as Error).message).toContain("one vector per token");
  });
});
