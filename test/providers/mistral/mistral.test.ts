import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createAI, type AI } from "../../../src/ai/create-ai.js";
import { estimateTokens } from "../../../src/router/embed-batching.js";
import { ConfigError, ContextLengthError, ProviderError } from "../../../src/spec/errors/index.js";
import { startLoopbackServer } from "../../support/loopback-server.js";
import { describeFailureConformance } from "../shared/provider-failure-conformance.js";
import { mistralChunk, mistralCompletion, mistralError, mistralRecordedToolCallStream, mistralTextStream, mistralToolCallStream } from "./mistral-fixtures.js";
import { collect } from "../../support/collect.js";

const apiKey = "mistral-loopbacktestkey0123456789";
const server = await startLoopbackServer();
afterAll(() => server.close());
beforeEach(() => server.reset());

const mistral = (settings: Record<string, unknown> = {}, delays: number[] = []): AI =>
  createAI({ providers: { mistral: { apiKey, baseURL: server.url("/v1"), retry: { sleep: async (ms: number) => void delays.push(ms) }, ...settings } } });
const hi = [{ role: "user" as const, content: "Hi" }];

describeFailureConformance({
  server,
  model: "mistral:mistral-small-latest",
  apiKey,
  keyHint: "MISTRAL_API_KEY",
  makeAI: mistral,
  chatReply: (text) => ({ json: mistralCompletion({ content: text }) }),
  streamReply: { sse: mistralTextStream },
  errorReply: (status, message, headers) => mistralError(status, message, headers),
});

