import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { toGoogleSchema } from "../../../src/providers/google/index.js";
import { createAI, type AI } from "../../../src/ai/create-ai.js";
import type { ChatStreamEvent } from "../../../src/spec/chat-model.js";
import {
  AuthenticationError,
  ConfigError,
  ContextLengthError,
  ProviderError,
  ProviderResponseError,
  RateLimitError,
} from "../../../src/spec/errors/index.js";
import { startLoopbackServer } from "../../support/loopback-server.js";
import { describeFailureConformance } from "../shared/provider-failure-conformance.js";
import { errorReply, functionCallStream, generateContentResponse, sseData, textStream } from "./google-fixtures.js";
import { collect } from "../../support/collect.js";

const apiKey = "AIzaSyLoopbackTestKey0123456789abcdef";
const server = await startLoopbackServer();
afterAll(() => server.close());
beforeEach(() => server.reset());

const delays: number[] = [];
function google(settings: Record<string, unknown> = {}): AI {
  delays.length = 0;
  return createAI({
    providers: { google: { apiKey, baseURL: server.url("/v1beta"), retry: { sleep: async (ms: number) => void delays.push(ms) }, ...settings } },
  });
}
const model = "google:gemini-2.5-flash";
const hi = [{ role: "user" as const, content: "Hi" }];
const weatherTool = { name: "get_weather", description: "Current weather for a city", parameters: z.object({ city: z.string() }) };

describeFailureConformance({
  server,
  model,
  apiKey,
  keyHint: "GOOGLE_GENERATIVE_AI_API_KEY",
  makeAI: (settings, recorded) =>
    createAI({ providers: { google: { apiKey, baseURL: server.url("/v1beta"), retry: { sleep: async (ms: number) => void recorded.push(ms) }, ...settings } } }),
  chatReply: (text) => ({ json: generateContentResponse([{ text }]) }),
  streamReply: { sse: textStream },
  errorReply: (status, message, headers) =>
    errorReply(status, { 401: "UNAUTHENTICATED", 429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 503: "UNAVAILABLE" }[status] ?? "UNKNOWN", message, [], headers),
});

