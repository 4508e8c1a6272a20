import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ollamaBaseURLFromHost } from "../../../src/providers/ollama/index.js";
import { createAI, type AI } from "../../../src/ai/create-ai.js";
import { ConfigError, ContextLengthError, ProviderError, ProviderResponseError } from "../../../src/spec/errors/index.js";
import { startLoopbackServer } from "../../support/loopback-server.js";
import { describeFailureConformance } from "../shared/provider-failure-conformance.js";
import { ollamaDone, ollamaError, ollamaLine, ollamaReply, ollamaTextStream, ollamaToolCallStream } from "./ollama-fixtures.js";
import { collect } from "../../support/collect.js";

const server = await startLoopbackServer();
afterAll(() => server.close());
beforeEach(() => server.reset());

const ollama = (settings: Record<string, unknown> = {}, delays: number[] = []): AI =>
  createAI({ providers: { ollama: { baseURL: server.url("/api"), retry: { sleep: async (ms: number) => void delays.push(ms) }, ...settings } } });
const hi = [{ role: "user" as const, content: "Hi" }];

describeFailureConformance({
  server,
  model: "ollama:llama3.2",
  apiKey: undefined,
  keyHint: "apiKey setting of the ollama provider",
  makeAI: ollama,
  chatReply: (text) => ({ json: ollamaReply({ content: text }) }),
  streamReply: { ndjson: ollamaTextStream },
  errorReply: (status, message, headers) => ollamaError(status, message, headers),
});

