// OpenRouter against the loopback server speaking its OpenAI-compatible format (https://openrouter.ai/docs/api-reference).
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createAI } from "../../../src/ai/create-ai.js";
import { ConfigError, ProviderError } from "../../../src/spec/errors/index.js";
import { startLoopbackServer, type LoopbackReply } from "../../support/loopback-server.js";
import { collect } from "../../support/collect.js";
import { describeChatCompletionsConformance } from "../openai/chat-completions-conformance.js";
import { chatCompletion, chunk, textStream } from "../openai/openai-fixtures.js";
import { describeFailureConformance } from "../shared/provider-failure-conformance.js";

const apiKey = "sk-or-v1-loopbacktestkey0123456789";
const server = await startLoopbackServer();
afterAll(() => server.close());
beforeEach(() => server.reset());

const openrouter = (settings: Record<string, unknown> = {}, delays: number[] = []) =>
  createAI({ providers: { openrouter: { apiKey, baseURL: server.url("/api/v1"), retry: { sleep: async (ms: number) => void delays.push(ms) }, ...settings } } });
const model = "openrouter:openai/gpt-4o-mini";
const hi = [{ role: "user" as const, content: "Hi" }];
/** OpenRouter's error body: `{"error": {"code": <HTTP status>, "message", "metadata"?}}`. */
const openrouterError = (status: number, message: string, headers: Record<string, string> = {}): LoopbackReply => ({ status, headers, json: { error: { code: status, message } } });

describeChatCompletionsConformance({ server, model, chatPath: "/api/v1/chat/completions", apiKey, keyHint: "OPENROUTER_API_KEY", makeAI: openrouter });
describeFailureConformance({
  server,
  model,
  apiKey,
  keyHint: "OPENROUTER_API_KEY",
  makeAI: openrouter,
  chatReply: (text) => ({ json: chatCompletion({ content: text }) }),
  // OpenRouter keeps idle connections open with SSE comments.
  streamReply: { sse: [": OPENROUTER PROCESSING\n\n", ...textStream] },
  errorReply: openrouterError,
});

describe("openrouter", () => {
  it("sends the attribution headers, provider routing, fallbacks, transforms and reasoning", async () => {
    server.reply({ json: chatCompletion({ content: "Hello." }) });
    await openrouter({ appUrl: "https://example.app", appName: "Example App" }).chat({
      model,
      messages: hi,
      providerOptions: {
        openrouter: {
          provider: { order: ["openai", "azure"], allowFallbacks: false, dataCollection: "deny", sort: "throughput", maxPrice: { prompt: 1, completion: 2 } },
          models: ["anthropic/claude-3.5-haiku"],
          transforms: ["middle-out"],
          reasoning: { effort: "low", exclude: true },
          user: "user-7",
        },
      },
    });
    const request = server.requests[0]!;
    expect(request.headers).toMatchObject({ "http-referer": "https://example.app", "x-title": "Example App", authorization: `Bearer ${apiKey}` });
    expect(request.body).toMatchObject({
      model: "openai/gpt-4o-mini",
      provider: { order: ["openai", "azure"], allow_fallbacks: false, data_collection: "deny", sort: "throughput", max_price: { prompt: 1, completion: 2 } },
      models: ["anthropic/claude-3.5-haiku"],
      transforms: ["middle-out"],
      reasoning: { effort: "low", exclude: true },
      user: "user-7",
    });
    expect((request.body as { provider: object }).provider).not.toHaveProperty("only");
  });

  it("rejects a misspelled routing option before any request, listing the accepted keys", async () => {
    const error = await openrouter().chat({ model, messages: hi, providerOptions: { openrouter: { provider: { allow_fallbacks: false } } } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/provider/);
    expect(server.requests).toHaveLength(0);
  });

  it("reads `reasoning` in replies and deltas", async () => {
    server.reply({ json: chatCompletion({ content: "4", reasoning: "2 + 2." }) });
    expect(await openrouter().chat({ model: "openrouter:deepseek/deepseek-r1", messages: hi })).toMatchObject({ text: "4", reasoning: "2 + 2." });
    server.reply({ sse: [": OPENROUTER PROCESSING\n\n", chunk({ role: "assistant", content: "", reasoning: "2 + 2." }), chunk({ content: "4" }, "stop"), "data: [DONE]\n\n"] });
    const events = await collect(openrouter().stream({ model: "openrouter:deepseek/deepseek-r1", messages: hi }));
    expect(events.filter((event) => event.type === "reasoning-delta" || event.type === "text-delta")).toEqual([
      { type: "reasoning-delta", delta: "2 + 2." },
      { type: "text-delta", delta: "4" },
    ]);
  });

  it("throws an error sent inside a stream after it began (retryable)", async () => {
    server.reply({
      sse: [chunk({ role: "assistant", content: "Hel" }), { data: { id: "gen-1", object: "chat.completion.chunk", error: { code: "server_error", message: "Provider disconnected" }, choices: [{ index: 0, delta: { content: "" }, finish_reason: "error" }] } }],
    });
    const error = await collect(openrouter().stream({ model, messages: hi })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ isRetryable: true, message: expect.stringContaining("Provider disconnected") });
  });

  it("asks for json_schema structured output", async () => {
    server.reply({ json: chatCompletion({ content: '{"ok":true}' }) });
    await openrouter().generateObject({ model, messages: hi, schema: z.object({ ok: z.boolean() }) });
    expect(server.requests[0]!.body).toMatchObject({ response_format: { type: "json_schema", json_schema: { strict: true } } });
  });

  it("maps 402 (no credits) to a non-retryable ProviderError", async () => {
    server.reply(openrouterError(402, "Insufficient credits. Add more using https://openrouter.ai/credits"));
    const error = await openrouter().chat({ model, messages: hi }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ status: 402, isRetryable: false, message: expect.stringContaining("Insufficient credits") });
    expect(server.requests).toHaveLength(1);
  });

  it("embeds through /embeddings", async () => {
    server.reply({ json: { object: "list", data: [{ object: "embedding", index: 0, embedding: [0.1, 0.2] }], model: "openai/text-embedding-3-small", usage: { prompt_tokens: 2, total_tokens: 2 } } });
    const result = await openrouter().embed({ model: "openrouter:openai/text-embedding-3-small", input: ["a"] });
    expect(server.requests[0]).toMatchObject({ path: "/api/v1/embeddings", body: { model: "openai/text-embedding-3-small", input: ["a"], encoding_format: "float" } });
    expect(result.embeddings).toEqual([[0.1, 0.2]]);
  });
});