describe("google chat", () => {
  it("posts generateContent with x-goog-api-key and parses text, ids and usage", async () => {
    server.reply({ json: generateContentResponse([{ text: "Hello " }, { text: "there." }]) });
    const reply = await google().chat({
      model,
      messages: [{ role: "system", content: "Be brief." }, ...hi],
      temperature: 0,
      maxOutputTokens: 50,
      topK: 3,
      topP: 0.5,
      seed: 7,
      stopSequences: ["END"],
    });
    const request = server.requests[0]!;
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/v1beta/models/gemini-2.5-flash:generateContent");
    expect(request.headers).toMatchObject({ "x-goog-api-key": apiKey, "content-type": "application/json" });
    expect(request.headers.authorization).toBeUndefined();
    expect(request.query.get("key")).toBeNull();
    expect(request.body).toEqual({
      contents: [{ role: "user", parts: [{ text: "Hi" }] }],
      systemInstruction: { parts: [{ text: "Be brief." }] },
      generationConfig: { temperature: 0, maxOutputTokens: 50, topK: 3, topP: 0.5, seed: 7, stopSequences: ["END"] },
    });
    expect(reply).toMatchObject({
      provider: "google",
      model: "gemini-2.5-flash",
      text: "Hello there.",
      toolCalls: [],
      finishReason: "stop",
      // output = candidates 3 + thoughts 20
      usage: { inputTokens: 8, outputTokens: 23, cachedInputTokens: 2, totalTokens: 31 },
      response: { id: "mOncaPeYB5ax1dkPtL6A0Q4", modelId: "gemini-2.5-flash" },
      warnings: [],
    });
  });

  it("converts images, model function calls and function responses (merged into one user content)", async () => {
    server.reply({ json: generateContentResponse([{ text: "Sunny." }]) });
    await google().chat({
      model: "google:models/gemini-2.5-pro",
      messages: [
        { role: "user", content: [{ type: "text", text: "What is this?" }, { type: "image", image: Uint8Array.of(1, 2, 3), mediaType: "image/png" }, { type: "image", image: "https://example.com/cat.jpg", mediaType: "image/jpeg" }] },
        { role: "assistant", toolCalls: [{ toolCallId: "c1", toolName: "get_weather", input: { city: "Paris" } }, { toolCallId: "c2", toolName: "get_time", input: {} }] },
        { role: "tool", toolCallId: "c1", toolName: "get_weather", result: { temperature: 21 } },
        { role: "tool", toolCallId: "c2", toolName: "get_time", result: "12:00" },
        { role: "assistant", content: "It is 21 degrees at noon." },
        { role: "tool", toolCallId: "c3", toolName: "get_weather", result: "no data", isError: true },
      ],
    });
    expect(server.requests[0]!.path).toBe("/v1beta/models/gemini-2.5-pro:generateContent");
    expect((server.requests[0]!.body as { contents: unknown }).contents).toEqual([
      {
        role: "user",
        parts: [{ text: "What is this?" }, { inlineData: { mimeType: "image/png", data: "AQID" } }, { fileData: { mimeType: "image/jpeg", fileUri: "https://example.com/cat.jpg" } }],
      },
      // Calls written by hand carry no signature: the first gets the placeholder Gemini 3 requires, the parallel one none.
      {
        role: "model",
        parts: [{ functionCall: { name: "get_weather", args: { city: "Paris" } }, thoughtSignature: "skip_thought_signature_validator" }, { functionCall: { name: "get_time", args: {} } }],
      },
      {
        role: "user",
        parts: [
          { functionResponse: { name: "get_weather", response: { temperature: 21 } } },
          { functionResponse: { name: "get_time", response: { content: "12:00" } } },
        ],
      },
      { role: "model", parts: [{ text: "It is 21 degrees at noon." }] },
      { role: "user", parts: [{ functionResponse: { name: "get_weather", response: { error: "no data" } } }] },
    ]);
  });

  it("asks for the mediaType of an image URL before sending", async () => {
    await expect(google().chat({ model, messages: [{ role: "user", content: [{ type: "image", image: "https://example.com/cat" }] }] })).rejects.toThrow(ConfigError);
    expect(server.requests).toHaveLength(0);
  });

  it("streams text from streamGenerateContent?alt=sse split at every byte, with the final chunk's usage", async () => {
    server.reply({ sse: textStream, chunks: "bytes" });
    const events = await collect(google().stream({ model, messages: hi }));
    expect(server.requests[0]!.path).toBe("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
    expect(server.requests[0]!.headers.accept).toBe("text/event-stream");
    expect(server.requests[0]!.body).toEqual({ contents: [{ role: "user", parts: [{ text: "Hi" }] }] });
    expect(events).toEqual([
      { type: "response-metadata", response: { requestId: undefined, id: "resp-1", modelId: "gemini-2.5-flash" } },
      { type: "text-delta", delta: "Hello, " },
      { type: "text-delta", delta: "wörld ☃!" },
      {
        type: "finish",
        finishReason: "stop",
        usage: { inputTokens: 8, outputTokens: 23, cachedInputTokens: 2, totalTokens: 31 },
        message: { role: "assistant", content: "Hello, wörld ☃!" },
      },
    ]);
  });

  it("sends function declarations and a tool config, and parses function calls", async () => {
    server.reply({
      json: generateContentResponse([{ functionCall: { name: "get_weather", args: { city: "Paris" } } }, { functionCall: { id: "fc-2", name: "get_weather", args: { city: "Rome" } } }]),
    });
    const reply = await google().chat({
      model,
      messages: [{ role: "user", content: "Weather in Paris and Rome?" }],
      tools: [weatherTool, { name: "get_time", parameters: z.object({}) }],
      toolChoice: { type: "tool", toolName: "get_weather" },
    });
    expect(server.requests[0]!.body).toMatchObject({
      tools: [
        {
          functionDeclarations: [
            { name: "get_weather", description: "Current weather for a city", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } },
            { name: "get_time" },
          ],
        },
      ],
      toolConfig: { functionCallingConfig: { mode: "ANY", allowedFunctionNames: ["get_weather"] } },
    });
    expect(reply.finishReason).toBe("tool-calls");
    expect(reply.text).toBe("");
    expect(reply.toolCalls).toEqual([
      { toolCallId: expect.stringMatching(/^call_/), toolName: "get_weather", input: { city: "Paris" } },
      { toolCallId: "fc-2", toolName: "get_weather", input: { city: "Rome" } },
    ]);
    for (const [toolChoice, mode] of [["auto", "AUTO"], ["none", "NONE"], ["required", "ANY"]] as const) {
      server.reply({ json: generateContentResponse([{ text: "ok" }]) });
      await google().chat({ model, messages: hi, tools: [weatherTool], toolChoice });
      expect((server.requests.at(-1)!.body as { toolConfig: unknown }).toolConfig).toEqual({ functionCallingConfig: { mode } });
    }
  });

  it("streams a function call and finishes with tool-calls", async () => {
    server.reply({ sse: functionCallStream, chunks: 11 });
    const events = await collect(google().stream({ model, messages: hi, tools: [weatherTool] }));
    const call = events.find((item) => item.type === "tool-call") as Extract<ChatStreamEvent, { type: "tool-call" }>;
    expect(call).toEqual({ type: "tool-call", toolCallId: expect.stringMatching(/^call_/), toolName: "get_weather", input: { city: "Paris" } });
    expect(events.filter((item) => item.type !== "response-metadata")).toEqual([
      { type: "tool-call-delta", toolCallId: call.toolCallId, toolName: "get_weather", inputDelta: '{"city":"Paris"}' },
      call,
      {
        type: "finish",
        finishReason: "tool-calls",
        usage: { inputTokens: 30, outputTokens: 5, cachedInputTokens: undefined, totalTokens: 35 },
        message: { role: "assistant", content: "", toolCalls: [{ toolCallId: call.toolCallId, toolName: "get_weather", input: { city: "Paris" } }] },
      },
    ]);
  });

  it("asks for structured output with responseMimeType and a converted responseSchema", async () => {
    server.reply({ json: generateContentResponse([{ text: '{"title":"Prisma","tags":["orm","ai"],"rating":null}' }]) });
    const schema = z.object({ title: z.string(), tags: z.array(z.string()), rating: z.number().nullable(), kind: z.literal("post").optional() });
    const result = await google().generateObject({ model, messages: hi, schema });
    expect(result.object).toEqual({ title: "Prisma", tags: ["orm", "ai"], rating: null });
    expect((server.requests[0]!.body as { generationConfig: unknown }).generationConfig).toEqual({
      responseMimeType: "application/json",
      responseSchema: {
        type: "object",
        properties: {
          title: { type: "string" },
          tags: { type: "array", items: { type: "string" } },
          rating: { type: "number", nullable: true },
          kind: { type: "string", enum: ["post"] },
        },
        required: ["title", "tags", "rating"],
      },
    });
  });

  it("sends JSON Schema as responseJsonSchema when asked, or when the schema has $ref", async () => {
    server.reply({ json: generateContentResponse([{ text: "{}" }]) }, { json: generateContentResponse([{ text: "{}" }]) });
    const jsonSchema = { type: "object", properties: { title: { type: "string" } }, additionalProperties: false };
    await google().chat({ model, messages: hi, responseFormat: { type: "json", schema: jsonSchema }, providerOptions: { google: { jsonSchema: true } } });
    expect((server.requests[0]!.body as { generationConfig: unknown }).generationConfig).toEqual({ responseMimeType: "application/json", responseJsonSchema: jsonSchema });
    const recursive = { type: "object", properties: { child: { $ref: "#" } } };
    await google().chat({ model, messages: hi, responseFormat: { type: "json", schema: recursive } });
    expect((server.requests[1]!.body as { generationConfig: unknown }).generationConfig).toEqual({ responseMimeType: "application/json", responseJsonSchema: recursive });
  });

  it("converts JSON Schema to Gemini's OpenAPI subset", () => {
    expect(
      toGoogleSchema({
        $schema: "https://json-schema.org/draft/2020-12/schema",
        type: "object",
        additionalProperties: false,
        properties: {
          when: { type: "string", format: "date-time" },
          email: { type: "string", format: "email" },
          note: { anyOf: [{ type: "string" }, { type: "null" }] },
          either: { oneOf: [{ type: "string" }, { type: "integer", minimum: 0 }] },
          maybe: { type: ["integer", "null"] },
          merged: { allOf: [{ type: "boolean", description: "flag" }] },
        },
        required: ["when"],
      }),
    ).toEqual({
      type: "object",
      properties: {
        when: { type: "string", format: "date-time" },
        email: { type: "string" },
        note: { type: "string", nullable: true },
        either: { anyOf: [{ type: "string" }, { type: "integer", minimum: 0 }] },
        maybe: { type: "integer", nullable: true },
        merged: { type: "boolean", description: "flag" },
      },
      required: ["when"],
    });
  });

  it("streams thoughts as reasoning deltas and sends thinkingConfig", async () => {
    server.reply({
      sse: [
        sseData({ candidates: [{ content: { parts: [{ text: "Adding.", thought: true }], role: "model" }, index: 0 }], modelVersion: "gemini-2.5-pro", responseId: "r3" }),
        sseData({ candidates: [{ content: { parts: [{ text: "4" }], role: "model" }, finishReason: "STOP", index: 0 }], usageMetadata: { promptTokenCount: 4, candidatesTokenCount: 1, thoughtsTokenCount: 9, totalTokenCount: 14 } }),
      ],
    });
    const events = await collect(google().stream({ model, messages: hi, providerOptions: { google: { thinkingConfig: { thinkingBudget: 1024, includeThoughts: true } } } }));
    expect((server.requests[0]!.body as { generationConfig: unknown }).generationConfig).toEqual({ thinkingConfig: { thinkingBudget: 1024, includeThoughts: true } });
    expect(events.slice(1)).toEqual([
      { type: "reasoning-delta", delta: "Adding." },
      { type: "text-delta", delta: "4" },
      {
        type: "finish",
        finishReason: "stop",
        usage: { inputTokens: 4, outputTokens: 10, cachedInputTokens: undefined, totalTokens: 14 },
        message: { role: "assistant", content: "4", reasoning: [{ type: "reasoning", text: "Adding." }] },
      },
    ]);
  });

  it("reports a blocked prompt as content-filter, streaming or not", async () => {
    const blocked = { promptFeedback: { blockReason: "SAFETY", safetyRatings: [] }, usageMetadata: { promptTokenCount: 5, totalTokenCount: 5 }, modelVersion: "gemini-2.5-flash" };
    server.reply({ json: blocked }, { sse: [sseData(blocked)] });
    const reply = await google().chat({ model, messages: hi });
    expect(reply).toMatchObject({ text: "", finishReason: "content-filter", usage: { inputTokens: 5 } });
    const events = await collect(google().stream({ model, messages: hi }));
    expect(events.at(-1)).toMatchObject({ type: "finish", finishReason: "content-filter" });
  });

  it("rejects unknown provider options before sending", async () => {
    await expect(google().chat({ model, messages: hi, providerOptions: { google: { thinking_budget: 0 } } })).rejects.toThrow(ConfigError);
    expect(server.requests).toHaveLength(0);
  });
});

