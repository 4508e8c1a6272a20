import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAI } from "../../src/ai/create-ai.js";
import type { CreateAIOptions } from "../../src/router/router-types.js";
import { costOf, defaultPrices, findPrice } from "../../src/router/prices.js";
import { AIError, BudgetExceededError, ConfigError } from "../../src/spec/errors/index.js";
import { startLoopbackServer, type LoopbackServer } from "../support/loopback-server.js";
import { completionReply, embeddingsReply, streamReply } from "./openai-wire.js";

let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopbackServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const hi = [{ role: "user" as const, content: "Hi" }];

function localAI(options: Partial<CreateAIOptions> = {}) {
  return createAI({
    providers: { local: { driver: "openai-compatible", baseURL: server.url("/v1"), apiKey: "sk-costs-0001", maxRetries: 0 } },
    prices: { "local:m": { input: 2, output: 8 }, "local:e": { input: 0.5 } },
    ...options,
  });
}

describe("costs", () => {
  it("prices a built-in model from the default table, cached input tokens at their own price", async () => {
    server.reply(completionReply("Hello", "gpt-4o-mini", { prompt: 1_000, completion: 200, cached: 400 }));
    const ai = createAI({ providers: { openai: { apiKey: "sk-costs-0002", baseURL: server.url("/v1"), maxRetries: 0 } } });
    const result = await ai.chat({ model: "openai:gpt-4o-mini", messages: hi });
    expect(server.requests[0]).toMatchObject({ path: "/v1/chat/completions", body: { model: "gpt-4o-mini" } });
    expect(result.usage).toMatchObject({ inputTokens: 1_000, outputTokens: 200, cachedInputTokens: 400 });
    // 600 x $0.15 + 400 x $0.075 + 200 x $0.60 per 1M tokens
    expect(result.costUsd).toBeCloseTo((600 * 0.15 + 400 * 0.075 + 200 * 0.6) / 1e6, 12);
  });

  it("uses createAI({ prices }) over the defaults, and leaves unknown models at undefined", async () => {
    server.handle((request) => completionReply("ok", (request.body as { model: string }).model, { prompt: 100, completion: 50 }));
    const ai = localAI({ prices: { "local:m": { input: 2, output: 8 }, "openai:gpt-4o-mini": { input: 100, output: 100 } } });
    expect((await ai.chat({ model: "local:m", messages: hi })).costUsd).toBeCloseTo((100 * 2 + 50 * 8) / 1e6, 12);
    // "local" here is an openai-compatible server, so the built-in local provider's zero price does not apply.
    expect((await ai.chat({ model: "local:unpriced", messages: hi })).costUsd).toBeUndefined();
    expect(findPrice({ ...defaultPrices, "openai:gpt-4o-mini": { input: 100 } }, "openai", "gpt-4o-mini")).toEqual({ input: 100 });
    // A built-in model's default price, overridden through createAI.
    const openai = createAI({
      providers: { openai: { apiKey: "sk-costs-0003", baseURL: server.url("/v1"), maxRetries: 0 } },
      prices: { "openai:gpt-4o-mini": { input: 100, output: 100 } },
    });
    expect((await openai.chat({ model: "openai:gpt-4o-mini", messages: hi })).costUsd).toBeCloseTo((100 * 100 + 50 * 100) / 1e6, 12);
  });

  it("never guesses: a missing token count gives an unknown cost", () => {
    expect(costOf({ input: 1, output: 1 }, { inputTokens: 10, outputTokens: undefined })).toBeUndefined();
    expect(costOf({ input: 1 }, { inputTokens: undefined })).toBeUndefined();
    expect(costOf({ input: 1 }, { inputTokens: 1_000_000 })).toBe(1);
    expect(costOf(findPrice(defaultPrices, "ollama", "llama3.1:8b"), { inputTokens: 5, outputTokens: 5 })).toBe(0);
  });

  it("totals requests, tokens and spend per provider and model in ai.usage(), streams and embeddings included", async () => {
    server.handle((request) => {
      const body = request.body as { model: string; stream?: boolean; input?: string[] };
      if (body.input) return embeddingsReply(body.input.map(() => [1, 0]), body.model, 40);
      return body.stream ? streamReply(["o", "k"], body.model, { prompt: 30, completion: 3 }) : completionReply("ok", body.model, { prompt: 100, completion: 50 });
    });
    const ai = localAI();
    await ai.chat({ model: "local:m", messages: hi });
    for await (const _event of ai.stream({ model: "local:m", messages: hi }));
    await ai.chat({ model: "local:unpriced", messages: hi });
    const embedded = await ai.embed({ model: "local:e", input: ["a", "b"] });
    expect(embedded.costUsd).toBeCloseTo((40 * 0.5) / 1e6, 12);

    const usage = ai.usage();
    expect(usage.byModel["local:m"]).toEqual({ requests: 2, cacheHits: 0, inputTokens: 130, outputTokens: 53, costUsd: expect.closeTo((130 * 2 + 53 * 8) / 1e6, 12) as number, unpricedRequests: 0 });
    expect(usage.byModel["local:unpriced"]).toMatchObject({ requests: 1, costUsd: 0, unpricedRequests: 1 });
    expect(usage.byProvider.local).toMatchObject({ requests: 4, inputTokens: 270, outputTokens: 103, unpricedRequests: 1 });
    expect(usage.costUsd).toBeCloseTo((130 * 2 + 53 * 8 + 40 * 0.5) / 1e6, 12);
    usage.byModel["local:m"]!.requests = 99;
    expect(ai.usage().byModel["local:m"]!.requests).toBe(2);
  });

  it("checks prices when createAI runs", () => {
    expect(() => localAI({ prices: { "local:m": { input: -1 } } })).toThrow(ConfigError);
    expect(() => localAI({ prices: { nocolon: { input: 1 } } })).toThrow(/"provider:model-id" or "provider:\*"/);
  });
});

