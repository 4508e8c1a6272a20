import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { createAI } from "../../src/ai/create-ai.js";
import { estimateTokens, planBatches } from "../../src/router/embed-batching.js";
import type { ChatCallOptions, ChatModel, ChatResult, ChatStreamEvent } from "../../src/spec/chat-model.js";
import type { EmbedCallOptions, EmbeddingModel } from "../../src/spec/embedding-model.js";
import {
  ConfigError,
  ObjectGenerationError,
  ProviderResponseError,
  UnsupportedCapabilityError,
} from "../../src/spec/errors/index.js";
import type { ProviderDriver, ProviderSettings } from "../../src/spec/provider.js";
import { createUsage } from "../../src/providers/shared/usage.js";

/** A chat model that records its calls and replies with `reply`. */
function fakeChatModel(provider: string, modelId: string, reply: Partial<ChatResult> = {}, capabilities: Partial<ChatModel["capabilities"]> = {}) {
  const calls: ChatCallOptions[] = [];
  const model: ChatModel = {
    provider,
    modelId,
    capabilities: { streaming: true, tools: true, structuredOutput: "json-schema", imageInput: false, ...capabilities },
    async doGenerate(options) {
      calls.push(options);
      return { text: "hello", toolCalls: [], finishReason: "stop", usage: createUsage({ inputTokens: 3, outputTokens: 1 }), raw: {}, response: {}, warnings: [], ...reply };
    },
    async doStream(options) {
      calls.push(options);
      const events: ChatStreamEvent[] = [
        { type: "text-delta", delta: "he" },
        { type: "text-delta", delta: "llo" },
        { type: "finish", finishReason: "stop", usage: createUsage({ inputTokens: 3, outputTokens: 1 }) },
      ];
      return { stream: (async function* () { yield* events; })(), response: {}, warnings: [] };
    },
  };
  return { model, calls };
}

/** An embedding model whose vectors encode the input (`[index in batch, length, ...]`) and that delays at random. */
function fakeEmbeddingModel(options: { maxEmbeddingsPerCall?: number; maxTokensPerCall?: number; width?: number; parallel?: boolean } = {}) {
  const calls: EmbedCallOptions[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const model: EmbeddingModel = {
    provider: "fake",
    modelId: "embed-1",
    maxEmbeddingsPerCall: options.maxEmbeddingsPerCall,
    maxTokensPerCall: options.maxTokensPerCall,
    supportsParallelCalls: options.parallel ?? true,
    async doEmbed(call) {
      calls.push(call);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 15)));
      inFlight--;
      const width = options.width ?? call.dimensions ?? 3;
      return {
        embeddings: call.values.map((value) => [Number(value.replace(/\D/g, "")), ...Array.from({ length: width - 1 }, () => value.length)]),
        usage: { inputTokens: call.values.length },
        raw: {},
        response: { requestId: `req_${calls.length}` },
      };
    },
  };
  return { model, calls, maxInFlight: () => maxInFlight };
}

function driverWith(parts: Partial<ProviderDriver>): ProviderDriver {
  return { name: "fake", ...parts };
}

