import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createAI, type AI } from "../../../src/ai/create-ai.js";
import {
  AuthenticationError,
  ConfigError,
  ContextLengthError,
  ProviderError,
  ProviderResponseError,
  UnsupportedCapabilityError,
} from "../../../src/spec/errors/index.js";
import { startLoopbackServer } from "../../support/loopback-server.js";
import { describeFailureConformance } from "../shared/provider-failure-conformance.js";
import { errorReply, event, message, textStream, toolUseStream } from "./anthropic-fixtures.js";
import { collect } from "../../support/collect.js";

const apiKey = "sk-ant-api03-loopbacktestkey0123456789";
const server = await startLoopbackServer();
afterAll(() => server.close());
beforeEach(() => server.reset());

const delays: number[] = [];
function anthropic(settings: Record<string, unknown> = {}): AI {
  delays.length = 0;
  return createAI({
    providers: { anthropic: { apiKey, baseURL: server.url("/v1"), retry: { sleep: async (ms: number) => void delays.push(ms) }, ...settings } },
  });
}
const model = "anthropic:claude-sonnet-4-5";
const hi = [{ role: "user" as const, content: "Hi" }];
const weatherTool = { name: "get_weather", description: "Current weather for a city", parameters: z.object({ city: z.string() }) };

describeFailureConformance({
  server,
  model,
  apiKey,
  keyHint: "ANTHROPIC_API_KEY",
  makeAI: (settings, recorded) =>
    createAI({ providers: { anthropic: { apiKey, baseURL: server.url("/v1"), retry: { sleep: async (ms: number) => void recorded.push(ms) }, ...settings } } }),
  chatReply: (text) => ({ json: message([{ type: "text", text }]) }),
  streamReply: { sse: textStream },
  errorReply: (status, text, headers) =>
    errorReply(status, { 401: "authentication_error", 429: "rate_limit_error", 500: "api_error", 503: "overloaded_error" }[status] ?? "api_error", text, headers),
});

