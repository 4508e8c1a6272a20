import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createAI, type AI } from "../../../src/ai/create-ai.js";
import { ConfigError, ContextLengthError, ProviderError } from "../../../src/spec/errors/index.js";
import { startLoopbackServer } from "../../support/loopback-server.js";
import { describeFailureConformance } from "../shared/provider-failure-conformance.js";
import { cohereError, cohereEvent, cohereReply, cohereText, cohereTextStream, cohereToolCallStream, messageEnd } from "./cohere-fixtures.js";
import { collect } from "../../support/collect.js";

const apiKey = "co-loopbacktestkey0123456789";
const server = await startLoopbackServer();
afterAll(() => server.close());
beforeEach(() => server.reset());

const cohere = (settings: Record<string, unknown> = {}, delays: number[] = []): AI =>
  createAI({ providers: { cohere: { apiKey, baseURL: server.url("/v2"), retry: { sleep: async (ms: number) => void delays.push(ms) }, ...settings } } });
const hi = [{ role: "user" as const, content: "Hi" }];

describeFailureConformance({
  server,
  model: "cohere:command-a-03-2025",
  apiKey,
  keyHint: "COHERE_API_KEY",
  makeAI: cohere,
  chatReply: (text) => ({ json: cohereReply(cohereText(text)) }),
  streamReply: { sse: cohereTextStream },
  errorReply: (status, message, headers) => cohereError(status, message, headers),
});

