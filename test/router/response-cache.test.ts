import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAI } from "../../src/ai/create-ai.js";
import type { CreateAIOptions } from "../../src/router/router-types.js";
import { hashRequest, ResponseCache } from "../../src/router/response-cache.js";
import { ConfigError } from "../../src/spec/errors/index.js";
import { createUsage } from "../../src/providers/shared/usage.js";
import { startLoopbackServer, type LoopbackServer } from "../support/loopback-server.js";
import { completionReply, embeddingsReply, streamReply } from "./openai-wire.js";

let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopbackServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const question = [{ role: "user" as const, content: "What is 2 + 2?" }];

function cachedAI(options: Partial<CreateAIOptions> = {}) {
  return createAI({
    providers: { local: { driver: "openai-compatible", baseURL: server.url("/v1"), apiKey: "sk-cache-0001", maxRetries: 0 } },
    cache: { maxBytes: 1_000_000 },
    prices: { "local:m": { input: 1, output: 2 }, "local:e": { input: 1 } },
    ...options,
  });
}

/** Embeds each text as `[its length, its first character code]`, and records the inputs of each request. */
function embedByText() {
  server.handle((request) => {
    const body = request.body as { model: string; input: string[] };
    return embeddingsReply(body.input.map((text) => [text.length, text.charCodeAt(0)]), body.model, body.input.length * 3);
  });
}

describe("chat cache", () => {
  it("serves a repeated temperature-0 call from the cache, marked cached, at no cost", async () => {
    server.handle(() => completionReply("4", "m", { prompt: 12, completion: 1 }));
    const ai = cachedAI();
    const first = await ai.chat({ model: "local:m", messages: question, temperature: 0 });
    first.text = "mutated by the caller";
    const second = await ai.chat({ model: "local:m", messages: [{ content: "What is 2 + 2?", role: "user" }], temperature: 0, headers: { "x-trace-id": "t2" } });

    expect(server.requests).toHaveLength(1);
    expect(first).toMatchObject({ cached: false, costUsd: (12 * 1 + 1 * 2) / 1e6 });
    expect(second).toMatchObject({ cached: true, costUsd: 0, text: "4", provider: "local", model: "m", usage: { inputTokens: 12, outputTokens: 1 } });
    expect(ai.usage().byModel["local:m"]).toMatchObject({ requests: 1, cacheHits: 1 });
  });

  it("does not cache other temperatures, other requests, other models or streams", async () => {
    server.handle((request) => {
      const body = request.body as { model: string; stream?: boolean };
      return body.stream ? streamReply(["4"], body.model) : completionReply("4", body.model);
    });
    const ai = cachedAI();
    await ai.chat({ model: "local:m", messages: question, temperature: 0.7 });
    await ai.chat({ model: "local:m", messages: question, temperature: 0.7 });
    await ai.chat({ model: "local:m", messages: question });
    await ai.chat({ model: "local:m", messages: question, temperature: 0 });
    await ai.chat({ model: "local:m", messages: question, temperature: 0, maxOutputTokens: 5 });
    await ai.chat({ model: "local:n", messages: question, temperature: 0 });
    for (let round = 0; round < 2; round++) for await (const _event of ai.stream({ model: "local:m", messages: question, temperature: 0 }));
    expect(server.requests).toHaveLength(8);
  });

  it("is off unless configured", async () => {
    server.handle(() => completionReply("4", "m"));
    const ai = cachedAI({ cache: undefined });
    const results = [await ai.chat({ model: "local:m", messages: question, temperature: 0 }), await ai.chat({ model: "local:m", messages: question, temperature: 0 })];
    expect(results.map((result) => result.cached)).toEqual([false, false]);
    expect(server.requests).toHaveLength(2);
  });
});