describe("anthropic chat", () => {
  it("posts to /messages with x-api-key and anthropic-version, and parses text, ids and usage", async () => {
    server.reply({ json: message([{ type: "text", text: "Hello there." }]), headers: { "request-id": "req_1" } });
    const reply = await anthropic().chat({
      model,
      messages: [{ role: "system", content: "Be brief." }, ...hi],
      temperature: 0,
      topP: 0.9,
      topK: 40,
      stopSequences: ["END"],
      seed: 3,
    });
    const request = server.requests[0]!;
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/v1/messages");
    expect(request.headers).toMatchObject({ "x-api-key": apiKey, "anthropic-version": "2023-06-01", "content-type": "application/json" });
    expect(request.headers.authorization).toBeUndefined();
    expect(request.body).toEqual({
      model: "claude-sonnet-4-5",
      max_tokens: 4096,
      system: "Be brief.",
      messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }],
      temperature: 0,
      top_p: 0.9,
      top_k: 40,
      stop_sequences: ["END"],
    });
    expect(reply).toMatchObject({
      provider: "anthropic",
      model: "claude-sonnet-4-5",
      text: "Hello there.",
      toolCalls: [],
      finishReason: "stop",
      // input_tokens 25 + cache writes 10 + cache reads 40; the reads are the cached part.
      usage: { inputTokens: 75, outputTokens: 12, cachedInputTokens: 40, totalTokens: 87 },
      response: { requestId: "req_1", id: "msg_013Zva2CMHLNnXjNJJKqJ2EF", modelId: "claude-sonnet-4-5-20250929" },
    });
    expect(reply.warnings).toEqual([expect.objectContaining({ type: "unsupported-setting", setting: "seed" })]);
  });

  it("converts images, assistant tool calls and tool results (merged into one user turn)", async () => {
    server.reply({ json: message([{ type: "text", text: "Sunny in both." }]) });
    await anthropic().chat({
      model,
      maxOutputTokens: 100,
      messages: [
        { role: "user", content: [{ type: "text", text: "What is this?" }, { type: "image", image: Uint8Array.of(1, 2, 3), mediaType: "image/png" }, { type: "image", image: "data:image/jpeg;base64,/9j/" }, { type: "image", image: new URL("https://example.com/cat.jpg") }] },
        {
          role: "assistant",
          content: "Checking.",
          toolCalls: [
            { toolCallId: "toolu_1", toolName: "get_weather", input: { city: "Paris" } },
            { toolCallId: "toolu_2", toolName: "get_weather", input: { city: "Rome" } },
          ],
        },
        { role: "tool", toolCallId: "toolu_1", toolName: "get_weather", result: { temperature: 21 } },
        { role: "tool", toolCallId: "toolu_2", toolName: "get_weather", result: "service down", isError: true },
        { role: "user", content: "And tomorrow?" },
      ],
    });
    expect(server.requests[0]!.body).toMatchObject({ max_tokens: 100 });
    expect((server.requests[0]!.body as { messages: unknown }).messages).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "What is this?" },
          { type: "image", source: { type: "base64", media_type: "image/png", data: "AQID" } },
          { type: "image", source: { type: "base64", media_type: "image/jpeg", data: "/9j/" } },
          { type: "image", source: { type: "url", url: "https://example.com/cat.jpg" } },
        ],
      },
      {
        role: "assistant",
        content: [
          { type: "text", text: "Checking." },
          { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Paris" } },
          { type: "tool_use", id: "toolu_2", name: "get_weather", input: { city: "Rome" } },
        ],
      },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "toolu_1", content: '{"temperature":21}' },
          { type: "tool_result", tool_use_id: "toolu_2", content: "service down", is_error: true },
          { type: "text", text: "And tomorrow?" },
        ],
      },
    ]);
  });

  it("streams text deltas split at every byte, then finish with message_start and message_delta usage", async () => {
    server.reply({ sse: textStream, chunks: "bytes", headers: { "request-id": "req_s" } });
    const events = await collect(anthropic().stream({ model, messages: hi }));
    expect(server.requests[0]!.body).toMatchObject({ stream: true });
    expect(server.requests[0]!.headers.accept).toBe("text/event-stream");
    expect(events).toEqual([
      { type: "response-metadata", response: { requestId: "req_s", id: "msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY", modelId: "claude-sonnet-4-5-20250929" } },
      { type: "text-delta", delta: "Hello, " },
      { type: "text-delta", delta: "wörld ☃!" },
      {
        type: "finish",
        finishReason: "stop",
        usage: { inputTokens: 65, outputTokens: 15, cachedInputTokens: 40, totalTokens: 80 },
        message: { role: "assistant", content: "Hello, wörld ☃!" },
      },
    ]);
  });

  it("sends tools with a tool choice and parses tool_use blocks", async () => {
    server.reply({
      json: message(
        [
          { type: "text", text: "I'll look it up." },
          { type: "tool_use", id: "toolu_01A09q90qw90lq917835lq9", name: "get_weather", input: { city: "Paris" } },
        ],
        "tool_use",
      ),
    });
    const reply = await anthropic().chat({
      model,
      messages: [{ role: "user", content: "Weather in Paris?" }],
      tools: [weatherTool],
      toolChoice: "required",
      providerOptions: { anthropic: { disableParallelToolUse: true, userId: "u-1" } },
    });
    expect(server.requests[0]!.body).toMatchObject({
      tools: [
        {
          name: "get_weather",
          description: "Current weather for a city",
          input_schema: { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false },
        },
      ],
      tool_choice: { type: "any", disable_parallel_tool_use: true },
      metadata: { user_id: "u-1" },
    });
    expect(reply.finishReason).toBe("tool-calls");
    expect(reply.text).toBe("I'll look it up.");
    expect(reply.toolCalls).toEqual([{ toolCallId: "toolu_01A09q90qw90lq917835lq9", toolName: "get_weather", input: { city: "Paris" } }]);
  });

  it("maps every tool choice", async () => {
    const ai = anthropic();
    for (const [toolChoice, expected] of [
      ["auto", { type: "auto" }],
      ["none", { type: "none" }],
      [{ type: "tool", toolName: "get_weather" }, { type: "tool", name: "get_weather" }],
    ] as const) {
      server.reply({ json: message([{ type: "text", text: "ok" }]) });
      await ai.chat({ model, messages: hi, tools: [weatherTool], toolChoice });
      expect((server.requests.at(-1)!.body as { tool_choice: unknown }).tool_choice).toEqual(expected);
    }
  });

  it("streams tool-call deltas and the complete call", async () => {
    server.reply({ sse: toolUseStream, chunks: 9 });
    const events = await collect(anthropic().stream({ model, messages: hi, tools: [weatherTool] }));
    expect(events.slice(1)).toEqual([
      { type: "text-delta", delta: "Let me check." },
      { type: "tool-call-delta", toolCallId: "toolu_01T1x1fJ34qAmk2tNTrN7Up6", toolName: "get_weather", inputDelta: '{"city": "Par' },
      { type: "tool-call-delta", toolCallId: "toolu_01T1x1fJ34qAmk2tNTrN7Up6", toolName: "get_weather", inputDelta: 'is"}' },
      { type: "tool-call", toolCallId: "toolu_01T1x1fJ34qAmk2tNTrN7Up6", toolName: "get_weather", input: { city: "Paris" } },
      {
        type: "finish",
        finishReason: "tool-calls",
        usage: { inputTokens: 65, outputTokens: 89, cachedInputTokens: 40, totalTokens: 154 },
        message: {
          role: "assistant",
          content: "Let me check.",
          toolCalls: [{ toolCallId: "toolu_01T1x1fJ34qAmk2tNTrN7Up6", toolName: "get_weather", input: { city: "Paris" } }],
        },
      },
    ]);
  });

  it("gets structured output through a forced tool and returns its input as the typed object", async () => {
    server.reply({
      json: message([{ type: "tool_use", id: "toolu_json", name: "article", input: { title: "Prisma", tags: ["orm", "ai"] } }], "tool_use"),
    });
    const schema = z.object({ title: z.string(), tags: z.array(z.string()) });
    const result = await anthropic().generateObject({ model, messages: hi, schema, schemaName: "article", schemaDescription: "A blog post" });
    expect(result.object).toEqual({ title: "Prisma", tags: ["orm", "ai"] });
    expect(result.finishReason).toBe("stop");
    expect(result.toolCalls).toEqual([]);
    expect(server.requests[0]!.body).toMatchObject({
      tools: [
        {
          name: "article",
          description: "A blog post",
          input_schema: {
            type: "object",
            properties: { title: { type: "string" }, tags: { type: "array", items: { type: "string" } } },
            required: ["title", "tags"],
            additionalProperties: false,
          },
        },
      ],
      tool_choice: { type: "tool", name: "article" },
    });
  });

  it("streams structured output as text deltas of the forced tool's JSON", async () => {
    server.reply({
      sse: [
        event("message_start", { message: { id: "msg_1", model: "claude-haiku-4-5", usage: { input_tokens: 849, output_tokens: 10 } } }),
        event("content_block_start", { index: 0, content_block: { type: "tool_use", id: "toolu_01K", name: "json", input: {} } }),
        event("content_block_delta", { index: 0, delta: { type: "input_json_delta", partial_json: "" } }),
        event("ping"),
        event("content_block_delta", { index: 0, delta: { type: "input_json_delta", partial_json: '{"title": "Pris' } }),
        event("content_block_delta", { index: 0, delta: { type: "input_json_delta", partial_json: 'ma"}' } }),
        event("content_block_stop", { index: 0 }),
        event("message_delta", { delta: { stop_reason: "tool_use", stop_sequence: null }, usage: { input_tokens: 849, output_tokens: 47 } }),
        event("message_stop"),
      ],
    });
    const events = await collect(anthropic().stream({ model, messages: hi, responseFormat: { type: "json", schema: { type: "object", properties: { title: { type: "string" } } } } }));
    expect(server.requests[0]!.body).toMatchObject({ tool_choice: { type: "tool", name: "json" }, tools: [{ name: "json" }] });
    const text = events.flatMap((item) => (item.type === "text-delta" ? [item.delta] : [])).join("");
    expect(JSON.parse(text)).toEqual({ title: "Prisma" });
    expect(events.at(-1)).toEqual({
      type: "finish",
      finishReason: "stop",
      usage: { inputTokens: 849, outputTokens: 47, cachedInputTokens: undefined, totalTokens: 896 },
      message: { role: "assistant", content: '{"title": "Prisma"}' },
    });
  });

  it("streams thinking as reasoning deltas when extended thinking is on", async () => {
    server.reply({
      sse: [
        event("message_start", { message: { id: "msg_2", model: "claude-sonnet-4-5", usage: { input_tokens: 5, output_tokens: 1 } } }),
        event("content_block_start", { index: 0, content_block: { type: "thinking", thinking: "" } }),
        event("content_block_delta", { index: 0, delta: { type: "thinking_delta", thinking: "2 + 2 is 4." } }),
        event("content_block_delta", { index: 0, delta: { type: "signature_delta", signature: "EqQBCgIYAhIM" } }),
        event("content_block_stop", { index: 0 }),
        event("content_block_start", { index: 1, content_block: { type: "text", text: "" } }),
        event("content_block_delta", { index: 1, delta: { type: "text_delta", text: "4" } }),
        event("content_block_stop", { index: 1 }),
        { event: "some_future_event", data: { type: "some_future_event", anything: true } },
        event("message_delta", { delta: { stop_reason: "end_turn" }, usage: { output_tokens: 20 } }),
        event("message_stop"),
      ],
    });
    const events = await collect(anthropic().stream({ model, messages: hi, providerOptions: { anthropic: { thinking: { type: "enabled", budgetTokens: 2048 } } } }));
    expect(server.requests[0]!.body).toMatchObject({ thinking: { type: "enabled", budget_tokens: 2048 }, max_tokens: 4096 + 2048 });
    expect(events.slice(1, 3)).toEqual([
      { type: "reasoning-delta", delta: "2 + 2 is 4." },
      { type: "text-delta", delta: "4" },
    ]);
    expect(events.at(-1)).toMatchObject({ type: "finish", finishReason: "stop", usage: { inputTokens: 5, outputTokens: 20 } });
  });

  it("rejects unknown provider options before sending", async () => {
    await expect(anthropic().chat({ model, messages: hi, providerOptions: { anthropic: { budget_tokens: 10 } } })).rejects.toThrow(ConfigError);
    expect(server.requests).toHaveLength(0);
  });

  it("has no embeddings: UnsupportedCapabilityError before any request", async () => {
    const error = await anthropic().embed({ model: "anthropic:claude-sonnet-4-5", input: ["a"] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnsupportedCapabilityError);
    expect(error).toMatchObject({ provider: "anthropic", capability: "embeddings" });
    expect(server.requests).toHaveLength(0);
  });
});