describe("cohere chat", () => {
  it("posts to /v2/chat with Bearer auth, stream: false and Cohere's field names, and parses the reply", async () => {
    server.reply({ json: cohereReply(cohereText("Hello there."), "COMPLETE"), headers: { "x-request-id": "req_c1" } });
    const reply = await cohere().chat({
      model: "cohere:command-a-03-2025",
      messages: [{ role: "system", content: "Be brief." }, ...hi],
      temperature: 0.3,
      maxOutputTokens: 200,
      topP: 0.75,
      topK: 40,
      seed: 7,
      stopSequences: ["END"],
      frequencyPenalty: 0.1,
      presencePenalty: 0.2,
      providerOptions: { cohere: { safetyMode: "STRICT" } },
    });
    const request = server.requests[0]!;
    expect(request).toMatchObject({ method: "POST", path: "/v2/chat" });
    expect(request.headers).toMatchObject({ authorization: `Bearer ${apiKey}`, "content-type": "application/json", accept: "application/json" });
    expect(request.body).toEqual({
      model: "command-a-03-2025",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hi" },
      ],
      stream: false,
      temperature: 0.3,
      max_tokens: 200,
      p: 0.75,
      k: 40,
      seed: 7,
      stop_sequences: ["END"],
      frequency_penalty: 0.1,
      presence_penalty: 0.2,
      safety_mode: "STRICT",
    });
    expect(reply).toMatchObject({
      provider: "cohere",
      model: "command-a-03-2025",
      text: "Hello there.",
      toolCalls: [],
      finishReason: "stop",
      usage: { inputTokens: 5, outputTokens: 418, cachedInputTokens: 2, totalTokens: 423 },
      response: { requestId: "req_c1", id: "c14c80c3-18eb-4519-9460-6c92edd8cfb4" },
    });
  });

  it("converts images, assistant tool calls (text as tool_plan) and tool results", async () => {
    server.reply({ json: cohereReply(cohereText("Sunny.")) });
    await cohere().chat({
      model: "cohere:command-a-vision-07-2025",
      messages: [
        { role: "user", content: [{ type: "text", text: "Where is this?" }, { type: "image", image: Uint8Array.of(1, 2, 3), mediaType: "image/png" }] },
        { role: "assistant", content: "I will check the weather.", toolCalls: [{ toolCallId: "get_weather_abc", toolName: "get_weather", input: { location: "Paris" } }] },
        { role: "tool", toolCallId: "get_weather_abc", toolName: "get_weather", result: { temperature: 21 } },
        { role: "assistant", content: "It is 21 degrees." },
      ],
    });
    expect((server.requests[0]!.body as { messages: unknown }).messages).toEqual([
      { role: "user", content: [{ type: "text", text: "Where is this?" }, { type: "image_url", image_url: { url: "data:image/png;base64,AQID" } }] },
      {
        role: "assistant",
        tool_plan: "I will check the weather.",
        tool_calls: [{ id: "get_weather_abc", type: "function", function: { name: "get_weather", arguments: '{"location":"Paris"}' } }],
      },
      { role: "tool", tool_call_id: "get_weather_abc", content: '{"temperature":21}' },
      { role: "assistant", content: "It is 21 degrees." },
    ]);
  });

  it("rejects unknown providerOptions.cohere before any request", async () => {
    await expect(cohere().chat({ model: "cohere:command-a-03-2025", messages: hi, providerOptions: { cohere: { safety_mode: "OFF" } } })).rejects.toThrow(ConfigError);
    expect(server.requests).toHaveLength(0);
  });

  it("streams text events split at every byte, with usage from message-end", async () => {
    server.reply({ sse: cohereTextStream, chunks: "bytes" });
    const events = await collect(cohere().stream({ model: "cohere:command-a-03-2025", messages: hi }));
    expect(server.requests[0]!.body).toMatchObject({ stream: true });
    expect(server.requests[0]!.headers.accept).toBe("text/event-stream");
    expect(events).toEqual([
      { type: "response-metadata", response: { requestId: undefined, id: "29f14a5a-11de-4cae-9800-25e4747408ea" } },
      { type: "text-delta", delta: "Hello, " },
      { type: "text-delta", delta: "wörld ☃!" },
      { type: "finish", finishReason: "stop", usage: { inputTokens: 5, outputTokens: 418, cachedInputTokens: 2, totalTokens: 423 }, message: { role: "assistant", content: "Hello, wörld ☃!" } },
    ]);
  });

  it("sends tools, maps toolChoice to REQUIRED (narrowing to a named tool), and parses tool calls with the plan as reasoning", async () => {
    server.reply({
      json: cohereReply(
        {
          tool_plan: "I will look up the weather in Toronto.",
          tool_calls: [{ id: "get_weather_1byjy32y4hvq", type: "function", function: { name: "get_weather", arguments: '{"location":"Toronto"}' } }],
        },
        "TOOL_CALL",
      ),
    });
    const reply = await cohere().chat({
      model: "cohere:command-a-03-2025",
      messages: [{ role: "user", content: "Weather in Toronto?" }],
      tools: [
        { name: "get_weather", description: "Current weather", parameters: z.object({ location: z.string() }) },
        { name: "get_time", parameters: z.object({ zone: z.string() }) },
      ],
      toolChoice: { type: "tool", toolName: "get_weather" },
      providerOptions: { cohere: { strictTools: true } },
    });
    expect(server.requests[0]!.body).toMatchObject({
      tools: [
        {
          type: "function",
          function: { name: "get_weather", description: "Current weather", parameters: { type: "object", properties: { location: { type: "string" } }, required: ["location"], additionalProperties: false } },
        },
      ],
      tool_choice: "REQUIRED",
      strict_tools: true,
    });
    expect(reply).toMatchObject({ finishReason: "tool-calls", text: "", reasoning: "I will look up the weather in Toronto." });
    expect(reply.toolCalls).toEqual([{ toolCallId: "get_weather_1byjy32y4hvq", toolName: "get_weather", input: { location: "Toronto" } }]);
    server.reply({ json: cohereReply(cohereText("ok")) });
    await cohere().chat({ model: "cohere:command-a-03-2025", messages: hi, tools: [{ name: "get_time", parameters: { type: "object" } }], toolChoice: "none" });
    expect(server.requests[1]!.body).toMatchObject({ tool_choice: "NONE" });
  });

  it("streams the tool plan as reasoning, argument deltas, then the complete call and usage", async () => {
    server.reply({ sse: cohereToolCallStream, chunks: 11 });
    const events = await collect(cohere().stream({ model: "cohere:command-a-03-2025", messages: hi, tools: [{ name: "get_weather", parameters: { type: "object", properties: { location: { type: "string" } } } }] }));
    expect(events.filter((event) => event.type !== "response-metadata")).toEqual([
      { type: "reasoning-delta", delta: "I will look up " },
      { type: "reasoning-delta", delta: "the weather." },
      { type: "tool-call-delta", toolCallId: "get_weather_1byjy32y4hvq", toolName: "get_weather", inputDelta: '{\n    "location' },
      { type: "tool-call-delta", toolCallId: "get_weather_1byjy32y4hvq", toolName: "get_weather", inputDelta: '": "Toronto"\n}' },
      { type: "tool-call", toolCallId: "get_weather_1byjy32y4hvq", toolName: "get_weather", input: { location: "Toronto" } },
      { type: "finish", finishReason: "tool-calls", usage: { inputTokens: 37, outputTokens: 28, cachedInputTokens: undefined, totalTokens: 65 }, message: { role: "assistant", content: "", toolCalls: [{ toolCallId: "get_weather_1byjy32y4hvq", toolName: "get_weather", input: { location: "Toronto" } }] } },
    ]);
  });

  it("asks for structured output with response_format json_object and the json_schema", async () => {
    server.reply({ json: cohereReply(cohereText('{"title":"Dune","year":1965}')) });
    const result = await cohere().generateObject({ model: "cohere:command-a-03-2025", messages: hi, schema: z.object({ title: z.string(), year: z.number() }) });
    expect(result.object).toEqual({ title: "Dune", year: 1965 });
    expect((server.requests[0]!.body as { response_format: unknown }).response_format).toEqual({
      type: "json_object",
      json_schema: { type: "object", properties: { title: { type: "string" }, year: { type: "number" } }, required: ["title", "year"], additionalProperties: false },
    });
  });

  it("returns thinking content as reasoning, apart from the text", async () => {
    server.reply({ json: cohereReply({ content: [{ type: "thinking", thinking: "Two plus two..." }, { type: "text", text: "4" }] }) });
    const reply = await cohere().chat({ model: "cohere:command-a-reasoning-08-2025", messages: hi, providerOptions: { cohere: { thinking: { type: "enabled", tokenBudget: 512 } } } });
    expect(server.requests[0]!.body).toMatchObject({ thinking: { type: "enabled", token_budget: 512 } });
    expect(reply).toMatchObject({ text: "4", reasoning: "Two plus two..." });
  });

  it("maps finish reasons: MAX_TOKENS to length", async () => {
    server.reply({ sse: [...cohereTextStream.slice(0, 3), messageEnd("MAX_TOKENS")] });
    const events = await collect(cohere().stream({ model: "cohere:command-a-03-2025", messages: hi }));
    expect(events.at(-1)).toMatchObject({ type: "finish", finishReason: "length" });
  });

  it("reports an ERROR finish with the exchange's fields, retryable", async () => {
    const end = cohereEvent({ type: "message-end", delta: { finish_reason: "ERROR", error: "internal model failure" } });
    server.reply({ sse: [...cohereTextStream.slice(0, 3), end] });
    const error = (await collect(cohere().stream({ model: "cohere:command-a-03-2025", messages: hi })).catch((caught: unknown) => caught)) as ProviderError;
    expect(error.constructor).toBe(ProviderError);
    expect(error.message).toBe("cohere reported an error in the stream (internal model failure); retry the call.");
    expect(error).toMatchObject({ provider: "cohere", model: "command-a-03-2025", status: 200, isRetryable: true, url: server.url("/v2/chat") });
    expect(error.body).toBe(JSON.stringify(end.data));
  });

  it("rejects a streamed tool call whose first piece has no id or name, retryable", async () => {
    const orphan = cohereEvent({ type: "tool-call-delta", index: 2, delta: { message: { tool_calls: { function: { arguments: "{}" } } } } });
    server.reply({ sse: [...cohereToolCallStream.slice(0, 2), orphan] });
    const error = (await collect(cohere({ maxRetries: 0 }).stream({ model: "cohere:command-a-03-2025", messages: hi })).catch((caught: unknown) => caught)) as ProviderError;
    expect(error.constructor).toBe(ProviderError);
    expect(error.message).toBe("cohere streamed arguments for tool call 2 before its id and name; the stream is malformed, retry the call.");
    expect(error).toMatchObject({ provider: "cohere", model: "command-a-03-2025", status: 200, isRetryable: true, url: server.url("/v2/chat") });
    expect(error.body).toBe(JSON.stringify(orphan.data));
  });

  it("throws when the stream ends without message-end", async () => {
    server.reply({ sse: cohereTextStream.slice(0, 4) });
    await expect(collect(cohere().stream({ model: "cohere:command-a-03-2025", messages: hi }))).rejects.toThrow(/ended before its final event/);
  });

  it("maps too many tokens to ContextLengthError", async () => {
    server.reply(cohereError(400, "too many tokens: total number of tokens in the prompt cannot exceed 128000 - received 131072. Try using a shorter prompt"));
    await expect(cohere().chat({ model: "cohere:command-a-03-2025", messages: hi })).rejects.toBeInstanceOf(ContextLengthError);
  });

  it("reads CO_API_KEY too, and names COHERE_API_KEY when no key is set", () => {
    vi.stubEnv("COHERE_API_KEY", "");
    vi.stubEnv("CO_API_KEY", "");
    try {
      expect(() => createAI({ providers: { cohere: {} } })).toThrow(/COHERE_API_KEY or CO_API_KEY/);
      vi.stubEnv("CO_API_KEY", "co-env-0123");
      expect(() => createAI({ providers: { cohere: {} } })).not.toThrow();
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("cohere embeddings", () => {
  const embedReply = (texts: string[], inputType: string) => ({
    json: {
      id: "da6e531f-54c6-4a73-bf92-f60566d8d753",
      embeddings: { float: texts.map((text) => [Number(text.split(" ")[1]), inputType === "search_query" ? 1 : 0]) },
      texts,
      meta: { api_version: { version: "2" }, billed_units: { input_tokens: texts.length * 2 } },
      response_type: "embeddings_by_type",
    },
  });

  it("embeds more texts than one request takes (96 per request) as search_document, vectors in input order", async () => {
    server.handle((request) => {
      const body = request.body as { texts: string[]; input_type: string };
      return embedReply(body.texts, body.input_type);
    });
    const input = Array.from({ length: 200 }, (_, index) => `text ${index}`);
    const result = await cohere().embed({ model: "cohere:embed-v4.0", input, dimensions: 2 });
    expect(server.requests.map((request) => request.path)).toEqual(["/v2/embed", "/v2/embed", "/v2/embed"]);
    expect(server.requests.map((request) => (request.body as { texts: string[] }).texts.length).sort((a, b) => b - a)).toEqual([96, 96, 8]);
    expect(server.requests[0]!.body).toMatchObject({ model: "embed-v4.0", input_type: "search_document", embedding_types: ["float"], output_dimension: 2 });
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(result.embeddings.map((vector) => vector[0])).toEqual(input.map((_, index) => index));
    expect(result).toMatchObject({ calls: 3, usage: { inputTokens: 400 }, provider: "cohere", model: "embed-v4.0" });
  });

  it("embeds search queries with inputType: query, and other uses through providerOptions", async () => {
    server.handle((request) => {
      const body = request.body as { texts: string[]; input_type: string };
      return embedReply(body.texts, body.input_type);
    });
    const query = await cohere().embed({ model: "cohere:embed-v4.0", input: "text 5", inputType: "query" });
    expect(server.requests[0]!.body).toMatchObject({ input_type: "search_query", texts: ["text 5"] });
    expect(query.embeddings).toEqual([[5, 1]]);
    await cohere().embed({ model: "cohere:embed-v4.0", input: ["text 1"], providerOptions: { cohere: { inputType: "clustering", truncate: "NONE" } } });
    expect(server.requests[1]!.body).toMatchObject({ input_type: "clustering", truncate: "NONE" });
    await expect(cohere().embed({ model: "cohere:embed-v4.0", input: ["x"], providerOptions: { cohere: { input_type: "clustering" } } })).rejects.toThrow(ConfigError);
  });

  it("retries a 429 on embeddings after Retry-After", async () => {
    const delays: number[] = [];
    server.reply(cohereError(429, "You are using a Trial key, which is limited to 100 API calls / minute.", { "retry-after": "1" }), embedReply(["text 3"], "search_document"));
    const result = await cohere({}, delays).embed({ model: "cohere:embed-v4.0", input: ["text 3"] });
    expect(result.embeddings).toEqual([[3, 0]]);
    expect(delays).toEqual([1_000]);
  });
});