describe("model strings and providers", () => {
  it("sends the model id after the first colon intact, ':' and '/' included", async () => {
    const seen: string[] = [];
    const ai = createAI().extend("fake", () =>
      driverWith({
        chatModel: (id) => {
          seen.push(id);
          return fakeChatModel("fake", id).model;
        },
      }),
    );
    const reply = await ai.chat({ model: "fake:org/llama-3.1:8b-q4", messages: [{ role: "user", content: "Hi" }] });
    expect(seen).toEqual(["org/llama-3.1:8b-q4"]);
    expect(reply).toMatchObject({ provider: "fake", model: "org/llama-3.1:8b-q4", text: "hello", usage: { inputTokens: 3, outputTokens: 1, totalTokens: 4 } });
  });

  it("rejects an unknown provider with a ConfigError listing the known ones", async () => {
    const ai = createAI().extend("alpha", () => driverWith({})).extend("beta", () => driverWith({}));
    const call = ai.chat({ model: "gamma:x", messages: [{ role: "user", content: "Hi" }] });
    await expect(call).rejects.toBeInstanceOf(ConfigError);
    const message = ((await call.catch((caught: unknown) => caught)) as Error).message;
    expect(message).toMatch(/^Unknown provider "gamma"; known providers: .*\balpha\b.*\bbeta\b.*\bopenai\b/);
    await expect(ai.chat({ model: "no-prefix", messages: [{ role: "user", content: "Hi" }] })).rejects.toThrow(/not a "provider:model-id" string/);
  });

  it("passes the createAI settings of a provider to its extend factory, and validates them eagerly", () => {
    const received: ProviderSettings[] = [];
    const ai = createAI({ providers: { mine: { apiKey: "k-123456", timeoutMs: 5 } } });
    ai.extend("mine", (settings, context) => {
      received.push(settings);
      return driverWith({ name: context.name });
    });
    expect(received).toEqual([{ apiKey: "k-123456", timeoutMs: 5 }]);
    expect(ai.providers()).toContain("mine");
    expect(() =>
      createAI().extend("strict", () => {
        throw new ConfigError("No API key for the strict provider.");
      }, {}),
    ).toThrow(ConfigError);
    expect(() => createAI().extend("bad:name", () => driverWith({}))).toThrow(/invalid/);
  });

  it("rebuilds the models of a provider registered again, and keeps every field of the driver's result", async () => {
    const first = fakeChatModel("fake", "m", { reasoning: "thought", text: "first" });
    const other = fakeChatModel("other", "m", { text: "other" });
    const ai = createAI()
      .extend("fake", () => driverWith({ chatModel: () => first.model }))
      .extend("other", () => driverWith({ chatModel: () => other.model }));
    const hi = [{ role: "user" as const, content: "Hi" }];
    const reply = await ai.chat({ model: "fake:m", messages: hi });
    expect(reply).toEqual({
      ...(await first.model.doGenerate({ messages: hi })),
      cached: false,
      costUsd: undefined,
      provider: "fake",
      model: "m",
      failedAttempts: [],
      message: { role: "assistant", content: "first" },
    });
    await ai.chat({ model: "other:m", messages: hi });
    const second = fakeChatModel("fake", "m", { text: "second" });
    ai.extend("fake", () => driverWith({ chatModel: () => second.model }));
    expect((await ai.chat({ model: "fake:m", messages: hi })).text).toBe("second");
    expect((await ai.chat({ model: "other:m", messages: hi })).text).toBe("other");
    expect(other.calls).toHaveLength(2);
  });

  it("raises UnsupportedCapabilityError before any call for a capability the provider or model lacks", async () => {
    const chat = fakeChatModel("fake", "m", {}, { tools: false, streaming: false, structuredOutput: "none" });
    const ai = createAI().extend("fake", () => driverWith({ chatModel: () => chat.model }));
    const messages = [{ role: "user" as const, content: "Hi" }];
    await expect(ai.embed({ model: "fake:e", input: ["a"] })).rejects.toMatchObject({ code: "unsupported_capability", provider: "fake", capability: "embeddings" });
    await expect(ai.image({ model: "fake:i", prompt: "x" })).rejects.toBeInstanceOf(UnsupportedCapabilityError);
    await expect(ai.moderate({ model: "fake:m", input: "x" })).rejects.toMatchObject({ capability: "moderation" });
    await expect(
      ai.chat({ model: "fake:m", messages, tools: [{ name: "get_weather", parameters: z.object({ city: z.string() }) }] }),
    ).rejects.toMatchObject({ capability: "tools", model: "m" });
    expect(() => ai.stream({ model: "fake:m", messages })).toThrow(UnsupportedCapabilityError);
    await expect(ai.generateObject({ model: "fake:m", messages, schema: z.object({}) })).rejects.toMatchObject({ capability: "structured-output" });
    await expect(
      ai.chat({ model: "fake:m", messages: [{ role: "user", content: [{ type: "image", image: "https://x/y.png" }] }] }),
    ).rejects.toMatchObject({ capability: "image-input" });
    expect(chat.calls).toHaveLength(0);
  });
});

describe("built-in provider settings", () => {
  it("are typed by each factory and checked when createAI runs", () => {
    // @ts-expect-error apiKey is a string
    expect(() => createAI({ providers: { groq: { apiKey: 1 } } })).toThrow(ConfigError);
    // @ts-expect-error structuredOutput is "json-schema" | "json"
    expect(() => createAI({ providers: { "openai-compatible": { baseURL: "http://127.0.0.1:1/v1", structuredOutput: "xml", maxEmbeddingsPerCall: 0 } } })).toThrow(
      /maxEmbeddingsPerCall must be a whole number/,
    );
    expect(() => createAI({ providers: { mine: { driver: "nope" } } })).toThrow(/uses driver "nope", which is not a built-in/);
    const ai = createAI({ providers: { openai: { apiKey: "sk-x-123456", organization: "org-1" }, local: { driver: "openai-compatible", baseURL: "http://127.0.0.1:1/v1" } } });
    expect(ai.providers()).toEqual(expect.arrayContaining(["openai", "openai-compatible", "groq", "huggingface", "local"]));
  });
});