describe("google embeddings", () => {
  it("embeds more inputs than one request takes: 100 per batchEmbedContents, outputDimensionality and taskType sent, input order kept", async () => {
    server.handle((request) => {
      const body = request.body as { requests: Array<{ content: { parts: Array<{ text: string }> }; outputDimensionality: number }> };
      return { json: { embeddings: body.requests.map((item) => ({ values: [Number(item.content.parts[0]!.text.slice(5)), item.outputDimensionality, 0.5] })) } };
    });
    const input = Array.from({ length: 250 }, (_, index) => `text ${index}`);
    const result = await google().embed({ model: "google:gemini-embedding-001", input, dimensions: 3 });
    expect(server.requests.map((request) => request.path)).toEqual(Array(3).fill("/v1beta/models/gemini-embedding-001:batchEmbedContents"));
    expect(server.requests.map((request) => (request.body as { requests: unknown[] }).requests.length).sort()).toEqual([100, 100, 50]);
    expect(server.requests[0]!.headers["x-goog-api-key"]).toBe(apiKey);
    expect((server.requests[0]!.body as { requests: unknown[] }).requests[0]).toEqual({
      model: "models/gemini-embedding-001",
      content: { parts: [{ text: expect.stringMatching(/^text \d+$/) }] },
      taskType: "RETRIEVAL_DOCUMENT",
      outputDimensionality: 3,
    });
    expect(result.embeddings.map((vector) => vector[0])).toEqual(input.map((_, index) => index));
    expect(result).toMatchObject({ calls: 3, usage: { inputTokens: undefined }, provider: "google", model: "gemini-embedding-001" });
  });

  it("sends RETRIEVAL_QUERY for queries, or the taskType given", async () => {
    server.handle(() => ({ json: { embeddings: [{ values: [0.1, 0.2] }] } }));
    await google().embed({ model: "google:text-embedding-004", input: "find me", inputType: "query" });
    await google().embed({ model: "google:text-embedding-004", input: "a", providerOptions: { google: { taskType: "SEMANTIC_SIMILARITY" } } });
    expect(server.requests.map((request) => (request.body as { requests: Array<{ taskType: string }> }).requests[0]!.taskType)).toEqual(["RETRIEVAL_QUERY", "SEMANTIC_SIMILARITY"]);
  });

  it("rejects vectors whose size differs from the requested dimensions, and a missing embeddings field", async () => {
    server.reply({ json: { embeddings: [{ values: [0.1, 0.2, 0.3, 0.4] }] } });
    await expect(google().embed({ model: "google:gemini-embedding-001", input: ["a"], dimensions: 2 })).rejects.toThrow(/returned 4-dimensional vectors but 2 were requested/);
    server.reply({ json: { embedding: { values: [0.1] } } });
    await expect(google().embed({ model: "google:gemini-embedding-001", input: ["a"] })).rejects.toBeInstanceOf(ProviderResponseError);
  });
});

