import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAI } from "../../src/ai/create-ai.js";
import type { CreateAIOptions } from "../../src/router/router-types.js";
import { AuthenticationError, ConfigError, ContextLengthError, ProviderError } from "../../src/spec/errors/index.js";
import { startLoopbackServer, type LoopbackServer } from "../support/loopback-server.js";
import { completionReply, embeddingsReply, errorReply, streamReply } from "./openai-wire.js";

const hi = [{ role: "user" as const, content: "Hi" }];
let primary: LoopbackServer;
let backup: LoopbackServer;

beforeAll(async () => {
  [primary, backup] = await Promise.all([startLoopbackServer(), startLoopbackServer()]);
});
afterAll(() => Promise.all([primary.close(), backup.close()]));
beforeEach(() => {
  primary.reset();
  backup.reset();
});

/** Two OpenAI-compatible providers on loopback servers; the primary retries once (without waiting). */
function routedAI(options: Partial<CreateAIOptions> = {}) {
  return createAI({
    providers: {
      primary: { driver: "openai-compatible", baseURL: primary.url("/v1"), apiKey: "sk-primary-0001", maxRetries: 1, retry: { sleep: async () => {} } },
      backup: { driver: "openai-compatible", baseURL: backup.url("/v1"), apiKey: "sk-backup-0002", maxRetries: 0 },
    },
    fallbacks: { "primary:big-model": ["backup:small-model"] },
    ...options,
  });
}

