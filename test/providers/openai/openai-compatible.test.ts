import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createAI } from "../../../src/ai/create-ai.js";
import { ConfigError } from "../../../src/spec/errors/index.js";
import { startLoopbackServer } from "../../support/loopback-server.js";
import { describeChatCompletionsConformance } from "./chat-completions-conformance.js";
import { chatCompletion } from "./openai-fixtures.js";

const server = await startLoopbackServer();
afterAll(() => server.close());
beforeEach(() => server.reset());

describeChatCompletionsConformance({
  server,
  model: "vllm:meta-llama/Llama-3.1-8B-Instruct",
  chatPath: "/v1/chat/completions",
  apiKey: undefined,
  keyHint: "apiKey setting of the vllm provider",
  makeAI: (settings, delays) =>
    createAI({ providers: { vllm: { driver: "openai-compatible", baseURL: server.url("/v1"), retry: { sleep: async (ms: number) => void delays.push(ms) }, ...settings } } }),
});

describe("openai-compatible", () => {
  it("requires a baseURL, naming the provider", () => {
    expect(() => createAI({ providers: { "openai-compatible": {} } })).toThrow(ConfigError);
    expect(() => createAI({ providers: { "openai-compatible": {} } })).toThrow(/The openai-compatible provider needs a baseURL/);
  });

  it("sends max_tokens, the optional key, and json_schema structured output", async () => {
    server.reply({ json: chatCompletion({ content: '{"ok":true}' }) });
    const ai = createAI({ providers: { together: { driver: "openai-compatible", baseURL: server.url("/v1"), apiKey: "tg-key-123456" } } });
    const result = await ai.generateObject({ model: "together:mistralai/Mixtral-8x7B", messages: [{ role: "user", content: "ok?" }], schema: z.object({ ok: z.boolean() }), maxOutputTokens: 20 });
    expect(result).toMatchObject({ object: { ok: true }, provider: "together", model: "mistralai/Mixtral-8x7B" });
    expect(server.requests[0]!.headers.authorization).toBe("Bearer tg-key-123456");
    expect(server.requests[0]!.body).toMatchObject({ max_tokens: 20, response_format: { type: "json_schema", json_schema: { name: "response", strict: true } } });
  });

  it("embeds through /embeddings in one batch", async () => {
    server.reply({ json: { object: "list", data: [{ object: "embedding", index: 0, embedding: [1, 0] }, { object: "embedding", index: 1, embedding: [0, 1] }], model: "bge", usage: { prompt_tokens: 4, total_tokens: 4 } } });
    const ai = createAI({ providers: { local: { driver: "openai-compatible", baseURL: server.url("/v1") } } });
    const result = await ai.embed({ model: "local:BAAI/bge-small-en", input: ["a", "b"] });
    expect(server.requests[0]).toMatchObject({ path: "/v1/embeddings", body: { model: "BAAI/bge-small-en", input: ["a", "b"] } });
    expect(result.embeddings).toEqual([[1, 0], [0, 1]]);
  });
});
