// fakeAI without a database: the script, streams, tool calls, structured output, embeddings, records and faults.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AuthenticationError, ContextLengthError, ProviderError, RateLimitError, TimeoutError, ConfigError } from "../../src/spec/errors/index.js";
import { fakeAI, fakeEmbedding } from "../../src/testing.js";

const user = (content: string) => [{ role: "user" as const, content }];
const cosine = (left: number[], right: number[]) => left.reduce((sum, value, index) => sum + value * right[index]!, 0);

describe("fakeAI chat", () => {
  it("answers in order, then by matcher before the queue, then with the default reply", async () => {
    const ai = fakeAI().reply("first", { text: "second" });
    ai.replyWhen("weather", "sunny").replyWhen(/^bye/, (call) => `bye from ${call.model}`);
    expect((await ai.chat({ model: "openai:gpt-4o-mini", messages: user("hello") })).text).toBe("first");
    expect((await ai.chat({ model: "openai:gpt-4o-mini", messages: user("what is the weather") })).text).toBe("sunny");
    expect((await ai.chat({ model: "anthropic:claude-haiku-4-5", messages: user("bye now") })).text).toBe("bye from anthropic:claude-haiku-4-5");
    expect((await ai.chat({ model: "openai:gpt-4o-mini", messages: user("again") })).text).toBe("second");
    const fallback = await ai.chat({ model: "fake:any", messages: user("unscripted") });
    expect(fallback).toMatchObject({ text: "fake reply to: unscripted", provider: "fake", model: "any", finishReason: "stop" });
    expect(fallback.usage.totalTokens).toBeGreaterThan(0);
  });

  it("returns scripted tool calls and records the tools it was offered", async () => {
    const ai = fakeAI().reply({ toolCalls: [{ toolName: "search", input: { query: "pasta" } }] });
    const tools = [{ name: "search", description: "Search articles", parameters: z.object({ query: z.string() }) }];
    const reply = await ai.chat({ model: "openai:gpt-4o", messages: user("find pasta"), tools });
    expect(reply.finishReason).toBe("tool-calls");
    expect(reply.toolCalls).toEqual([{ toolCallId: "call_1", toolName: "search", input: { query: "pasta" } }]);
    expect(reply.message).toEqual({ role: "assistant", content: "", toolCalls: reply.toolCalls });
    const [call] = ai.expectCalled("chat", { matching: "find pasta", times: 1 });
    expect(call!.tools).toEqual([{ name: "search", description: "Search articles", inputSchema: expect.objectContaining({ type: "object", required: ["query"] }) }]);
  });

  it("streams a scripted reply word by word, then its tool calls, then finish", async () => {
    const ai = fakeAI().reply({ text: "Hello there world", toolCalls: [{ toolName: "lookup", input: { id: 1 }, toolCallId: "t1" }] });
    const events = [];
    for await (const event of ai.stream({ model: "openai:gpt-4o", messages: user("hi") })) events.push(event);
    expect(events.filter((event) => event.type === "text-delta").map((event) => event.delta)).toEqual(["Hello", " there", " world"]);
    expect(events.find((event) => event.type === "tool-call")).toMatchObject({ toolCallId: "t1", toolName: "lookup", input: { id: 1 } });
    expect(events.at(-1)).toMatchObject({ type: "finish", finishReason: "tool-calls", message: { content: "Hello there world" } });
    ai.expectCalled("stream", { times: 1 });
    ai.expectNotCalled("chat");
  });

  it("answers structured output with the scripted object, or the simplest value the schema allows", async () => {
    const ai = fakeAI().reply({ object: { name: "Ada", age: 36 } });
    const schema = z.object({ name: z.string(), age: z.number() });
    expect((await ai.generateObject({ model: "openai:gpt-4o", messages: user("who"), schema })).object).toEqual({ name: "Ada", age: 36 });
    const defaulted = await ai.generateObject({ model: "openai:gpt-4o", messages: user("who"), schema: z.object({ name: z.string().nullable(), tags: z.array(z.string()), kind: z.enum(["a", "b"]) }) });
    expect(defaulted.object).toEqual({ name: null, tags: [], kind: "a" });
    expect((await ai.classify({ model: "openai:gpt-4o", text: "the soup", labels: ["cooking", "money"] })).label).toBe("cooking");
  });
});

