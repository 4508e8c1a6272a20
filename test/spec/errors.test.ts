import { describe, expect, it } from "vitest";
import {
  AIError,
  AuthenticationError,
  ConfigError,
  ConnectionError,
  ContextLengthError,
  ObjectGenerationError,
  ProviderError,
  ProviderResponseError,
  RateLimitError,
  TimeoutError,
  UnsupportedCapabilityError,
} from "../../src/spec/errors/index.js";

const fields = { provider: "openai", model: "gpt-4o-mini", status: 500, requestId: "req_1" };

describe("the error hierarchy", () => {
  it("gives each class a stable code and retryability", () => {
    const cases: Array<[AIError, string, boolean]> = [
      [new ProviderError("x", { ...fields, status: 503 }), "provider_error", true],
      [new ProviderError("x", { ...fields, status: 400 }), "provider_error", false],
      [new AuthenticationError("x", { ...fields, status: 401 }), "authentication", false],
      [new RateLimitError("x", { ...fields, status: 429, retryAfterMs: 10 }), "rate_limit", true],
      [new ContextLengthError("x", { ...fields, status: 400 }), "context_length", false],
      [new ProviderResponseError("x", fields), "invalid_response", false],
      [new TimeoutError("x", { provider: "openai" }), "timeout", true],
      [new ConnectionError("x", { provider: "openai" }), "connection", true],
      [new UnsupportedCapabilityError({ provider: "groq", capability: "embeddings" }), "unsupported_capability", false],
      [new ObjectGenerationError("x", { text: "{" }), "object_generation", false],
      [new ConfigError("x"), "config", false],
    ];
    for (const [error, code, retryable] of cases) {
      expect(error.code).toBe(code);
      expect(error.isRetryable).toBe(retryable);
      expect(AIError.isInstance(error)).toBe(true);
      expect(error.name).toBe(error.constructor.name);
    }
    expect(AIError.isInstance(new Error("x"))).toBe(false);
  });

  it("keeps provider, model, status, request id, retryAfterMs and a truncated body", () => {
    const error = new RateLimitError("slow down", { ...fields, status: 429, retryAfterMs: 1500, body: "y".repeat(3000) });
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ provider: "openai", model: "gpt-4o-mini", status: 429, requestId: "req_1", retryAfterMs: 1500 });
    expect(error.body!.startsWith("y".repeat(2000))).toBe(true);
    expect(error.body).toContain("[1000 more characters]");
  });

  it("names provider and capability in UnsupportedCapabilityError", () => {
    expect(new UnsupportedCapabilityError({ provider: "groq", capability: "embeddings" }).message).toBe(
      'Provider "groq" does not support embeddings; use a provider that does (see the "Providers" table in docs/ai-core-and-providers.md).',
    );
    expect(new UnsupportedCapabilityError({ provider: "anthropic", model: "claude-x", capability: "images" }).message).toContain('Model "anthropic:claude-x"');
  });
});