describe("google failures", () => {
  it("fails at createAI naming both variables when there is no key, and reads GEMINI_API_KEY", async () => {
    vi.stubEnv("GOOGLE_GENERATIVE_AI_API_KEY", "");
    vi.stubEnv("GEMINI_API_KEY", "");
    try {
      expect(() => createAI({ providers: { google: {} } })).toThrow(/set GOOGLE_GENERATIVE_AI_API_KEY or GEMINI_API_KEY/);
      vi.stubEnv("GEMINI_API_KEY", "gemini-env-key-123");
      server.reply({ json: generateContentResponse([{ text: "ok" }]) });
      await createAI({ providers: { google: { baseURL: server.url("/v1beta") } } }).chat({ model, messages: hi });
      expect(server.requests[0]!.headers["x-goog-api-key"]).toBe("gemini-env-key-123");
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("maps 400 API_KEY_INVALID and 403 PERMISSION_DENIED to AuthenticationError, without the key", async () => {
    server.reply(
      errorReply(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", [
        { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "API_KEY_INVALID", domain: "googleapis.com", metadata: { service: "generativelanguage.googleapis.com" } },
      ]),
    );
    const error = (await google().chat({ model, messages: hi }).catch((caught: unknown) => caught)) as AuthenticationError;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.status).toBe(400);
    expect(error.message).toContain("GOOGLE_GENERATIVE_AI_API_KEY");
    expect(server.requests).toHaveLength(1);
    server.reply(errorReply(403, "PERMISSION_DENIED", `Method doesn't allow unregistered callers (key ${apiKey}).`));
    const denied = (await google().chat({ model, messages: hi }).catch((caught: unknown) => caught)) as AuthenticationError;
    expect(denied).toBeInstanceOf(AuthenticationError);
    expect(JSON.stringify([denied.message, denied.body, denied.url])).not.toContain(apiKey);
  });

  it("retries a 429 after the body's RetryInfo delay or the Retry-After header, then succeeds", async () => {
    server.reply(
      errorReply(429, "RESOURCE_EXHAUSTED", "You exceeded your current quota, please check your plan and billing details.", [
        { "@type": "type.googleapis.com/google.rpc.QuotaFailure", violations: [{ quotaMetric: "generativelanguage.googleapis.com/generate_content_free_tier_requests" }] },
        { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "7s" },
      ]),
      errorReply(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota).", [], { "retry-after": "2" }),
      { json: generateContentResponse([{ text: "ok" }]) },
    );
    expect((await google().chat({ model, messages: hi })).text).toBe("ok");
    expect(delays).toEqual([7_000, 2_000]);
    server.reset();
    server.handle(() => errorReply(429, "RESOURCE_EXHAUSTED", "quota", [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "1.5s" }]));
    const error = await google({ maxRetries: 1 }).chat({ model, messages: hi }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ retryAfterMs: 1_500, status: 429 });
    expect(server.requests).toHaveLength(2);
  });

  it("retries a 500 and a 503, then succeeds", async () => {
    server.reply(errorReply(500, "INTERNAL", "An internal error has occurred."), errorReply(503, "UNAVAILABLE", "The model is overloaded. Please try again later."), {
      json: generateContentResponse([{ text: "recovered" }]),
    });
    expect((await google().chat({ model, messages: hi })).text).toBe("recovered");
    expect(delays).toHaveLength(2);
  });

  it("maps an input over the token limit to ContextLengthError", async () => {
    server.reply(errorReply(400, "INVALID_ARGUMENT", "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576)."));
    await expect(google().chat({ model, messages: hi })).rejects.toBeInstanceOf(ContextLengthError);
  });

  it("rejects malformed JSON and an unexpected shape with ProviderResponseError", async () => {
    server.reply({ text: '{"candidates":[{"content":{"parts":[{"text":"Hel', headers: { "content-type": "application/json" } });
    await expect(google().chat({ model, messages: hi })).rejects.toBeInstanceOf(ProviderResponseError);
    server.reply({ json: { candidates: "none" } });
    await expect(google().chat({ model, messages: hi })).rejects.toThrow(/candidates/);
  });

  it("throws an error sent inside the stream", async () => {
    server.reply({ sse: [textStream[0]!, sseData({ error: { code: 503, message: "The model is overloaded.", status: "UNAVAILABLE" } })] });
    const error = (await collect(google().stream({ model, messages: hi })).catch((caught: unknown) => caught)) as ProviderError;
    expect(error.constructor).toBe(ProviderError);
    expect(error.message).toBe("google reported an error in the stream (UNAVAILABLE: The model is overloaded.); retry the call.");
    expect(error).toMatchObject({ provider: "google", model: "gemini-2.5-flash", status: 200, isRetryable: true, url: server.url("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse") });
    expect(error.body).toBe(JSON.stringify({ error: { code: 503, message: "The model is overloaded.", status: "UNAVAILABLE" } }));
  });

  it("stops at once on abort, embeddings included", async () => {
    server.reply({ hang: true });
    const controller = new AbortController();
    const pending = google().embed({ model: "google:gemini-embedding-001", input: ["a"], abortSignal: controller.signal });
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort(new Error("cancelled by test"));
    await expect(pending).rejects.toThrow("cancelled by test");
  });
});
