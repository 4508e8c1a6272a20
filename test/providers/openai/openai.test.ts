import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createAI, type AI } from "../../../src/ai/create-ai.js";
import {
  AuthenticationError,
  ConfigError,
  ConnectionError,
  ContextLengthError,
  ProviderError,
  ProviderResponseError,
  RateLimitError,
  TimeoutError,
} from "../../../src/spec/errors/index.js";
import { startLoopbackServer } from "../../support/loopback-server.js";
import { chatCompletion, chunk, errorReply, textStream, toolCallStream, usage } from "./openai-fixtures.js";
import { collect } from "../../support/collect.js";

const apiKey = "sk-proj-loopbacktestkey0123456789";
const server = await startLoopbackServer();
afterAll(() => server.close());
beforeEach(() => server.reset());

const delays: number[] = [];
function openai(settings: Record<string, unknown> = {}): AI {
  delays.length = 0;
  return createAI({
    providers: {
      openai: { apiKey, baseURL: server.url("/v1"), organization: "org-1", retry: { sleep: async (ms: number) => void delays.push(ms) }, ...settings },
    },
  });
}
const hi = [{ role: "user" as const, content: "Hi" }];

describe("openai chat", () => {
  it("posts the Chat Completions request and parses the reply, usage included", async () => {
    server.reply({ json: chatCompletion({ content: "Hello there." }), headers: { "x-request-id": "req_1" } });
    const reply = await openai().chat({ model: "openai:gpt-4o-mini", messages: hi, temperature: 0, maxOutputTokens: 50, seed: 7, stopSequences: ["END"], topK: 3 });
    const request = server.requests[0]!;
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/v1/chat/completions");
    expect(request.headers).toMatchObject({ authorization: `Bearer ${apiKey}`, "content-type": "application/json", "openai-organization": "org-1" });
    expect(request.body).toEqual({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Hi" }],
      temperature: 0,
      max_completion_tokens: 50,
      seed: 7,
      stop: ["END"],
    });
    expect(reply).toMatchObject({
      provider: "openai",
      model: "gpt-4o-mini",
      text: "Hello there.",
      toolCalls: [],
      finishReason: "stop",
      usage: { inputTokens: 19, outputTokens: 7, cachedInputTokens: 4, totalTokens: 26 },
      response: { requestId: "req_1", id: "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT", modelId: "gpt-4o-mini-2024-07-18" },
    });
    expect(reply.warnings).toEqual([expect.objectContaining({ type: "unsupported-setting", setting: "topK" })]);
    expect((reply.raw as { system_fingerprint: string }).system_fingerprint).toBe("fp_06737a9306");
    // The body as sent, keys the schema does not know included (usage.completion_tokens_details...).
    expect(reply.raw).toEqual(chatCompletion({ content: "Hello there." }));
  });

  it("converts every message kind: images, assistant tool calls and tool results", async () => {
    server.reply({ json: chatCompletion({ content: "It is sunny." }) });
    await openai().chat({
      model: "openai:gpt-4o",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: [{ type: "text", text: "What is this?" }, { type: "image", image: Uint8Array.of(1, 2, 3), mediaType: "image/png" }, { type: "image", image: "https://example.com/cat.jpg" }] },
        { role: "assistant", toolCalls: [{ toolCallId: "call_1", toolName: "get_weather", input: { city: "Paris" } }] },
        { role: "tool", toolCallId: "call_1", toolName: "get_weather", result: { temperature: 21 } },
        { role: "tool", toolCallId: "call_2", toolName: "note", result: "plain text" },
      ],
    });
    expect((server.requests[0]!.body as { messages: unknown }).messages).toEqual([
      { role: "system", content: "Be brief." },
      {
        role: "user",
        content: [
          { type: "text", text: "What is this?" },
          { type: "image_url", image_url: { url: "data:image/png;base64,AQID" } },
          { type: "image_url", image_url: { url: "https://example.com/cat.jpg" } },
        ],
      },
      { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }] },
      { role: "tool", tool_call_id: "call_1", content: '{"temperature":21}' },
      { role: "tool", tool_call_id: "call_2", content: "plain text" },
    ]);
  });

  it("streams text deltas split at every byte, then finish with the include_usage usage", async () => {
    server.reply({ sse: textStream, chunks: "bytes", headers: { "x-request-id": "req_s" } });
    const events = await collect(openai().stream({ model: "openai:gpt-4o-mini", messages: hi }));
    expect(server.requests[0]!.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(server.requests[0]!.headers.accept).toBe("text/event-stream");
    expect(events).toEqual([
      { type: "response-metadata", response: { requestId: "req_s", id: "chatcmpl-123", modelId: "gpt-4o-mini-2024-07-18" } },
      { type: "text-delta", delta: "Hello, " },
      { type: "text-delta", delta: "wörld ☃!" },
      // The router ends every stream with the reply as an assistant message, ready for the next turn.
      { type: "finish", finishReason: "stop", usage: { inputTokens: 19, outputTokens: 7, cachedInputTokens: 4, totalTokens: 26 }, message: { role: "assistant", content: "Hello, wörld ☃!" } },
    ]);
  });

  it("sends tools and parses tool calls", async () => {
    server.reply({
      json: chatCompletion({ content: null, tool_calls: [{ id: "call_abc", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }] }, "tool_calls"),
    });
    const reply = await openai().chat({
      model: "openai:gpt-4o-mini",
      messages: [{ role: "user", content: "Weather in Paris?" }],
      tools: [{ name: "get_weather", description: "Current weather for a city", parameters: z.object({ city: z.string() }) }],
      toolChoice: { type: "tool", toolName: "get_weather" },
      providerOptions: { openai: { parallelToolCalls: false, user: "u-1" } },
    });
    expect(server.requests[0]!.body).toMatchObject({
      tools: [
        {
          type: "function",
          function: {
            name: "get_weather",
            description: "Current weather for a city",
            parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false },
          },
        },
      ],
      tool_choice: { type: "function", function: { name: "get_weather" } },
      parallel_tool_calls: false,
      user: "u-1",
    });
    expect(reply.finishReason).toBe("tool-calls");
    expect(reply.text).toBe("");
    expect(reply.toolCalls).toEqual([{ toolCallId: "call_abc", toolName: "get_weather", input: { city: "Paris" } }]);
  });

  it("returns reasoning text and reports a refusal as a warning", async () => {
    server.reply({ json: chatCompletion({ content: null, refusal: "I can't help with that.", reasoning_content: "The user asks..." }) });
    const reply = await openai().chat({ model: "openai:gpt-4o-mini", messages: hi });
    expect(reply).toMatchObject({ text: "", reasoning: "The user asks...", warnings: [{ type: "other", message: "The model refused: I can't help with that." }] });
  });

  it("rejects unknown provider options", async () => {
    await expect(openai().chat({ model: "openai:gpt-4o-mini", messages: hi, providerOptions: { openai: { parallel_tool_calls: false } } })).rejects.toThrow(ConfigError);
    expect(server.requests).toHaveLength(0);
  });

  it("streams tool-call deltas and the complete tool call", async () => {
    server.reply({ sse: toolCallStream, chunks: 7 });
    const events = await collect(
      openai().stream({ model: "openai:gpt-4o-mini", messages: hi, tools: [{ name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } }] }),
    );
    expect(events.filter((event) => event.type !== "response-metadata")).toEqual([
      { type: "tool-call-delta", toolCallId: "call_DdmO9pD3xa9XTPNJ32zg2hcA", toolName: "get_weather", inputDelta: '{"ci' },
      { type: "tool-call-delta", toolCallId: "call_DdmO9pD3xa9XTPNJ32zg2hcA", toolName: "get_weather", inputDelta: 'ty":"Paris"}' },
      { type: "tool-call", toolCallId: "call_DdmO9pD3xa9XTPNJ32zg2hcA", toolName: "get_weather", input: { city: "Paris" } },
      {
        type: "finish",
        finishReason: "tool-calls",
        usage: expect.objectContaining({ inputTokens: 19 }),
        message: { role: "assistant", content: "", toolCalls: [{ toolCallId: "call_DdmO9pD3xa9XTPNJ32zg2hcA", toolName: "get_weather", input: { city: "Paris" } }] },
      },
    ]);
  });

  it("asks for json_schema structured output (strict when the schema allows) and returns the typed object", async () => {
    server.reply({ json: chatCompletion({ content: '{"title":"Prisma","tags":["orm","ai"]}' }) });
    const schema = z.object({ title: z.string(), tags: z.array(z.string()) });
    const result = await openai().generateObject({ model: "openai:gpt-4o-mini", messages: hi, schema, schemaName: "article" });
    expect(result.object).toEqual({ title: "Prisma", tags: ["orm", "ai"] });
    expect((server.requests[0]!.body as { response_format: unknown }).response_format).toEqual({
      type: "json_schema",
      json_schema: {
        name: "article",
        strict: true,
        schema: {
          type: "object",
          properties: { title: { type: "string" }, tags: { type: "array", items: { type: "string" } } },
          required: ["title", "tags"],
          additionalProperties: false,
        },
      },
    });
    server.reply({ json: chatCompletion({ content: '{"title":"x"}' }) });
    await openai().generateObject({ model: "openai:gpt-4o-mini", messages: hi, schema: z.object({ title: z.string(), note: z.string().optional() }) });
    expect((server.requests[1]!.body as { response_format: { json_schema: { strict: boolean } } }).response_format.json_schema.strict).toBe(false);
  });
});