describe("embedding cache", () => {
  it("serves cached inputs and requests only the others, vectors in input order", async () => {
    embedByText();
    const ai = cachedAI();
    const first = await ai.embed({ model: "local:e", input: ["apple", "banana"] });
    expect(first).toMatchObject({ cached: false, cachedInputs: 0, calls: 1, embeddings: [[5, 97], [6, 98]] });

    const second = await ai.embed({ model: "local:e", input: ["cherry", "apple", "date", "banana", "cherry"] });
    expect(server.requests[1]!.body).toMatchObject({ model: "e", input: ["cherry", "date"] });
    expect(second).toMatchObject({ cached: false, cachedInputs: 2, calls: 1, usage: { inputTokens: 6 } });
    expect(second.embeddings).toEqual([[6, 99], [5, 97], [4, 100], [6, 98], [6, 99]]);
    expect(second.costUsd).toBeCloseTo(6 / 1e6, 12);

    const third = await ai.embed({ model: "local:e", input: ["date", "apple"] });
    expect(third).toMatchObject({ cached: true, cachedInputs: 2, calls: 0, costUsd: 0, embeddings: [[4, 100], [5, 97]] });
    expect(server.requests).toHaveLength(2);
  });

  it("keys by model, dimensions and input type", async () => {
    embedByText();
    const ai = cachedAI();
    await ai.embed({ model: "local:e", input: ["apple"] });
    await ai.embed({ model: "local:e", input: ["apple"], inputType: "query" });
    await ai.embed({ model: "local:e2", input: ["apple"] });
    await ai.embed({ model: "local:e", input: ["apple"], dimensions: 2 });
    await ai.embed({ model: "local:e", input: ["apple"], dimensions: 2 });
    expect(server.requests).toHaveLength(4);
  });
});

describe("ResponseCache", () => {
  it("stays within maxBytes, dropping the least recently used entries", () => {
    const cache = new ResponseCache({ maxBytes: 20_000 });
    const parts = { provider: "p", modelId: "m", dimensions: undefined, inputType: undefined, providerOptions: undefined };
    const keys = Array.from({ length: 10 }, (_, index) => cache.embeddingKey(parts, `text ${index}`));
    keys.forEach((key, index) => cache.setEmbedding(key, new Array<number>(512).fill(index)));
    expect(cache.bytes).toBeLessThanOrEqual(20_000);
    expect(cache.size).toBeLessThan(10);
    expect(cache.getEmbedding(keys[0]!)).toBeUndefined();
    expect(cache.getEmbedding(keys[9]!)).toEqual(new Array<number>(512).fill(9));
  });

  it("hashes requests independently of key order and copies results in and out", () => {
    expect(hashRequest({ a: 1, b: { c: [1, 2], d: "x" } })).toBe(hashRequest({ b: { d: "x", c: [1, 2] }, a: 1 }));
    expect(hashRequest({ a: 1 })).not.toBe(hashRequest({ a: 2 }));
    const cache = new ResponseCache({ maxBytes: 10_000 });
    const result = { text: "hi", toolCalls: [], finishReason: "stop" as const, usage: createUsage({ inputTokens: 1 }), raw: {}, response: {}, warnings: [] };
    cache.setChat("k", result);
    result.text = "changed";
    expect(cache.getChat("k")?.text).toBe("hi");
  });

  it("requires a positive maxBytes", () => {
    expect(() => new ResponseCache({ maxBytes: 0 })).toThrow(ConfigError);
    expect(() => createAI({ cache: {} as { maxBytes: number } })).toThrow(/cache.maxBytes must be a whole number of bytes/);
  });
});

describe("generateObject cache", () => {
  it("caches a reply that matches the schema, never one that does not", async () => {
    const { z } = await import("zod");
    const schema = z.object({ answer: z.number() });
    server.reply(completionReply('{"answer":"four"}', "m"), completionReply('{"answer":4}', "m"));
    const ai = cachedAI();
    await expect(ai.generateObject({ model: "local:m", messages: question, temperature: 0, schema })).rejects.toMatchObject({ code: "object_generation" });
    const second = await ai.generateObject({ model: "local:m", messages: question, temperature: 0, schema });
    const third = await ai.generateObject({ model: "local:m", messages: question, temperature: 0, schema });
    expect([second.cached, third.cached]).toEqual([false, true]);
    expect(third.object).toEqual({ answer: 4 });
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]!.body).toMatchObject({ response_format: { type: "json_schema" } });
  });
});