describe("ollama chat", () => {
  it("posts to /api/chat with stream: false, settings under options, no auth header, and parses the reply", async () => {
    server.reply({ json: ollamaReply({ content: "Hello! How are you today?" }) });
    const reply = await ollama().chat({
      model: "ollama:llama3.2",
      messages: [{ role: "system", content: "Be brief." }, ...hi],
      temperature: 0,
      maxOutputTokens: 100,
      topK: 20,
      topP: 0.8,
      seed: 3,
      stopSequences: ["\n\n"],
      providerOptions: { ollama: { keepAlive: "10m", options: { num_ctx: 8192 } } },
    });
    const request = server.requests[0]!;
    expect(request).toMatchObject({ method: "POST", path: "/api/chat" });
    expect(request.headers.authorization).toBeUndefined();
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.body).toEqual({
      model: "llama3.2",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hi" },
      ],
      stream: false,
      options: { num_ctx: 8192, temperature: 0, num_predict: 100, top_k: 20, top_p: 0.8, seed: 3, stop: ["\n\n"] },
      keep_alive: "10m",
    });
    expect(reply).toMatchObject({
      provider: "ollama",
      model: "llama3.2",
      text: "Hello! How are you today?",
      toolCalls: [],
      finishReason: "stop",
      usage: { inputTokens: 26, outputTokens: 298, cachedInputTokens: undefined, totalTokens: 324 },
      response: { modelId: "llama3.2" },
      warnings: [],
    });
  });

  it("sends images as base64 and tool turns with object arguments and tool_name", async () => {
    server.reply({ json: ollamaReply({ content: "A cat." }) });
    await ollama().chat({
      model: "ollama:llava",
      messages: [
        { role: "user", content: [{ type: "text", text: "What is this?" }, { type: "image", image: Uint8Array.of(1, 2, 3), mediaType: "image/png" }, { type: "image", image: "data:image/jpeg;base64,/9j/4A==" }] },
        { role: "assistant", toolCalls: [{ toolCallId: "call_0", toolName: "get_weather", input: { city: "Paris" } }] },
        { role: "tool", toolCallId: "call_0", toolName: "get_weather", result: { temperature: 22 } },
      ],
    });
    expect((server.requests[0]!.body as { messages: unknown }).messages).toEqual([
      { role: "user", content: "What is this?", images: ["AQID", "/9j/4A=="] },
      { role: "assistant", content: "", tool_calls: [{ function: { name: "get_weather", arguments: { city: "Paris" } } }] },
      { role: "tool", content: '{"temperature":22}', tool_name: "get_weather" },
    ]);
  });

  it("rejects image URLs (Ollama takes bytes) and unknown providerOptions before any request", async () => {
    await expect(ollama().chat({ model: "ollama:llava", messages: [{ role: "user", content: [{ type: "image", image: "https://example.com/cat.png" }] }] })).rejects.toThrow(ConfigError);
    await expect(ollama().chat({ model: "ollama:llama3.2", messages: hi, providerOptions: { ollama: { keep_alive: "1m" } } })).rejects.toThrow(ConfigError);
    expect(server.requests).toHaveLength(0);
  });

  it("streams NDJSON split at every byte, with stream: true sent explicitly and usage from the done line", async () => {
    server.reply({ ndjson: ollamaTextStream, chunks: "bytes" });
    const events = await collect(ollama().stream({ model: "ollama:llama3.2", messages: hi }));
    expect(server.requests[0]!.body).toMatchObject({ model: "llama3.2", stream: true });
    expect(server.requests[0]!.headers.accept).toBe("application/x-ndjson");
    expect(events).toEqual([
      { type: "response-metadata", response: { requestId: undefined, modelId: "llama3.2" } },
      { type: "text-delta", delta: "Hello, " },
      { type: "text-delta", delta: "wörld ☃!" },
      { type: "finish", finishReason: "stop", usage: { inputTokens: 26, outputTokens: 298, cachedInputTokens: undefined, totalTokens: 324 }, message: { role: "assistant", content: "Hello, wörld ☃!" } },
    ]);
  });

  it("streams thinking as reasoning deltas", async () => {
    server.reply({ ndjson: [ollamaLine({ content: "", thinking: "Let me think" }), ollamaLine({ content: "42" }), ollamaDone("length")] });
    const events = await collect(ollama().stream({ model: "ollama:qwen3", messages: hi, providerOptions: { ollama: { think: true } } }));
    expect(server.requests[0]!.body).toMatchObject({ think: true });
    expect(events.filter((event) => event.type !== "response-metadata").map((event) => event.type)).toEqual(["reasoning-delta", "text-delta", "finish"]);
    expect(events.at(-1)).toMatchObject({ finishReason: "length" });
  });

  it("sends tools and parses tool calls (ids generated when Ollama gives none)", async () => {
    server.reply({
      json: ollamaReply({ tool_calls: [{ function: { name: "get_weather", arguments: { city: "Paris" } } }, { id: "call_x1", function: { index: 1, name: "get_time", arguments: { zone: "CET" } } }] }, "stop", "qwen3"),
    });
    const reply = await ollama().chat({
      model: "ollama:qwen3",
      messages: [{ role: "user", content: "Weather and time in Paris?" }],
      tools: [
        { name: "get_weather", description: "Current weather", parameters: z.object({ city: z.string() }) },
        { name: "get_time", parameters: z.object({ zone: z.string() }) },
      ],
    });
    expect((server.requests[0]!.body as { tools: unknown }).tools).toEqual([
      { type: "function", function: { name: "get_weather", description: "Current weather", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false } } },
      { type: "function", function: { name: "get_time", parameters: { type: "object", properties: { zone: { type: "string" } }, required: ["zone"], additionalProperties: false } } },
    ]);
    expect(reply.finishReason).toBe("tool-calls");
    expect(reply.toolCalls).toEqual([
      { toolCallId: "call_0", toolName: "get_weather", input: { city: "Paris" } },
      { toolCallId: "call_x1", toolName: "get_time", input: { zone: "CET" } },
    ]);
  });

  it("narrows the tools to the one toolChoice names, with a warning that Ollama cannot force it", async () => {
    server.reply({ json: ollamaReply({ content: "ok" }) });
    const reply = await ollama().chat({
      model: "ollama:qwen3",
      messages: hi,
      tools: [{ name: "a", parameters: { type: "object" } }, { name: "b", parameters: { type: "object" } }],
      toolChoice: { type: "tool", toolName: "b" },
    });
    expect((server.requests[0]!.body as { tools: Array<{ function: { name: string } }> }).tools.map((tool) => tool.function.name)).toEqual(["b"]);
    expect(reply.warnings).toEqual([expect.objectContaining({ setting: "toolChoice" })]);
  });

  it("streams a tool call as a delta and a complete call, finishing with tool-calls", async () => {
    server.reply({ ndjson: ollamaToolCallStream, chunks: 9 });
    const events = await collect(ollama().stream({ model: "ollama:qwen3", messages: hi, tools: [{ name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } }] }));
    expect(events.filter((event) => event.type !== "response-metadata")).toEqual([
      { type: "tool-call-delta", toolCallId: "call_0", toolName: "get_weather", inputDelta: '{"city":"Paris"}' },
      { type: "tool-call", toolCallId: "call_0", toolName: "get_weather", input: { city: "Paris" } },
      { type: "finish", finishReason: "tool-calls", usage: { inputTokens: 26, outputTokens: 298, cachedInputTokens: undefined, totalTokens: 324 }, message: { role: "assistant", content: "", toolCalls: [{ toolCallId: "call_0", toolName: "get_weather", input: { city: "Paris" } }] } },
    ]);
  });

  it("asks for structured output with format set to the JSON Schema", async () => {
    server.reply({ json: ollamaReply({ content: '{"name":"Ada","languages":["English"]}' }) });
    const schema = z.object({ name: z.string(), languages: z.array(z.string()) });
    const result = await ollama().generateObject({ model: "ollama:llama3.2", messages: hi, schema });
    expect(result.object).toEqual({ name: "Ada", languages: ["English"] });
    expect((server.requests[0]!.body as { format: unknown }).format).toEqual({
      type: "object",
      properties: { name: { type: "string" }, languages: { type: "array", items: { type: "string" } } },
      required: ["name", "languages"],
      additionalProperties: false,
    });
    server.reply({ json: ollamaReply({ content: "{}" }) });
    await ollama().chat({ model: "ollama:llama3.2", messages: hi, responseFormat: { type: "json" } });
    expect((server.requests[1]!.body as { format: unknown }).format).toBe("json");
  });

  it("throws an error line sent inside the stream", async () => {
    server.reply({ ndjson: [ollamaLine({ content: "Hel" }), { error: "an error was encountered while running the model: unexpected EOF" }] });
    const error = (await collect(ollama().stream({ model: "ollama:llama3.2", messages: hi })).catch((caught: unknown) => caught)) as ProviderError;
    expect(error.constructor).toBe(ProviderError);
    expect(error.message).toBe("ollama reported an error in the stream (an error was encountered while running the model: unexpected EOF); retry the call.");
    expect(error).toMatchObject({ provider: "ollama", model: "llama3.2", status: 200, isRetryable: true, url: server.url("/api/chat") });
    expect(error.body).toBe(JSON.stringify({ error: "an error was encountered while running the model: unexpected EOF" }));
  });

  it("throws when the stream ends without a done line, and on a line cut mid-JSON", async () => {
    server.reply({ ndjson: [ollamaLine({ content: "Hel" })] });
    await expect(collect(ollama().stream({ model: "ollama:llama3.2", messages: hi }))).rejects.toThrow(/ended before its final event/);
    server.reply({ ndjson: ollamaTextStream, cutAfterBytes: 250, cutMode: "end" });
    await expect(collect(ollama().stream({ model: "ollama:llama3.2", messages: hi }))).rejects.toThrow(ProviderResponseError);
  });

  it("reports a model that is not pulled with Ollama's message, without retrying", async () => {
    server.reply(ollamaError(404, 'model "llama9" not found, try pulling it first'));
    const error = (await ollama().chat({ model: "ollama:llama9", messages: hi }).catch((caught: unknown) => caught)) as ProviderError;
    expect(error).toMatchObject({ status: 404, isRetryable: false });
    expect(error.message).toContain("try pulling it first");
    expect(server.requests).toHaveLength(1);
  });

  it("sends apiKey as a Bearer token when one is given (ollama.com, a proxy)", async () => {
    server.reply({ json: ollamaReply({ content: "ok" }) });
    await ollama({ apiKey: "ollama-cloud-key-0123" }).chat({ model: "ollama:gpt-oss:120b", messages: hi });
    expect(server.requests[0]!.headers.authorization).toBe("Bearer ollama-cloud-key-0123");
    expect(server.requests[0]!.body).toMatchObject({ model: "gpt-oss:120b" });
  });
});