describe("openai embeddings, images and moderation", () => {
  it("embeds more inputs than one request takes: 2,048 per request, dimensions sent, vectors back in input order", async () => {
    server.handle((request) => {
      const body = request.body as { input: string[]; dimensions: number; encoding_format: string };
      // encoding_format "base64": each vector as little-endian float32 bytes, base64-encoded
      const encode = (vector: number[]) => Buffer.from(new Float32Array(vector).buffer).toString("base64");
      const data = body.input.map((text, index) => ({ object: "embedding", index, embedding: encode([Number(text.slice(5)), body.dimensions, 0.5]) }));
      return { json: { object: "list", data: data.reverse(), model: "text-embedding-3-small", usage: { prompt_tokens: body.input.length * 2, total_tokens: body.input.length * 2 } } };
    });
    const input = Array.from({ length: 2_100 }, (_, index) => `text ${index}`);
    const result = await openai().embed({ model: "openai:text-embedding-3-small", input, dimensions: 3 });
    expect(server.requests.map((request) => request.path)).toEqual(["/v1/embeddings", "/v1/embeddings"]);
    expect(server.requests.map((request) => (request.body as { input: string[] }).input.length)).toEqual([2_048, 52]);
    expect(server.requests[0]!.body).toMatchObject({ model: "text-embedding-3-small", encoding_format: "base64", dimensions: 3 });
    expect(result.embeddings[7]).toEqual([7, 3, 0.5]);
    expect(result.embeddings.map((vector) => vector[0])).toEqual(input.map((_, index) => index));
    expect(result).toMatchObject({ calls: 2, usage: { inputTokens: 4_200 }, provider: "openai", model: "text-embedding-3-small" });
  });

  it("rejects a base64 embedding that is not float32 data", async () => {
    server.reply({ json: { object: "list", data: [{ object: "embedding", index: 0, embedding: Buffer.from([1, 2, 3]).toString("base64") }], model: "m" } });
    await expect(openai().embed({ model: "openai:text-embedding-3-small", input: ["a"] })).rejects.toThrow(/not float32 data/);
  });

  it("rejects vectors whose size differs from the requested dimensions", async () => {
    server.reply({ json: { object: "list", data: [{ object: "embedding", index: 0, embedding: [0.1, 0.2, 0.3, 0.4] }], model: "m", usage: { prompt_tokens: 1, total_tokens: 1 } } });
    await expect(openai().embed({ model: "openai:text-embedding-ada-002", input: ["a"], dimensions: 2 })).rejects.toThrow(/returned 4-dimensional vectors but 2 were requested/);
  });

  it("generates images as base64", async () => {
    server.reply({ json: { created: 1713833628, data: [{ b64_json: "iVBORw0KGgo=", revised_prompt: "A cat, photo" }] } });
    const result = await openai().image({ model: "openai:dall-e-3", prompt: "A cat", size: "1024x1024" });
    expect(server.requests[0]).toMatchObject({ path: "/v1/images/generations", body: { model: "dall-e-3", prompt: "A cat", n: 1, size: "1024x1024", response_format: "b64_json" } });
    expect(result.images).toEqual([{ base64: "iVBORw0KGgo=", mediaType: "image/png", revisedPrompt: "A cat, photo" }]);
  });

  it("moderates texts", async () => {
    server.reply({
      json: {
        id: "modr-970d409ef3bef3b70c73d8232df86e7d",
        model: "omni-moderation-latest",
        results: [
          { flagged: true, categories: { harassment: true, violence: false }, category_scores: { harassment: 0.91, violence: 0.01 }, category_applied_input_types: { harassment: ["text"] } },
          { flagged: false, categories: { harassment: false, violence: false }, category_scores: { harassment: 0.001, violence: 0.0002 } },
        ],
      },
    });
    const result = await openai().moderate({ model: "openai:omni-moderation-latest", input: ["you are awful", "hello"] });
    expect(server.requests[0]).toMatchObject({ path: "/v1/moderations", body: { model: "omni-moderation-latest", input: ["you are awful", "hello"] } });
    expect(result.flagged).toBe(true);
    expect(result.results[0]).toEqual({ flagged: true, categories: { harassment: true, violence: false }, categoryScores: { harassment: 0.91, violence: 0.01 } });
  });
});