describe("ai.chat, ai.stream and ai.generateObject", () => {
  it("converts zod tool parameters to JSON Schema for the driver", async () => {
    const chat = fakeChatModel("fake", "m");
    const ai = createAI().extend("fake", () => driverWith({ chatModel: () => chat.model }));
    await ai.chat({
      model: "fake:m",
      messages: [{ role: "user", content: "Weather in Paris?" }],
      temperature: 0,
      tools: [
        { name: "get_weather", description: "Current weather", parameters: z.object({ city: z.string() }) },
        { name: "raw", parameters: { type: "object", properties: { n: { type: "number" } } }, strict: true },
      ],
      toolChoice: "required",
    });
    const [call] = chat.calls;
    expect(call).toMatchObject({ temperature: 0, toolChoice: "required" });
    expect(call!.tools).toEqual([
      {
        name: "get_weather",
        description: "Current weather",
        inputSchema: { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false },
      },
      { name: "raw", inputSchema: { type: "object", properties: { n: { type: "number" } } }, strict: true },
    ]);
    await expect(ai.chat({ model: "fake:m", messages: [{ role: "user", content: "x" }], tools: [{ name: "bad name", parameters: {} }] })).rejects.toThrow(ConfigError);
  });

  it("streams the driver's events", async () => {
    const chat = fakeChatModel("fake", "m");
    const ai = createAI().extend("fake", () => driverWith({ chatModel: () => chat.model }));
    const types: string[] = [];
    let text = "";
    for await (const event of ai.stream({ model: "fake:m", messages: [{ role: "user", content: "Hi" }] })) {
      types.push(event.type);
      if (event.type === "text-delta") text += event.delta;
    }
    expect(types).toEqual(["text-delta", "text-delta", "finish"]);
    expect(text).toBe("hello");
  });

  it("asks for JSON with the schema, validates the reply and types the object", async () => {
    const chat = fakeChatModel("fake", "m", { text: '```json\n{"title":"Hi","tags":["a"]}\n```' });
    const ai = createAI().extend("fake", () => driverWith({ chatModel: () => chat.model }));
    const schema = z.object({ title: z.string(), tags: z.array(z.string()) });
    const result = await ai.generateObject({ model: "fake:m", messages: [{ role: "user", content: "Make one" }], schema, schemaName: "article" });
    expectTypeOf(result.object).toEqualTypeOf<{ title: string; tags: string[] }>();
    expect(result.object).toEqual({ title: "Hi", tags: ["a"] });
    expect(chat.calls[0]!.responseFormat).toEqual({
      type: "json",
      name: "article",
      schema: {
        type: "object",
        properties: { title: { type: "string" }, tags: { type: "array", items: { type: "string" } } },
        required: ["title", "tags"],
        additionalProperties: false,
      },
    });
  });

  it("throws ObjectGenerationError for a reply that is not JSON or does not match", async () => {
    const schema = z.object({ title: z.string() });
    const messages = [{ role: "user" as const, content: "x" }];
    const notJson = createAI().extend("fake", () => driverWith({ chatModel: () => fakeChatModel("fake", "m", { text: "Sure! Here it is" }).model }));
    await expect(notJson.generateObject({ model: "fake:m", messages, schema })).rejects.toMatchObject({ code: "object_generation", text: "Sure! Here it is" });
    const wrong = createAI().extend("fake", () => driverWith({ chatModel: () => fakeChatModel("fake", "m", { text: '{"title":3}' }).model }));
    const error = (await wrong.generateObject({ model: "fake:m", messages, schema }).catch((caught: unknown) => caught)) as ObjectGenerationError;
    expect(error).toBeInstanceOf(ObjectGenerationError);
    expect(error.issues[0]!.path).toEqual(["title"]);
  });
});