describe("anthropic failures", () => {
  it("fails at createAI, naming ANTHROPIC_API_KEY, when there is no key", () => {
    vi.stubEnv("ANTHROPIC_API_KEY", "");
    try {
      expect(() => createAI({ providers: { anthropic: {} } })).toThrow(/No API key for the anthropic provider: set ANTHROPIC_API_KEY/);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  // 401 (key hint, no key in the error, no retry), 429, malformed JSON, cut streams, timeouts and abort: describeFailureConformance.
  it("puts Anthropic's error type and the request id into the 401 error", async () => {
    server.reply(errorReply(401, "authentication_error", `invalid x-api-key ${apiKey}`));
    const error = (await anthropic().chat({ model, messages: hi }).catch((caught: unknown) => caught)) as AuthenticationError;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toContain("authentication_error");
    expect(error.requestId).toBe("req_011CSHoEeqs5C35K2UUqR7Fy");
  });

  it("retries a 500 and a 529 overloaded_error, then succeeds", async () => {
    server.reply(errorReply(500, "api_error", "Internal server error"), errorReply(529, "overloaded_error", "Overloaded"), { json: message([{ type: "text", text: "recovered" }]) });
    expect((await anthropic().chat({ model, messages: hi })).text).toBe("recovered");
    expect(delays).toHaveLength(2);
    expect(server.requests).toHaveLength(3);
  });

  it("maps 'prompt is too long' to ContextLengthError", async () => {
    server.reply(errorReply(400, "invalid_request_error", "prompt is too long: 210519 tokens > 200000 maximum"));
    await expect(anthropic().chat({ model, messages: hi })).rejects.toBeInstanceOf(ContextLengthError);
  });

  it("rejects a reply without content with ProviderResponseError naming the field", async () => {
    server.reply({ json: { id: "msg_1", type: "message" } });
    const error = await anthropic().chat({ model, messages: hi }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderResponseError);
    expect((error as ProviderResponseError).message).toMatch(/content/);
  });

  it("throws an error event sent inside the stream", async () => {
    server.reply({ sse: [textStream[0]!, textStream[1]!, event("error", { error: { type: "overloaded_error", message: "Overloaded" } })] });
    const error = (await collect(anthropic().stream({ model, messages: hi })).catch((caught: unknown) => caught)) as ProviderError;
    expect(error.constructor).toBe(ProviderError);
    expect(error.message).toBe("anthropic reported an error in the stream (overloaded_error: Overloaded); retry the call.");
    expect(error).toMatchObject({ provider: "anthropic", model: "claude-sonnet-4-5", status: 200, isRetryable: true, url: server.url("/v1/messages") });
    expect(error.body).toBe(JSON.stringify({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } }));
  });

  it("reports a stream error event of another kind as not retryable", async () => {
    server.reply({ sse: [textStream[0]!, event("error", { error: { type: "invalid_request_error", message: "Bad" } })] });
    const error = (await collect(anthropic().stream({ model, messages: hi })).catch((caught: unknown) => caught)) as ProviderError;
    expect(error.message).toBe("anthropic reported an error in the stream (invalid_request_error: Bad); retry the call.");
    expect(error.isRetryable).toBe(false);
  });

  it("rejects a stream event of the wrong shape", async () => {
    server.reply({ sse: [textStream[0]!, event("content_block_delta", { delta: { type: "text_delta", text: "x" } })] });
    await expect(collect(anthropic().stream({ model, messages: hi }))).rejects.toThrow(/index/);
  });
});