describe("openai failures", () => {
  it("fails at createAI, naming OPENAI_API_KEY, when there is no key", () => {
    vi.stubEnv("OPENAI_API_KEY", "");
    try {
      expect(() => createAI({ providers: { openai: {} } })).toThrow(/No API key for the openai provider: set OPENAI_API_KEY or pass `apiKey`/);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("maps 401 to AuthenticationError naming the variable, without the key", async () => {
    server.reply(errorReply(401, `Incorrect API key provided: ${apiKey}. You can find your API key at https://platform.openai.com/account/api-keys.`, "invalid_api_key"));
    const error = (await openai().chat({ model: "openai:gpt-4o-mini", messages: hi }).catch((caught: unknown) => caught)) as AuthenticationError;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toContain("OPENAI_API_KEY");
    expect(JSON.stringify([error.message, error.body, error.url])).not.toContain(apiKey);
    expect(server.requests).toHaveLength(1);
  });

  it("retries a 429 after Retry-After and then succeeds", async () => {
    server.reply(errorReply(429, "Rate limit reached for gpt-4o-mini", "rate_limit_exceeded", { "retry-after": "2", "x-request-id": "req_429" }), { json: chatCompletion({ content: "ok" }) });
    const reply = await openai().chat({ model: "openai:gpt-4o-mini", messages: hi });
    expect(reply.text).toBe("ok");
    expect(delays).toEqual([2_000]);
    expect(server.requests).toHaveLength(2);
  });

  it("gives up on 429 after maxRetries with a RateLimitError", async () => {
    server.handle(() => errorReply(429, "Rate limit reached", "rate_limit_exceeded", { "retry-after-ms": "10" }));
    const error = await openai({ maxRetries: 1 }).chat({ model: "openai:gpt-4o-mini", messages: hi }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ retryAfterMs: 10, status: 429 });
    expect(server.requests).toHaveLength(2);
  });

  it("retries a 500 and then succeeds", async () => {
    server.reply(errorReply(500, "The server had an error while processing your request."), { json: chatCompletion({ content: "recovered" }) });
    expect((await openai().chat({ model: "openai:gpt-4o-mini", messages: hi })).text).toBe("recovered");
    expect(delays).toHaveLength(1);
  });

  it("maps context_length_exceeded to ContextLengthError", async () => {
    server.reply(errorReply(400, "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens.", "context_length_exceeded"));
    await expect(openai().chat({ model: "openai:gpt-4o-mini", messages: hi })).rejects.toBeInstanceOf(ContextLengthError);
  });

  it("rejects malformed JSON and a reply without choices with ProviderResponseError", async () => {
    server.reply({ text: '{"id":"chatcmpl-1","choices":[{"index":0,"message":', headers: { "content-type": "application/json" } });
    await expect(openai().chat({ model: "openai:gpt-4o-mini", messages: hi })).rejects.toBeInstanceOf(ProviderResponseError);
    server.reply({ json: { id: "x", choices: [] } });
    await expect(openai().chat({ model: "openai:gpt-4o-mini", messages: hi })).rejects.toThrow(/choices/);
  });

  it("reports a stream cut mid-event: a broken connection, or an end before [DONE]", async () => {
    server.reply({ sse: textStream, cutAfterBytes: 500 });
    await expect(collect(openai({ maxRetries: 0 }).stream({ model: "openai:gpt-4o-mini", messages: hi }))).rejects.toBeInstanceOf(ConnectionError);
    server.reply({ sse: textStream, cutAfterBytes: 500, cutMode: "end" });
    const error = (await collect(openai().stream({ model: "openai:gpt-4o-mini", messages: hi })).catch((caught: unknown) => caught)) as ProviderResponseError;
    expect(error).toBeInstanceOf(ProviderResponseError);
    expect(error.message).toContain("ended before its final event");
    expect(error.isRetryable).toBe(true);
  });

  it("throws an error sent inside the stream", async () => {
    server.reply({ sse: [chunk({ content: "Hel" }), { data: { error: { message: "The server had an error", type: "server_error" } } }] });
    await expect(collect(openai().stream({ model: "openai:gpt-4o-mini", messages: hi }))).rejects.toThrow(ProviderError);
  });

  it("reports an error sent inside the stream with the exchange's fields and the redacted chunk", async () => {
    server.reply({ sse: [chunk({ content: "Hel" }), { data: { error: { message: `bad key ${apiKey}`, type: "server_error" } } }] });
    const error = (await collect(openai().stream({ model: "openai:gpt-4o-mini", messages: hi })).catch((caught: unknown) => caught)) as ProviderError;
    expect(error.constructor).toBe(ProviderError);
    expect(error.message).toBe("openai reported an error in the stream (bad key [REDACTED]); retry the call.");
    // Built by the shared streamEventError, like the other drivers' (the exchange's URL included).
    expect(error).toMatchObject({ provider: "openai", model: "gpt-4o-mini", status: 200, isRetryable: true, url: server.url("/v1/chat/completions") });
    expect(error.body).toBe(JSON.stringify({ error: { message: "bad key [REDACTED]", type: "server_error" } }));
  });

  it("rejects a streamed tool call whose first piece has no id or name", async () => {
    const orphan = chunk({ tool_calls: [{ index: 1, function: { arguments: '{"city":' } }] });
    server.reply({ sse: [chunk({ role: "assistant", content: null }), orphan] });
    const error = (await collect(openai().stream({ model: "openai:gpt-4o-mini", messages: hi })).catch((caught: unknown) => caught)) as ProviderResponseError;
    expect(error).toBeInstanceOf(ProviderResponseError);
    expect(error.message).toBe("openai streamed arguments for tool call 1 before its id and name; the stream is malformed, retry the call.");
    expect(error).toMatchObject({ provider: "openai", model: "gpt-4o-mini", status: 200, isRetryable: false, url: undefined });
    expect(error.body).toBe(JSON.stringify(orphan.data));
  });

  it("times out a slow server", async () => {
    server.reply({ delayMs: 3_000, json: chatCompletion({ content: "late" }) });
    await expect(openai({ timeoutMs: 100, maxRetries: 0 }).chat({ model: "openai:gpt-4o-mini", messages: hi })).rejects.toBeInstanceOf(TimeoutError);
  });

  it("stops at once on abort", async () => {
    server.reply({ hang: true });
    const controller = new AbortController();
    const pending = openai().chat({ model: "openai:gpt-4o-mini", messages: hi, abortSignal: controller.signal });
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });

  it("sends usage-less chunks without failing when usage is absent", async () => {
    server.reply({ sse: [chunk({ content: "x" }), chunk({}, "length"), "data: [DONE]\n\n"] });
    const events = await collect(openai().stream({ model: "openai:gpt-4o-mini", messages: hi }));
    expect(events.at(-1)).toEqual({
      type: "finish",
      finishReason: "length",
      usage: { inputTokens: undefined, outputTokens: undefined, cachedInputTokens: undefined, totalTokens: undefined },
      message: { role: "assistant", content: "x" },
    });
    expect(usage.prompt_tokens).toBe(19);
  });
});