describe("ai.embed", () => {
  const inputs = Array.from({ length: 10 }, (_, index) => `text ${index}`);

  it("splits by maxEmbeddingsPerCall, bounds concurrency and returns vectors in input order", async () => {
    const fake = fakeEmbeddingModel({ maxEmbeddingsPerCall: 3 });
    const ai = createAI().extend("fake", () => driverWith({ embeddingModel: () => fake.model }));
    const result = await ai.embed({ model: "fake:embed-1", input: inputs, concurrency: 2, inputType: "query" });
    expect(fake.calls.map((call) => call.values.length)).toEqual([3, 3, 3, 1]);
    expect(fake.calls.every((call) => call.inputType === "query")).toBe(true);
    expect(fake.maxInFlight()).toBeLessThanOrEqual(2);
    expect(result.embeddings.map((vector) => vector[0])).toEqual(inputs.map((_, index) => index));
    expect(result).toMatchObject({ calls: 4, provider: "fake", model: "embed-1", usage: { inputTokens: 10 } });
  });

  it("runs one call at a time for models without parallel calls, and embeds a single string", async () => {
    const fake = fakeEmbeddingModel({ maxEmbeddingsPerCall: 2, parallel: false });
    const ai = createAI().extend("fake", () => driverWith({ embeddingModel: () => fake.model }));
    await ai.embed({ model: "fake:e", input: inputs });
    expect(fake.maxInFlight()).toBe(1);
    const single = await ai.embed({ model: "fake:e", input: "text 7" });
    expect(single.embeddings).toHaveLength(1);
    expect(single.embeddings[0]![0]).toBe(7);
  });

  it("splits by the estimated tokens per call", async () => {
    const fake = fakeEmbeddingModel({ maxTokensPerCall: 10 });
    const ai = createAI().extend("fake", () => driverWith({ embeddingModel: () => fake.model }));
    const long = ["a".repeat(12), "b".repeat(12), "c".repeat(24), "d".repeat(6)]; // 4, 4, 8, 2 estimated tokens
    await ai.embed({ model: "fake:e", input: long });
    expect(fake.calls.map((call) => call.values.map((value) => value[0]))).toEqual([["a", "b"], ["c", "d"]]);
  });

  it("makes no call for no input", async () => {
    const fake = fakeEmbeddingModel();
    const ai = createAI().extend("fake", () => driverWith({ embeddingModel: () => fake.model }));
    expect(await ai.embed({ model: "fake:e", input: [] })).toMatchObject({ embeddings: [], calls: 0 });
    expect(fake.calls).toHaveLength(0);
  });

  it("passes dimensions and rejects vectors of another size instead of truncating them", async () => {
    const fits = fakeEmbeddingModel({ maxEmbeddingsPerCall: 4 });
    const ai = createAI().extend("fake", () => driverWith({ embeddingModel: () => fits.model }));
    const result = await ai.embed({ model: "fake:e", input: inputs, dimensions: 5 });
    expect(fits.calls.every((call) => call.dimensions === 5)).toBe(true);
    expect(result.embeddings.every((vector) => vector.length === 5)).toBe(true);

    const fixed = fakeEmbeddingModel({ width: 8 });
    const mismatch = createAI().extend("fake", () => driverWith({ embeddingModel: () => fixed.model }));
    const error = await mismatch.embed({ model: "fake:e", input: inputs, dimensions: 5 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderResponseError);
    expect((error as Error).message).toContain("returned 8-dimensional vectors but 5 were requested");
  });

  it("rejects a reply with fewer vectors than inputs and stops the other calls", async () => {
    const fake = fakeEmbeddingModel({ maxEmbeddingsPerCall: 2 });
    const broken: EmbeddingModel = {
      ...fake.model,
      async doEmbed(call) {
        const result = await fake.model.doEmbed(call);
        return fake.calls.length === 2 ? { ...result, embeddings: result.embeddings.slice(1) } : result;
      },
    };
    const ai = createAI().extend("fake", () => driverWith({ embeddingModel: () => broken }));
    await expect(ai.embed({ model: "fake:e", input: inputs, concurrency: 1 })).rejects.toThrow(/returned 1 vectors for 2 inputs/);
    expect(fake.calls).toHaveLength(2);
  });
});

describe("planBatches and estimateTokens", () => {
  it("packs consecutive values by count and tokens; an oversized value gets its own batch", () => {
    expect(planBatches(["a", "b", "c", "d", "e"], 2)).toEqual([[0, 2], [2, 4], [4, 5]]);
    expect(planBatches(["x".repeat(40), "y", "z".repeat(400), "w"], Infinity, 20)).toEqual([[0, 2], [2, 3], [3, 4]]);
    expect(planBatches([], 3)).toEqual([]);
  });

  it("counts non-ASCII characters as a token each", () => {
    expect(estimateTokens("")).toBe(1);
    expect(estimateTokens("abcdefghi")).toBe(3);
    expect(estimateTokens("漢字かな")).toBe(4);
  });
});