describe("ollama embeddings", () => {
  it("embeds more inputs than one request takes (512 per request), one request at a time, in input order", async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    server.handle(async (request) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      const body = request.body as { input: string[] };
      return { json: { model: "nomic-embed-text", embeddings: body.input.map((text) => [Number(text.split(" ")[1]), 0.25]), total_duration: 14143917, load_duration: 1019500, prompt_eval_count: body.input.length * 4 } };
    });
    const input = Array.from({ length: 1_100 }, (_, index) => `text ${index}`);
    const result = await ollama().embed({ model: "ollama:nomic-embed-text", input, dimensions: 2, providerOptions: { ollama: { truncate: false, keepAlive: 0 } } });
    expect(server.requests.map((request) => request.path)).toEqual(["/api/embed", "/api/embed", "/api/embed"]);
    expect(server.requests.map((request) => (request.body as { input: string[] }).input.length)).toEqual([512, 512, 76]);
    expect(server.requests[0]!.body).toMatchObject({ model: "nomic-embed-text", dimensions: 2, truncate: false, keep_alive: 0 });
    expect(maxInFlight).toBe(1);
    expect(result.embeddings.map((vector) => vector[0])).toEqual(input.map((_, index) => index));
    expect(result).toMatchObject({ calls: 3, usage: { inputTokens: 4_400 }, provider: "ollama", model: "nomic-embed-text" });
  });

  it("maps an input over the context length (truncate: false) to ContextLengthError", async () => {
    server.reply(ollamaError(400, "the input length exceeds the context length"));
    await expect(ollama().embed({ model: "ollama:nomic-embed-text", input: ["long"], providerOptions: { ollama: { truncate: false } } })).rejects.toBeInstanceOf(ContextLengthError);
  });
});

