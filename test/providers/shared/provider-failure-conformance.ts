// The failure cases every provider must pass, whatever its wire format (SSE or NDJSON, its own error bodies):
// 401, 429 with Retry-After, 500 then success, malformed JSON, a stream cut mid-event, a slow server, an abort.
// A provider's test file calls it once with replies in that provider's documented format.
import { describe, expect, it } from "vitest";
import type { AI } from "../../../src/ai/create-ai.js";
import type { ChatStreamEvent } from "../../../src/spec/chat-model.js";
import { AuthenticationError, ConnectionError, ProviderResponseError, RateLimitError, TimeoutError, type ProviderError } from "../../../src/spec/errors/index.js";
import type { LoopbackReply, LoopbackServer } from "../../support/loopback-server.js";
import { collect } from "../../support/collect.js";

export interface FailureConformanceOptions {
  server: LoopbackServer;
  /** Builds the AI with the provider on the loopback server; `delays` receives the retry waits. */
  makeAI(settings: Record<string, unknown>, delays: number[]): AI;
  /** e.g. `mistral:mistral-small-latest`. */
  model: string;
  /** The key the provider was given (must never appear in errors); undefined for keyless servers. */
  apiKey: string | undefined;
  /** Text expected in authentication errors, e.g. `MISTRAL_API_KEY`. */
  keyHint: string;
  /** A successful non-streaming reply whose text is `text`. */
  chatReply(text: string): LoopbackReply;
  /** A complete streamed reply (at least 200 bytes), in the provider's streaming format. */
  streamReply: LoopbackReply;
  /** An error reply in the provider's documented error format. */
  errorReply(status: number, message: string, headers?: Record<string, string>): LoopbackReply;
}

export function describeFailureConformance(options: FailureConformanceOptions): void {
  const { server, model } = options;
  const messages = [{ role: "user" as const, content: "Hi" }];
  const make = (settings: Record<string, unknown> = {}) => {
    const delays: number[] = [];
    return { ai: options.makeAI(settings, delays), delays };
  };

  describe(`${model}: failures`, () => {
    it("maps 401 to AuthenticationError, without the key, and does not retry", async () => {
      server.reply(options.errorReply(401, `Unauthorized ${options.apiKey ?? ""}`.trim()));
      const error = (await make().ai.chat({ model, messages }).catch((caught: unknown) => caught)) as AuthenticationError;
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error).toMatchObject({ status: 401, isRetryable: false });
      expect(error.message).toContain(options.keyHint);
      if (options.apiKey) expect(JSON.stringify([error.message, error.body, error.url])).not.toContain(options.apiKey);
      expect(server.requests).toHaveLength(1);
    });

    it("retries a 429 after its Retry-After, and gives up with RateLimitError carrying retryAfterMs", async () => {
      server.reply(options.errorReply(429, "Rate limit exceeded", { "retry-after": "3" }), options.chatReply("ok"));
      const { ai, delays } = make();
      expect((await ai.chat({ model, messages })).text).toBe("ok");
      expect(delays).toEqual([3_000]);
      expect(server.requests).toHaveLength(2);
      server.reset();
      server.handle(() => options.errorReply(429, "Rate limit exceeded", { "retry-after": "7" }));
      const error = await make({ maxRetries: 1 }).ai.chat({ model, messages }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(RateLimitError);
      expect(error).toMatchObject({ status: 429, retryAfterMs: 7_000, isRetryable: true });
      expect(server.requests).toHaveLength(2);
    });

    it("retries a 500 and then succeeds", async () => {
      server.reply(options.errorReply(500, "Internal server error"), options.chatReply("recovered"));
      const { ai, delays } = make();
      expect((await ai.chat({ model, messages })).text).toBe("recovered");
      expect(delays).toHaveLength(1);
      expect(server.requests).toHaveLength(2);
    });

    it("also retries a stream refused with 503 before it starts", async () => {
      server.reply(options.errorReply(503, "Service unavailable"), options.streamReply);
      const { ai, delays } = make();
      const events = await collect(ai.stream({ model, messages }));
      expect(events.at(-1)?.type).toBe("finish");
      expect(delays).toHaveLength(1);
    });

    it("rejects malformed JSON with ProviderResponseError naming the provider", async () => {
      server.reply({ text: '{"id": "x", "trunc', headers: { "content-type": "application/json" } });
      const error = (await make().ai.chat({ model, messages }).catch((caught: unknown) => caught)) as ProviderResponseError;
      expect(error).toBeInstanceOf(ProviderResponseError);
      expect(error.message).toMatch(/not valid JSON/);
      expect(error.body).toBe('{"id": "x", "trunc');
    });

    it("rejects a reply of the wrong shape with ProviderResponseError", async () => {
      server.reply({ json: { unexpected: true } });
      await expect(make().ai.chat({ model, messages })).rejects.toThrow(/does not match its documented format/);
    });

    it("reports a stream cut mid-event: a broken connection, or an early clean end", async () => {
      server.reply({ ...options.streamReply, cutAfterBytes: 150 });
      await expect(collect(make({ maxRetries: 0 }).ai.stream({ model, messages }))).rejects.toBeInstanceOf(ConnectionError);
      server.reply({ ...options.streamReply, cutAfterBytes: 150, cutMode: "end" });
      const error = await collect(make().ai.stream({ model, messages })).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ProviderResponseError);
      expect((error as ProviderError).provider).toBe(model.slice(0, model.indexOf(":")));
      // SSE drops the unfinished event, so the driver sees the stream end early (retryable); NDJSON parses the cut line.
      if ("sse" in options.streamReply) expect(error).toMatchObject({ isRetryable: true, message: expect.stringContaining("ended before its final event") });
    });

    it("times out a slow server with TimeoutError", async () => {
      // undici checks header/body timeouts on a ~0.5 s timer wheel (and later under load): stall well past 1 s.
      server.reply({ ...options.chatReply("late"), delayMs: 3_000 });
      await expect(make({ timeoutMs: 80, maxRetries: 0 }).ai.chat({ model, messages })).rejects.toBeInstanceOf(TimeoutError);
    });

    it("times out a stream that stalls between chunks", async () => {
      server.reply({ ...options.streamReply, chunks: 60, chunkDelayMs: 3_000 });
      await expect(collect(make({ timeoutMs: 80, maxRetries: 0 }).ai.stream({ model, messages }))).rejects.toBeInstanceOf(TimeoutError);
    });

    it("stops a stream aborted mid-way with the signal's reason", async () => {
      server.reply({ ...options.streamReply, chunks: 40, chunkDelayMs: 200 });
      const controller = new AbortController();
      const seen: ChatStreamEvent[] = [];
      const error = await (async () => {
        for await (const event of make().ai.stream({ model, messages, abortSignal: controller.signal })) {
          seen.push(event);
          controller.abort(new Error("stopped by test"));
        }
      })().catch((caught: unknown) => caught);
      expect(error).toEqual(new Error("stopped by test"));
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.some((event) => event.type === "finish")).toBe(false);
    });

    it("stops on abort with the signal's reason", async () => {
      server.reply({ hang: true });
      const controller = new AbortController();
      const pending = make().ai.chat({ model, messages, abortSignal: controller.signal });
      while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      controller.abort(new Error("cancelled by test"));
      await expect(pending).rejects.toThrow("cancelled by test");
    });
  });
}