describe("chat fallbacks", () => {
  it("tries the next model after the driver's retries fail, and says which model answered", async () => {
    primary.reply(errorReply(503, "Overloaded"), errorReply(503, "Overloaded"));
    backup.reply(completionReply("Hello from backup", "small-model"));
    const result = await routedAI().chat({ model: "primary:big-model", messages: hi, temperature: 0 });

    expect(result).toMatchObject({ provider: "backup", model: "small-model", text: "Hello from backup" });
    expect(primary.requests).toHaveLength(2);
    expect(primary.requests[0]).toMatchObject({ path: "/v1/chat/completions", body: { model: "big-model" } });
    expect(backup.requests).toHaveLength(1);
    expect(backup.requests[0]).toMatchObject({ path: "/v1/chat/completions", body: { model: "small-model", messages: [{ role: "user", content: "Hi" }], temperature: 0 } });
    expect(backup.requests[0]!.headers.authorization).toBe("Bearer sk-backup-0002");
    expect(result.failedAttempts).toHaveLength(1);
    expect(result.failedAttempts?.[0]).toMatchObject({ provider: "primary", model: "big-model", error: { code: "provider_error", status: 503 } });
  });

  it("answers from the first model without touching the fallback when it succeeds", async () => {
    primary.reply(completionReply("Hello", "big-model"));
    const result = await routedAI().chat({ model: "primary:big-model", messages: hi });
    expect(result).toMatchObject({ provider: "primary", model: "big-model", text: "Hello", failedAttempts: [] });
    expect(backup.requests).toHaveLength(0);
  });

  it("falls back on an authentication error of the first provider", async () => {
    primary.reply(errorReply(401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key"));
    backup.reply(completionReply("ok", "small-model"));
    const result = await routedAI().chat({ model: "primary:big-model", messages: hi });
    expect(result.provider).toBe("backup");
    expect(result.failedAttempts![0]!.error).toBeInstanceOf(AuthenticationError);
    expect(primary.requests).toHaveLength(1);
  });

  it("does not mask a bad request or a context-length error", async () => {
    primary.reply(errorReply(400, "This model's maximum context length is 8192 tokens.", "invalid_request_error", "context_length_exceeded"));
    await expect(routedAI().chat({ model: "primary:big-model", messages: hi })).rejects.toBeInstanceOf(ContextLengthError);
    primary.reply(errorReply(400, "Invalid value for 'temperature'.", "invalid_request_error"));
    const failure = await routedAI().chat({ model: "primary:big-model", messages: hi, temperature: 9 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ProviderError);
    expect(failure).toMatchObject({ status: 400, isRetryable: false, provider: "primary" });
    expect(backup.requests).toHaveLength(0);
  });

  it("throws the last model's error when every model fails", async () => {
    primary.reply(errorReply(500, "boom"), errorReply(500, "boom"));
    backup.reply(errorReply(502, "bad gateway"));
    await expect(routedAI().chat({ model: "primary:big-model", messages: hi })).rejects.toMatchObject({ provider: "backup", status: 502 });
  });

  it("does not fall back once the caller aborted", async () => {
    primary.reply({ hang: true });
    const controller = new AbortController();
    const pending = routedAI().chat({ model: "primary:big-model", messages: hi, abortSignal: controller.signal });
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort(new Error("user left"));
    await expect(pending).rejects.toThrow("user left");
    expect(backup.requests).toHaveLength(0);
  });

  it("also applies to generateObject and to streams (before the first event)", async () => {
    const { z } = await import("zod");
    primary.reply(errorReply(429, "Rate limit reached", "requests", "rate_limit_exceeded"), errorReply(429, "Rate limit reached", "requests", "rate_limit_exceeded"));
    backup.reply(completionReply('{"answer":42}', "small-model"));
    const object = await routedAI().generateObject({ model: "primary:big-model", messages: hi, schema: z.object({ answer: z.number() }) });
    expect(object).toMatchObject({ object: { answer: 42 }, provider: "backup" });

    primary.reset();
    backup.reset();
    primary.reply(errorReply(503, "down"), errorReply(503, "down"));
    backup.reply(streamReply(["Hel", "lo"], "small-model"));
    let text = "";
    for await (const event of routedAI().stream({ model: "primary:big-model", messages: hi })) if (event.type === "text-delta") text += event.delta;
    expect(text).toBe("Hello");
    expect(backup.requests[0]!.body).toMatchObject({ model: "small-model", stream: true });
  });
});

describe("fallback setup", () => {
  it("rejects invalid chains when createAI runs", () => {
    expect(() => routedAI({ fallbacks: { "primary:a": [] } })).toThrow(ConfigError);
    expect(() => routedAI({ fallbacks: { "primary:a": ["primary:a"] } })).toThrow(/lists the model itself/);
    expect(() => routedAI({ fallbacks: { "primary:a": ["no-colon"] } })).toThrow(/not a "provider:model-id" string/);
  });

  it("rejects embedding models of different vector sizes when createAI runs", () => {
    expect(() =>
      createAI({
        providers: { openai: { apiKey: "sk-x-123456" }, mistral: { apiKey: "m-x-123456" } },
        fallbacks: { "openai:text-embedding-3-small": ["mistral:mistral-embed"] },
      }),
    ).toThrow(/different vector sizes \(openai:text-embedding-3-small: 1536, mistral:mistral-embed: 1024\)/);
    // Both can shorten their vectors to the size asked for: allowed.
    expect(() =>
      createAI({ providers: { openai: { apiKey: "sk-x-123456" } }, fallbacks: { "openai:text-embedding-3-large": ["openai:text-embedding-3-small"] } }),
    ).not.toThrow();
  });

  it("builds the fallback providers when createAI runs, so a missing API key fails then", () => {
    const saved = process.env.GROQ_API_KEY;
    delete process.env.GROQ_API_KEY;
    try {
      expect(() => createAI({ providers: { openai: { apiKey: "sk-x-123456" } }, fallbacks: { "openai:gpt-4o-mini": ["groq:llama-3.1-8b-instant"] } })).toThrow(/GROQ_API_KEY/);
    } finally {
      if (saved !== undefined) process.env.GROQ_API_KEY = saved;
    }
  });
});

describe("embedding fallbacks", () => {
  it("needs one vector size: without `dimensions`, models of unknown size are refused before any request", async () => {
    const ai = routedAI({ fallbacks: { "primary:embed": ["backup:embed"] } });
    await expect(ai.embed({ model: "primary:embed", input: ["a"] })).rejects.toThrow(/Embedding fallbacks need vectors of one size/);
    expect(primary.requests).toHaveLength(0);
  });

  it("falls back with `dimensions`, every vector checked against it", async () => {
    primary.reply(errorReply(500, "down"), errorReply(500, "down"));
    backup.reply(embeddingsReply([[1, 0, 0], [0, 1, 0]], "embed"));
    const ai = routedAI({ fallbacks: { "primary:embed": ["backup:embed"] } });
    const result = await ai.embed({ model: "primary:embed", input: ["a", "b"], dimensions: 3 });
    expect(result).toMatchObject({ provider: "backup", model: "embed", embeddings: [[1, 0, 0], [0, 1, 0]] });
    expect(result.failedAttempts).toMatchObject([{ provider: "primary", model: "embed", error: { status: 500 } }]);
    expect(backup.requests[0]!.body).toMatchObject({ model: "embed", input: ["a", "b"], dimensions: 3 });
  });
});