describe("ollama settings", () => {
  it("reads OLLAMA_HOST when no baseURL is given", async () => {
    vi.stubEnv("OLLAMA_HOST", server.url());
    try {
      server.reply({ json: ollamaReply({ content: "from env" }) });
      const ai = createAI({ providers: { ollama: { retry: { sleep: async () => {} } } } });
      expect((await ai.chat({ model: "ollama:llama3.2", messages: hi })).text).toBe("from env");
      expect(server.requests[0]!.path).toBe("/api/chat");
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("reads OLLAMA_HOST values as Ollama does", () => {
    expect(ollamaBaseURLFromHost("0.0.0.0")).toBe("http://127.0.0.1:11434/api");
    expect(ollamaBaseURLFromHost("0.0.0.0:8080")).toBe("http://127.0.0.1:8080/api");
    expect(ollamaBaseURLFromHost("gpu-box")).toBe("http://gpu-box:11434/api");
    expect(ollamaBaseURLFromHost("http://gpu-box:11434")).toBe("http://gpu-box:11434/api");
    expect(ollamaBaseURLFromHost("http://gpu-box:11434/api/")).toBe("http://gpu-box:11434/api");
    expect(ollamaBaseURLFromHost("https://ollama.example.com")).toBe("https://ollama.example.com/api");
    expect(ollamaBaseURLFromHost("https://proxy.example.com/ollama")).toBe("https://proxy.example.com/ollama/api");
    expect(ollamaBaseURLFromHost("[::1]:11434")).toBe("http://[::1]:11434/api");
    expect(ollamaBaseURLFromHost(" ")).toBe("http://127.0.0.1:11434/api");
  });

  it("defaults to http://127.0.0.1:11434/api without OLLAMA_HOST", () => {
    vi.stubEnv("OLLAMA_HOST", "");
    try {
      const error = createAI({ providers: { ollama: {} } });
      expect(error.providers()).toContain("ollama");
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
