// The failure and streaming cases every Chat Completions provider must pass (groq, huggingface,
// openai-compatible), run against the loopback server. Each provider's test file calls it once.
import { describe, expect, it } from "vitest";
import type { AI } from "../../../src/ai/create-ai.js";
import { AuthenticationError, ConnectionError, ProviderResponseError, RateLimitError, TimeoutError } from "../../../src/spec/errors/index.js";
import type { LoopbackServer } from "../../support/loopback-server.js";
import { chatCompletion, errorReply, textStream, toolCallStream } from "./openai-fixtures.js";
import { collect } from "../../support/collect.js";

export interface ConformanceOptions {
  server: LoopbackServer;
  /** Builds the AI with this provider on the loopback server; `delays` receives the retry waits. */
  makeAI(settings: Record<string, unknown>, delays: number[]): AI;
  /** e.g. `groq:llama-3.3-70b-versatile`. */
  model: string;
  /** Path the chat request must go to, e.g. `/openai/v1/chat/completions`. */
  chatPath: string;
  /** The key the provider was given (must never appear in errors), or undefined for keyless servers. */
  apiKey: string | undefined;
  /** Hint expected in authentication errors, e.g. `GROQ_API_KEY`. */
  keyHint: string;
}

export function describeChatCompletionsConformance(options: ConformanceOptions): void {
  const { server, model, chatPath } = options;
  const messages = [{ role: "user" as const, content: "Hi" }];
  const ai = (settings: Record<string, unknown> = {}) => {
    const delays: number[] = [];
    return { ai: options.makeAI(settings, delays), delays };
  };

  describe(`${model}: Chat Completions conformance`, () => {
    it("sends the chat request with the provider's auth and parses the reply", async () => {
      server.reply({ json: chatCompletion({ content: "Hello." }, "stop", "served-model") });
      const reply = await ai().ai.chat({ model, messages, temperature: 0.2 });
      const request = server.requests[0]!;
      expect(request.path).toBe(chatPath);
      if (options.apiKey) expect(request.headers.authorization).toBe(`Bearer ${options.apiKey}`);
      else expect(request.headers.authorization).toBeUndefined();
      expect(request.body).toMatchObject({ model: model.slice(model.indexOf(":") + 1), messages: [{ role: "user", content: "Hi" }], temperature: 0.2 });
      expect(reply).toMatchObject({ text: "Hello.", finishReason: "stop", usage: { inputTokens: 19, outputTokens: 7 }, response: { modelId: "served-model" } });
    });

    it("streams text split at every byte with usage at the end", async () => {
      server.reply({ sse: textStream, chunks: "bytes" });
      const events = await collect(ai().ai.stream({ model, messages }));
      expect(events.filter((event) => event.type === "text-delta").map((event) => (event as { delta: string }).delta).join("")).toBe("Hello, wörld ☃!");
      expect(events.at(-1)).toMatchObject({ type: "finish", finishReason: "stop", usage: { inputTokens: 19, outputTokens: 7 } });
    });

    it("sends tools and parses a streamed tool call", async () => {
      server.reply({ sse: toolCallStream });
      const events = await collect(ai().ai.stream({ model, messages, tools: [{ name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } }] }));
      expect(server.requests[0]!.body).toMatchObject({ tools: [{ type: "function", function: { name: "get_weather" } }], stream: true });
      expect(events.find((event) => event.type === "tool-call")).toEqual({ type: "tool-call", toolCallId: "call_DdmO9pD3xa9XTPNJ32zg2hcA", toolName: "get_weather", input: { city: "Paris" } });
    });

    it("maps 401 to AuthenticationError without the key", async () => {
      server.reply(errorReply(401, `Invalid API Key ${options.apiKey ?? ""}`, "invalid_api_key"));
      const error = (await ai().ai.chat({ model, messages }).catch((caught: unknown) => caught)) as AuthenticationError;
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error.message).toContain(options.keyHint);
      if (options.apiKey) expect(JSON.stringify([error.message, error.body])).not.toContain(options.apiKey);
    });

    it("retries a 429 after Retry-After", async () => {
      server.reply(errorReply(429, "Rate limit reached", "rate_limit_exceeded", { "retry-after": "1" }), { json: chatCompletion({ content: "ok" }) });
      const { ai: client, delays } = ai();
      expect((await client.chat({ model, messages })).text).toBe("ok");
      expect(delays).toEqual([1_000]);
      server.reset();
      server.handle(() => errorReply(429, "Rate limit reached", null, { "retry-after": "600" }));
      await expect(ai().ai.chat({ model, messages })).rejects.toMatchObject({ constructor: RateLimitError, retryAfterMs: 600_000 });
    });

    it("retries a 500 and then succeeds", async () => {
      server.reply({ status: 500, text: "Internal Server Error" }, { json: chatCompletion({ content: "recovered" }) });
      const { ai: client, delays } = ai();
      expect((await client.chat({ model, messages })).text).toBe("recovered");
      expect(delays).toHaveLength(1);
      expect(server.requests).toHaveLength(2);
    });

    it("rejects malformed JSON with ProviderResponseError", async () => {
      server.reply({ text: "{not json", headers: { "content-type": "application/json" } });
      await expect(ai().ai.chat({ model, messages })).rejects.toBeInstanceOf(ProviderResponseError);
    });

    it("reports a stream cut mid-event", async () => {
      server.reply({ sse: textStream, cutAfterBytes: 420 });
      await expect(collect(ai({ maxRetries: 0 }).ai.stream({ model, messages }))).rejects.toBeInstanceOf(ConnectionError);
      server.reply({ sse: textStream, cutAfterBytes: 420, cutMode: "end" });
      await expect(collect(ai().ai.stream({ model, messages }))).rejects.toThrow(/ended before its final event/);
    });

    it("times out a slow server", async () => {
      server.reply({ delayMs: 3_000, json: chatCompletion({ content: "late" }) });
      await expect(ai({ timeoutMs: 80, maxRetries: 0 }).ai.chat({ model, messages })).rejects.toBeInstanceOf(TimeoutError);
    });

    it("stops on abort", async () => {
      server.reply({ hang: true });
      const controller = new AbortController();
      const pending = ai().ai.chat({ model, messages, abortSignal: controller.signal });
      while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      controller.abort(new Error("cancelled by test"));
      await expect(pending).rejects.toThrow("cancelled by test");
    });
  });
}