describe("mistral chat", () => {
  it("posts to /chat/completions with Bearer auth and Mistral's field names, and parses the reply with usage", async () => {
    server.reply({ json: mistralCompletion({ content: "Bonjour." }), headers: { "x-request-id": "req_m1" } });
    const reply = await mistral().chat({
      model: "mistral:mistral-small-latest",
      messages: [{ role: "system", content: "Be brief." }, ...hi],
      temperature: 0.3,
      maxOutputTokens: 64,
      seed: 42,
      topP: 0.9,
      stopSequences: ["END"],
      providerOptions: { mistral: { safePrompt: true } },
    });
    const request = server.requests[0]!;
    expect(request).toMatchObject({ method: "POST", path: "/v1/chat/completions" });
    expect(request.headers).toMatchObject({ authorization: `Bearer ${apiKey}`, "content-type": "application/json", accept: "application/json" });
    expect(request.body).toEqual({
      model: "mistral-small-latest",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hi" },
      ],
      temperature: 0.3,
      max_tokens: 64,
      random_seed: 42,
      top_p: 0.9,
      stop: ["END"],
      safe_prompt: true,
    });
    expect(reply).toMatchObject({
      provider: "mistral",
      model: "mistral-small-latest",
      text: "Bonjour.",
      toolCalls: [],
      finishReason: "stop",
      usage: { inputTokens: 16, outputTokens: 34, cachedInputTokens: 8, totalTokens: 50 },
      response: { requestId: "req_m1", id: "cmpl-e5cc70bb28c444948073e77776eb30ef", modelId: "mistral-small-latest" },
    });
  });

  it("rejects unknown providerOptions.mistral before any request", async () => {
    await expect(mistral().chat({ model: "mistral:mistral-small-latest", messages: hi, providerOptions: { mistral: { safe_prompt: true } } })).rejects.toThrow(ConfigError);
    expect(server.requests).toHaveLength(0);
  });

  it("streams text split at every byte, without stream_options, with usage from the last chunk", async () => {
    server.reply({ sse: mistralTextStream, chunks: "bytes" });
    const events = await collect(mistral().stream({ model: "mistral:mistral-small-latest", messages: hi }));
    expect(server.requests[0]!.body).toMatchObject({ stream: true });
    expect(server.requests[0]!.body).not.toHaveProperty("stream_options");
    expect(server.requests[0]!.headers.accept).toBe("text/event-stream");
    expect(events.filter((event) => event.type !== "response-metadata")).toEqual([
      { type: "text-delta", delta: "Hello, " },
      { type: "text-delta", delta: "wörld ☃!" },
      { type: "finish", finishReason: "stop", usage: { inputTokens: 16, outputTokens: 34, cachedInputTokens: 8, totalTokens: 50 }, message: { role: "assistant", content: "Hello, wörld ☃!" } },
    ]);
  });

  it("sends tools and tool_choice, and parses tool calls; tool results go back as tool messages", async () => {
    server.reply({
      json: mistralCompletion({ content: "", tool_calls: [{ id: "D681PevKs", type: "function", function: { name: "get_weather", arguments: '{"city": "Paris"}' } }] }, "tool_calls"),
    });
    const reply = await mistral().chat({
      model: "mistral:mistral-large-latest",
      messages: [
        { role: "user", content: "Weather in Paris?" },
        { role: "assistant", toolCalls: [{ toolCallId: "abc123def", toolName: "get_weather", input: { city: "Lyon" } }] },
        { role: "tool", toolCallId: "abc123def", toolName: "get_weather", result: { temperature: 19 } },
      ],
      tools: [{ name: "get_weather", description: "Current weather", parameters: z.object({ city: z.string() }) }],
      toolChoice: "required",
      providerOptions: { mistral: { parallelToolCalls: false } },
    });
    expect(server.requests[0]!.body).toMatchObject({
      messages: [
        { role: "user", content: "Weather in Paris?" },
        { role: "assistant", content: null, tool_calls: [{ id: "abc123def", type: "function", function: { name: "get_weather", arguments: '{"city":"Lyon"}' } }] },
        { role: "tool", tool_call_id: "abc123def", content: '{"temperature":19}' },
      ],
      tools: [{ type: "function", function: { name: "get_weather", description: "Current weather", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } }],
      tool_choice: "required",
      parallel_tool_calls: false,
    });
    expect(reply.finishReason).toBe("tool-calls");
    expect(reply.toolCalls).toEqual([{ toolCallId: "D681PevKs", toolName: "get_weather", input: { city: "Paris" } }]);
  });

  it("streams a tool call sent whole in one chunk, with usage", async () => {
    server.reply({ sse: mistralToolCallStream, chunks: 5 });
    const events = await collect(mistral().stream({ model: "mistral:mistral-large-latest", messages: hi, tools: [{ name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } }] }));
    expect(events.filter((event) => event.type !== "response-metadata")).toEqual([
      { type: "tool-call-delta", toolCallId: "D681PevKs", toolName: "get_weather", inputDelta: '{"city": "Paris"}' },
      { type: "tool-call", toolCallId: "D681PevKs", toolName: "get_weather", input: { city: "Paris" } },
      { type: "finish", finishReason: "tool-calls", usage: { inputTokens: 90, outputTokens: 22, cachedInputTokens: undefined, totalTokens: 112 }, message: { role: "assistant", content: "", toolCalls: [{ toolCallId: "D681PevKs", toolName: "get_weather", input: { city: "Paris" } }] } },
    ]);
  });

  it("parses a streamed tool call in Mistral's recorded shape (whole, no index on the tool_calls entry)", async () => {
    server.reply({ sse: mistralRecordedToolCallStream, chunks: "bytes" });
    const events = await collect(mistral().stream({ model: "mistral:mistral-small-latest", messages: hi, tools: [{ name: "weather", parameters: { type: "object", properties: { city: { type: "string" } } } }] }));
    const calls = events.filter((event) => event.type === "tool-call");
    expect(calls).toEqual([{ type: "tool-call", toolCallId: "gSIMJiOkT", toolName: "weather", input: { city: "Paris" } }]);
    expect(events.at(-1)).toMatchObject({ type: "finish", finishReason: "tool-calls", message: { toolCalls: [{ toolCallId: "gSIMJiOkT", toolName: "weather", input: { city: "Paris" } }] } });
  });

  it("keeps two whole tool calls without index apart (a new call per id)", async () => {
    server.reply({
      sse: [
        mistralChunk({ content: null, tool_calls: [{ id: "a1", function: { name: "weather", arguments: '{"city":"Paris"}' } }, { id: "b2", function: { name: "weather", arguments: '{"city":"Oslo"}' } }] }, "tool_calls"),
        "data: [DONE]\n\n",
      ],
    });
    const events = await collect(mistral().stream({ model: "mistral:mistral-small-latest", messages: hi, tools: [{ name: "weather", parameters: { type: "object" } }] }));
    expect(events.filter((event) => event.type === "tool-call")).toEqual([
      { type: "tool-call", toolCallId: "a1", toolName: "weather", input: { city: "Paris" } },
      { type: "tool-call", toolCallId: "b2", toolName: "weather", input: { city: "Oslo" } },
    ]);
  });

  it("asks for JSON mode (json_object) with the schema in a system message, and validates the reply", async () => {
    server.reply({ json: mistralCompletion({ content: '{"name":"Ada","year":1843}' }) });
    const result = await mistral().generateObject({ model: "mistral:mistral-small-latest", messages: hi, schema: z.object({ name: z.string(), year: z.number() }) });
    expect(result.object).toEqual({ name: "Ada", year: 1843 });
    const body = server.requests[0]!.body as { response_format: unknown; messages: Array<{ role: string; content: string }> };
    expect(body.response_format).toEqual({ type: "json_object" });
    expect(body.messages[0]!.role).toBe("system");
    expect(JSON.parse(body.messages[0]!.content.split("\n")[1]!)).toMatchObject({ properties: { name: { type: "string" }, year: { type: "number" } } });
  });

  it("uses json_schema structured output with structuredOutput: json-schema", async () => {
    server.reply({ json: mistralCompletion({ content: '{"name":"Ada"}' }) });
    await mistral({ structuredOutput: "json-schema" }).generateObject({ model: "mistral:mistral-small-latest", messages: hi, schema: z.object({ name: z.string() }), schemaName: "person" });
    expect((server.requests[0]!.body as { response_format: unknown }).response_format).toMatchObject({ type: "json_schema", json_schema: { name: "person", schema: { properties: { name: { type: "string" } } } } });
  });

  it("reads reasoning models' chunked content: thinking chunks as reasoning, text chunks as text", async () => {
    server.reply({
      json: mistralCompletion({ content: [{ type: "thinking", thinking: [{ type: "text", text: "Two and two " }, { type: "text", text: "make four." }] }, { type: "text", text: "4" }] }),
    });
    const reply = await mistral().chat({ model: "mistral:magistral-medium-latest", messages: hi, providerOptions: { mistral: { promptMode: "reasoning" } } });
    expect(server.requests[0]!.body).toMatchObject({ prompt_mode: "reasoning" });
    expect(reply).toMatchObject({ text: "4", reasoning: "Two and two make four." });
    server.reply({
      sse: [
        mistralChunk({ role: "assistant", content: [{ type: "thinking", thinking: [{ type: "text", text: "Two and two" }] }] }),
        mistralChunk({ content: [{ type: "thinking", thinking: [{ type: "text", text: " make four." }] }] }),
        mistralChunk({ content: "4" }),
        mistralChunk({ content: [{ type: "text", text: "." }] }, "stop", { prompt_tokens: 10, completion_tokens: 12, total_tokens: 22 }),
        "data: [DONE]\n\n",
      ],
      chunks: "bytes",
    });
    const events = await collect(mistral().stream({ model: "mistral:magistral-medium-latest", messages: hi }));
    expect(events.filter((event) => event.type !== "response-metadata")).toEqual([
      { type: "reasoning-delta", delta: "Two and two" },
      { type: "reasoning-delta", delta: " make four." },
      { type: "text-delta", delta: "4" },
      { type: "text-delta", delta: "." },
      { type: "finish", finishReason: "stop", usage: { inputTokens: 10, outputTokens: 12, cachedInputTokens: undefined, totalTokens: 22 }, message: { role: "assistant", content: "4." } },
    ]);
  });

  it("maps a prompt over the context window to ContextLengthError", async () => {
    server.reply(mistralError(400, "Prompt contains 40017 tokens and 0 draft tokens, too large for model with 32768 maximum context length", {}, "3051"));
    const error = await mistral().chat({ model: "mistral:open-mistral-7b", messages: hi }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ContextLengthError);
    expect(server.requests).toHaveLength(1);
  });

  it("reads validation errors whose message is an object", async () => {
    server.reply({ status: 422, json: { object: "error", message: { detail: [{ type: "missing", loc: ["body", "model"], msg: "Field required" }] }, type: "invalid_request_message_error", param: null, code: null } });
    const error = (await mistral().chat({ model: "mistral:x", messages: hi }).catch((caught: unknown) => caught)) as ProviderError;
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.message).toContain("Field required");
    expect(error.isRetryable).toBe(false);
  });

  it("throws when the stream ends without [DONE]", async () => {
    server.reply({ sse: [mistralChunk({ content: "Hel" })] });
    await expect(collect(mistral().stream({ model: "mistral:mistral-small-latest", messages: hi }))).rejects.toThrow(/ended before its final event/);
  });

  it("fails at createAI naming MISTRAL_API_KEY when there is no key, and reads it from the environment", () => {
    vi.stubEnv("MISTRAL_API_KEY", "");
    try {
      expect(() => createAI({ providers: { mistral: {} } })).toThrow(/MISTRAL_API_KEY/);
      vi.stubEnv("MISTRAL_API_KEY", "env-key-0123");
      expect(() => createAI({ providers: { mistral: {} } })).not.toThrow();
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("mistral embeddings", () => {
  it("embeds more inputs than one request takes (256 per request), vectors in input order, usage summed", async () => {
    server.handle((request) => {
      const body = request.body as { input: string[] };
      const data = body.input.map((text, index) => ({ object: "embedding", embedding: [Number(text.split(" ")[1]), 0.5], index }));
      return { json: { id: "embd-aad6fc62b17349b192ef09225058bc45", object: "list", data: data.reverse(), model: "mistral-embed", usage: { prompt_tokens: body.input.length * 3, total_tokens: body.input.length * 3, completion_tokens: 0 } } };
    });
    const input = Array.from({ length: 600 }, (_, index) => `text ${index}`);
    const result = await mistral().embed({ model: "mistral:mistral-embed", input });
    expect(server.requests.map((request) => request.path)).toEqual(["/v1/embeddings", "/v1/embeddings", "/v1/embeddings"]);
    expect(server.requests.map((request) => (request.body as { input: string[] }).input.length).sort((a, b) => b - a)).toEqual([256, 256, 88]);
    expect(server.requests[0]!.body).toEqual({ model: "mistral-embed", input: expect.any(Array), encoding_format: "float" });
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(result.embeddings.map((vector) => vector[0])).toEqual(input.map((_, index) => index));
    expect(result).toMatchObject({ calls: 3, usage: { inputTokens: 1_800 }, provider: "mistral", model: "mistral-embed" });
  });

  it("splits by the 16,384-token limit and sends dimensions as output_dimension", async () => {
    server.handle((request) => {
      const body = request.body as { input: string[]; output_dimension: number };
      return { json: { object: "list", data: body.input.map((_, index) => ({ object: "embedding", embedding: Array.from({ length: body.output_dimension }, () => 0.1), index })), model: "codestral-embed", usage: { prompt_tokens: 1, total_tokens: 1 } } };
    });
    const long = "x".repeat(20_000); // 5,000 to 7,000 tokens by a conservative estimate: five cannot share one request
    const result = await mistral().embed({ model: "mistral:codestral-embed", input: [long, long, long, long, long], dimensions: 256, providerOptions: { mistral: { outputDtype: "float" } } });
    const batches = server.requests.map((request) => (request.body as { input: string[] }).input);
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.flat()).toHaveLength(5);
    for (const batch of batches) expect(batch.reduce((sum, text) => sum + estimateTokens(text), 0)).toBeLessThanOrEqual(16_384);
    expect(server.requests[0]!.body).toMatchObject({ output_dimension: 256, output_dtype: "float" });
    expect(result.embeddings).toHaveLength(5);
  });

  it("maps embedding errors through Mistral's error body", async () => {
    server.reply(mistralError(400, "Too many inputs in request, split into more batches."));
    await expect(mistral().embed({ model: "mistral:mistral-embed", input: ["a"] })).rejects.toThrow(/Too many inputs in request/);
  });
});
