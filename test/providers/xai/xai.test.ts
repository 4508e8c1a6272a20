// xAI (Grok) against the loopback server speaking its OpenAI-compatible Chat Completions format.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createAI } from "../../../src/ai/create-ai.js";
import { UnsupportedCapabilityError } from "../../../src/spec/errors/index.js";
import { startLoopbackServer } from "../../support/loopback-server.js";
import { collect } from "../../support/collect.js";
import { describeChatCompletionsConformance } from "../openai/chat-completions-conformance.js";
import { chatCompletion, chunk, errorReply, textStream } from "../openai/openai-fixtures.js";
import { describeFailureConformance } from "../shared/provider-failure-conformance.js";

const apiKey = "xai-loopbacktestkey0123456789";
const server = await startLoopbackServer();
afterAll(() => server.close());
beforeEach(() => server.reset());

const xai = (settings: Record<string, unknown> = {}, delays: number[] = []) =>
  createAI({ providers: { xai: { apiKey, baseURL: server.url("/v1"), retry: { sleep: async (ms: number) => void delays.push(ms) }, ...settings } } });
const hi = [{ role: "user" as const, content: "Hi" }];

describeChatCompletionsConformance({ server, model: "xai:grok-4", chatPath: "/v1/chat/completions", apiKey, keyHint: "XAI_API_KEY", makeAI: xai });
describeFailureConformance({
  server,
  model: "xai:grok-3-mini",
  apiKey,
  keyHint: "XAI_API_KEY",
  makeAI: xai,
  chatReply: (text) => ({ json: chatCompletion({ content: text }) }),
  streamReply: { sse: textStream },
  // xAI's own error body: {"code": "...", "error": "..."}.
  errorReply: (status, message, headers = {}) => ({ status, headers, json: { code: "Client specified an invalid argument", error: message } }),
});

describe("xai", () => {
  it("asks for json_schema structured output and sends max_tokens", async () => {
    server.reply({ json: chatCompletion({ content: '{"name":"Ada"}' }) });
    const result = await xai().generateObject({ model: "xai:grok-4", messages: hi, schema: z.object({ name: z.string() }), maxOutputTokens: 50 });
    expect(result.object).toEqual({ name: "Ada" });
    expect(server.requests[0]!.body).toMatchObject({ model: "grok-4", max_tokens: 50, response_format: { type: "json_schema", json_schema: { name: "response", strict: true } } });
  });

  it("returns reasoning_content as reasoning, streamed as reasoning-delta, and sends reasoning_effort", async () => {
    server.reply({ json: chatCompletion({ content: "4", reasoning_content: "2 + 2 = 4." }) });
    const reply = await xai().chat({ model: "xai:grok-3-mini", messages: hi, providerOptions: { xai: { reasoningEffort: "high" } } });
    expect(server.requests[0]!.body).toMatchObject({ reasoning_effort: "high" });
    expect(reply).toMatchObject({ text: "4", reasoning: "2 + 2 = 4." });
    server.reply({ sse: [chunk({ role: "assistant", reasoning_content: "2 + 2" }), chunk({ reasoning_content: " = 4." }), chunk({ content: "4" }, "stop"), "data: [DONE]\n\n"] });
    const events = await collect(xai().stream({ model: "xai:grok-3-mini", messages: hi }));
    expect(events.filter((event) => event.type === "reasoning-delta" || event.type === "text-delta")).toEqual([
      { type: "reasoning-delta", delta: "2 + 2" },
      { type: "reasoning-delta", delta: " = 4." },
      { type: "text-delta", delta: "4" },
    ]);
  });

  it("reads xAI's error body", async () => {
    server.reply({ status: 400, json: { code: "Client specified an invalid argument", error: "Model grok-x does not exist." } });
    await expect(xai().chat({ model: "xai:grok-x", messages: hi })).rejects.toThrow(/Model grok-x does not exist/);
    server.reply(errorReply(400, "This model's maximum context length is 131072 tokens."));
    await expect(xai().chat({ model: "xai:grok-4", messages: hi })).rejects.toMatchObject({ code: "context_length" });
  });

  it("has no embeddings", async () => {
    await expect(xai().embed({ model: "xai:any", input: ["a"] })).rejects.toBeInstanceOf(UnsupportedCapabilityError);
    expect(server.requests).toHaveLength(0);
  });
});