describe("fakeAI embeddings", () => {
  it("are deterministic, unit length, of the requested or the model's native size", async () => {
    const ai = fakeAI({ dimensions: 32 });
    const first = await ai.embed({ model: "openai:text-embedding-3-small", input: ["pasta recipes", "pasta recipes"], dimensions: 64 });
    expect(first.embeddings[0]).toEqual(first.embeddings[1]);
    expect(first.embeddings[0]).toHaveLength(64);
    expect(cosine(first.embeddings[0]!, first.embeddings[0]!)).toBeCloseTo(1, 10);
    expect((await ai.embed({ model: "openai:text-embedding-3-small", input: "x" })).embeddings[0]).toHaveLength(1536);
    expect((await ai.embed({ model: "fake:unknown-model", input: "x" })).embeddings[0]).toHaveLength(32);
    expect(fakeEmbedding("", 8)).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("put texts about the same things closer than unrelated texts", () => {
    const vector = (text: string) => fakeEmbedding(text, 256);
    const query = vector("italian pasta recipe");
    const pasta = cosine(query, vector("Fresh egg pasta recipes from Italy"));
    const sauce = cosine(query, vector("A recipe for tomato sauce"));
    const finance = cosine(query, vector("Saving money for an emergency fund"));
    expect(pasta).toBeGreaterThan(sauce);
    expect(sauce).toBeGreaterThan(finance);
    expect(Math.abs(finance)).toBeLessThan(0.25);
  });

  it("records each call with its values, dimensions and input type", async () => {
    const ai = fakeAI();
    await ai.embed({ model: "cohere:embed-v4.0", input: ["a", "b"], inputType: "query", dimensions: 8 });
    expect(ai.calls("embed")).toEqual([
      { kind: "embed", model: "cohere:embed-v4.0", provider: "cohere", modelId: "embed-v4.0", values: ["a", "b"], dimensions: 8, inputType: "query" },
    ]);
    expect(ai.calls()).toHaveLength(1);
    expect(() => ai.expectCalled("embed", { matching: "zzz" })).toThrow(/expected at least one embed call \(matching zzz\), found 0; embed calls seen \(last 1 of 1\):\n {2}cohere:embed-v4.0 \["a","b"\]/);
    expect(() => ai.expectNotCalled("embed", { model: "cohere" })).toThrow(/expected no embed call \(model cohere\), found 1/);
    ai.reset();
    expect(ai.calls()).toEqual([]);
  });
});

describe("fakeAI faults", () => {
  it("throws the real error classes, with isRetryable as the HTTP layer sets it", async () => {
    const ai = fakeAI();
    const failures: unknown[] = [];
    for (const fault of ["rate-limit", "timeout", "server-error", "authentication", "context-length"] as const) {
      ai.failNext("chat", fault);
      failures.push(await ai.chat({ model: "openai:gpt-4o", messages: user("hi") }).catch((error: unknown) => error));
    }
    expect(failures[0]).toBeInstanceOf(RateLimitError);
    expect(failures[1]).toBeInstanceOf(TimeoutError);
    expect(failures[2]).toBeInstanceOf(ProviderError);
    expect(failures[3]).toBeInstanceOf(AuthenticationError);
    expect(failures[4]).toBeInstanceOf(ContextLengthError);
    expect(failures.map((error) => (error as ProviderError).isRetryable)).toEqual([true, true, true, false, false]);
    expect((failures[2] as ProviderError).status).toBe(500);
    // Used up: the next call answers.
    expect((await ai.chat({ model: "openai:gpt-4o", messages: user("hi") })).text).toBe("fake reply to: hi");
  });

  it("drives createAI fallbacks: a rate-limited model is replaced by the next one", async () => {
    const ai = fakeAI({ fallbacks: { "openai:gpt-4o": ["anthropic:claude-sonnet-4-5"] } });
    ai.fail("any", "rate-limit", { model: "openai:gpt-4o" }).reply("from the fallback");
    const reply = await ai.chat({ model: "openai:gpt-4o", messages: user("hi") });
    expect(reply).toMatchObject({ text: "from the fallback", provider: "anthropic", failedAttempts: [{ provider: "openai", model: "gpt-4o", error: expect.any(RateLimitError) }] });
    ai.failNext("embed", "timeout", { model: "openai" });
    await expect(ai.embed({ model: "openai:text-embedding-3-small", input: "x" })).rejects.toBeInstanceOf(TimeoutError);
    ai.recover();
    expect((await ai.chat({ model: "openai:gpt-4o", messages: user("hi") })).provider).toBe("openai");
  });

  it("rejects bad options with a ConfigError", () => {
    expect(() => fakeAI({ dimensions: 0 })).toThrow(ConfigError);
    expect(() => fakeAI().failNext("images" as never, "timeout")).toThrow(/unknown call kind "images"/);
    expect(() => fakeAI().failNext("chat", "timeout", { times: 0 })).toThrow(/times/);
  });
});
