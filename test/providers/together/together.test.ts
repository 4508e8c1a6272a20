// Together AI against the loopback server speaking its OpenAI-compatible Chat Completions and Embeddings formats.
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createAI } from "../../../src/ai/create-ai.js";
import { startLoopbackServer } from "../../support/loopback-server.js";
import { collect } from "../../support/collect.js";
import { describeChatCompletionsConformance } from "../openai/chat-completions-conformance.js";
import { chatCompletion, chunk, errorReply, textStream } from "../openai/openai-fixtures.js";
import { describeFailureConformance } from "../shared/provider-failure-conformance.js";

const apiKey = "tgp_v1_loopbacktestkey0123456789";
const server = await startLoopbackServer();
afterAll(() => server.close());
beforeEach(() => server.reset());

const together = (settings: Record<string, unknown> = {}, delays: number[] = []) =>
  createAI({ providers: { together: { apiKey, baseURL: server.url("/v1"), retry: { sleep: async (ms: number) => void delays.push(ms) }, ...settings } } });
const model = "together:meta-llama/Llama-3.3-70B-Instruct-Turbo";
const hi = [{ role: "user" as const, content: "Hi" }];

describeChatCompletionsConformance({ server, model, chatPath: "/v1/chat/completions", apiKey, keyHint: "TOGETHER_API_KEY", makeAI: together });
describeFailureConformance({
  server,
  model,
  apiKey,
  keyHint: "TOGETHER_API_KEY",
  makeAI: together,
  chatReply: (text) => ({ json: chatCompletion({ content: text }) }),
  streamReply: { sse: textStream },
  errorReply: (status, message, headers) => errorReply(status, message, null, headers),
});

describe("together", () => {
  it("asks for json_schema structured output with max_tokens", async () => {
    server.reply({ json: chatCompletion({ content: '{"ok":true}' }) });
    const result = await together().generateObject({ model, messages: hi, schema: z.object({ ok: z.boolean() }), maxOutputTokens: 20 });
    expect(result.object).toEqual({ ok: true });
    expect(server.requests[0]!.body).toMatchObject({ model: "meta-llama/Llama-3.3-70B-Instruct-Turbo", max_tokens: 20, response_format: { type: "json_schema" } });
  });

  it("reads reasoning models' `reasoning` field, in replies and streams", async () => {
    server.reply({ json: chatCompletion({ content: "Paris", reasoning: "The capital of France." }) });
    expect(await together().chat({ model: "together:deepseek-ai/DeepSeek-R1", messages: hi })).toMatchObject({ text: "Paris", reasoning: "The capital of France." });
    server.reply({ sse: [chunk({ role: "assistant", reasoning: "Capital" }), chunk({ content: "Paris" }, "stop"), "data: [DONE]\n\n"] });
    const events = await collect(together().stream({ model: "together:deepseek-ai/DeepSeek-R1", messages: hi }));
    expect(events.filter((event) => event.type === "reasoning-delta" || event.type === "text-delta")).toEqual([
      { type: "reasoning-delta", delta: "Capital" },
      { type: "text-delta", delta: "Paris" },
    ]);
  });

  it("embeds through /embeddings with float vectors, more than one batch, in input order", async () => {
    server.handle((request) => {
      const body = request.body as { input: string[] };
      return { json: { object: "list", data: body.input.map((text, index) => ({ object: "embedding", index, embedding: [Number(text), 0] })), model: "BAAI/bge-large-en-v1.5", request_id: "r1" } };
    });
    const input = Array.from({ length: 2_100 }, (_, index) => String(index));
    const result = await together().embed({ model: "together:BAAI/bge-large-en-v1.5", input });
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]).toMatchObject({ path: "/v1/embeddings", body: { model: "BAAI/bge-large-en-v1.5", encoding_format: "float" } });
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(result.embeddings.map((vector) => vector[0])).toEqual(input.map(Number));
  });
});

describe("together environment", () => {
  it("reads TOGETHER_API_KEY and TOGETHER_BASE_URL", async () => {
    vi.stubEnv("TOGETHER_API_KEY", "tgp_v1_envkey0123456789");
    vi.stubEnv("TOGETHER_BASE_URL", server.url("/env/v1"));
    try {
      server.reply({ json: chatCompletion({ content: "ok" }) });
      await createAI({ providers: { together: { retry: { sleep: async () => {} } } } }).chat({ model, messages: hi });
      expect(server.requests[0]!.path).toBe("/env/v1/chat/completions");
      expect(server.requests[0]!.headers.authorization).toBe("Bearer tgp_v1_envkey0123456789");
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
