// DeepSeek against the loopback server speaking its OpenAI-compatible Chat Completions format
// (https://api-docs.deepseek.com/api/create-chat-completion): reasoning_content, prompt-cache usage, JSON mode.
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createAI } from "../../../src/ai/create-ai.js";
import { UnsupportedCapabilityError } from "../../../src/spec/errors/index.js";
import { startLoopbackServer } from "../../support/loopback-server.js";
import { collect } from "../../support/collect.js";
import { describeChatCompletionsConformance } from "../openai/chat-completions-conformance.js";
import { chatCompletion, chunk, errorReply, textStream } from "../openai/openai-fixtures.js";
import { describeFailureConformance } from "../shared/provider-failure-conformance.js";

const apiKey = "sk-deepseekloopbacktestkey0123";
const server = await startLoopbackServer();
afterAll(() => server.close());
beforeEach(() => server.reset());

const deepseek = (settings: Record<string, unknown> = {}, delays: number[] = []) =>
  createAI({ providers: { deepseek: { apiKey, baseURL: server.url(""), retry: { sleep: async (ms: number) => void delays.push(ms) }, ...settings } } });
const hi = [{ role: "user" as const, content: "Hi" }];
/** DeepSeek's usage object: cache hits and misses instead of prompt_tokens_details. */
const deepseekUsage = { prompt_tokens: 30, completion_tokens: 12, total_tokens: 42, prompt_cache_hit_tokens: 24, prompt_cache_miss_tokens: 6, completion_tokens_details: { reasoning_tokens: 8 } };

describeChatCompletionsConformance({ server, model: "deepseek:deepseek-chat", chatPath: "/chat/completions", apiKey, keyHint: "DEEPSEEK_API_KEY", makeAI: deepseek });
describeFailureConformance({
  server,
  model: "deepseek:deepseek-chat",
  apiKey,
  keyHint: "DEEPSEEK_API_KEY",
  makeAI: deepseek,
  chatReply: (text) => ({ json: chatCompletion({ content: text }) }),
  streamReply: { sse: textStream },
  errorReply: (status, message, headers) => errorReply(status, message, "invalid_request_error", headers),
});

describe("deepseek", () => {
  it("returns the reasoner's reasoning_content as reasoning, with cache hits as cachedInputTokens, and does not send it back", async () => {
    server.reply({ json: { ...chatCompletion({ content: "9.11 < 9.9", reasoning_content: "Compare 0.11 and 0.9." }, "stop", "deepseek-reasoner"), usage: deepseekUsage } });
    const reply = await deepseek().chat({ model: "deepseek:deepseek-reasoner", messages: hi });
    expect(reply).toMatchObject({ text: "9.11 < 9.9", reasoning: "Compare 0.11 and 0.9.", usage: { inputTokens: 30, outputTokens: 12, cachedInputTokens: 24 } });
    server.reply({ json: chatCompletion({ content: "ok" }) });
    await deepseek().chat({ model: "deepseek:deepseek-reasoner", messages: [...hi, reply.message, { role: "user", content: "Sure?" }] });
    const sent = (server.requests[1]!.body as { messages: Array<Record<string, unknown>> }).messages;
    expect(sent[1]).toEqual({ role: "assistant", content: "9.11 < 9.9" });
  });

  it("streams reasoning_content as reasoning-delta before the answer, split at every byte", async () => {
    server.reply({
      sse: [
        chunk({ role: "assistant", content: null, reasoning_content: "" }),
        chunk({ content: null, reasoning_content: "Compare " }),
        chunk({ content: null, reasoning_content: "decimals." }),
        chunk({ content: "9.9", reasoning_content: null }),
        chunk({ content: "", reasoning_content: null }, "stop", { usage: deepseekUsage }),
        "data: [DONE]\n\n",
      ],
      chunks: "bytes",
    });
    const events = await collect(deepseek().stream({ model: "deepseek:deepseek-reasoner", messages: hi }));
    expect(events.filter((event) => event.type !== "response-metadata")).toEqual([
      { type: "reasoning-delta", delta: "Compare " },
      { type: "reasoning-delta", delta: "decimals." },
      { type: "text-delta", delta: "9.9" },
      { type: "finish", finishReason: "stop", usage: { inputTokens: 30, outputTokens: 12, cachedInputTokens: 24, totalTokens: 42 }, message: expect.objectContaining({ role: "assistant", content: "9.9" }) },
    ]);
  });

  it("asks for JSON mode (DeepSeek has no json_schema) with the schema in a system message, and sends max_tokens", async () => {
    server.reply({ json: chatCompletion({ content: '{"answer":42}' }) });
    const result = await deepseek().generateObject({ model: "deepseek:deepseek-chat", messages: hi, schema: z.object({ answer: z.number() }), maxOutputTokens: 30 });
    expect(result.object).toEqual({ answer: 42 });
    const body = server.requests[0]!.body as { response_format: unknown; max_tokens: number; messages: Array<{ role: string; content: string }> };
    expect(body.response_format).toEqual({ type: "json_object" });
    expect(body.max_tokens).toBe(30);
    expect(body.messages[0]).toMatchObject({ role: "system" });
    expect(body.messages[0]!.content).toMatch(/JSON/);
  });

  it("has no embeddings, and reads DEEPSEEK_API_KEY", async () => {
    await expect(deepseek().embed({ model: "deepseek:any", input: ["a"] })).rejects.toBeInstanceOf(UnsupportedCapabilityError);
    vi.stubEnv("DEEPSEEK_API_KEY", "");
    try {
      expect(() => createAI({ providers: { deepseek: {} } })).toThrow(/DEEPSEEK_API_KEY/);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