describe("budget", () => {
  it("refuses requests before sending them once the spend reached maxUsd", async () => {
    server.handle(() => completionReply("ok", "m", { prompt: 2_500, completion: 0 }));
    const ai = localAI({ budget: { maxUsd: 0.01, onExceed: "throw" } });
    await ai.chat({ model: "local:m", messages: hi }); // $0.005
    await ai.chat({ model: "local:m", messages: hi }); // $0.010: the limit is reached
    const refused = await ai.chat({ model: "local:m", messages: hi }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BudgetExceededError);
    expect(AIError.isInstance(refused)).toBe(true);
    expect(refused).toMatchObject({ code: "budget_exceeded", isRetryable: false, maxUsd: 0.01 });
    expect((refused as Error).message).toBe(
      "The AI budget of $0.01 is used up ($0.010000 spent), so the request to local:m was not sent; raise budget.maxUsd to continue.",
    );
    await expect(ai.embed({ model: "local:e", input: ["a"] })).rejects.toBeInstanceOf(BudgetExceededError);
    expect(() => ai.stream({ model: "local:m", messages: hi })).not.toThrow();
    await expect((async () => {
      for await (const _event of ai.stream({ model: "local:m", messages: hi }));
    })()).rejects.toBeInstanceOf(BudgetExceededError);
    expect(server.requests).toHaveLength(2);
  });

  it("is not a reason to fall back, and checks its settings", async () => {
    server.handle(() => completionReply("ok", "m", { prompt: 10_000, completion: 0 }));
    const ai = localAI({ budget: { maxUsd: 0 }, fallbacks: { "local:m": ["local:other"] } });
    const refused = ai.chat({ model: "local:m", messages: hi });
    await expect(refused).rejects.toBeInstanceOf(BudgetExceededError);
    // Refused for the model asked for, not after a fallback to local:other.
    await expect(refused).rejects.toThrow(/so the request to local:m was not sent/);
    expect(server.requests).toHaveLength(0);
    expect(() => localAI({ budget: { maxUsd: -1 } })).toThrow(/budget.maxUsd must be a number/);
    expect(() => localAI({ budget: { maxUsd: 1, onExceed: "warn" as "throw" } })).toThrow(/onExceed must be "throw"/);
  });
});
