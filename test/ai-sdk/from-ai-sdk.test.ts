// fromAISDK with the real `@ai-sdk/openai` package: our createAI calls through an AI SDK model pointed at a
// loopback server speaking OpenAI's Chat Completions and Embeddings wire format. Asserts the request the server
// got (what the AI SDK model sent for our options) and what we parsed from the reply.
import { createOpenAI } from "@ai-sdk/openai";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { fromAISDK, aiSdkChatModel } from "../../src/ai-sdk.js";
import { createAI } from "../../src/ai/create-ai.js";
import { AuthenticationError, ConfigError, RateLimitError, UnsupportedCapabilityError } from "../../src/spec/errors/index.js";
import { startLoopbackServer, type LoopbackReply, type RecordedRequest } from "../support/loopback-server.js";

const server = await startLoopbackServer();
afterAll(() => server.close());
beforeEach(() => server.reset());

const apiKey = "sk-aisdk-test-secret-0001";
const openai = createOpenAI({ baseURL: server.url("/v1"), apiKey });

interface ChatBody {
  model: string;
  messages: Array<Record<string, unknown>>;
  temperature?: number;
  max_tokens?: number;
  tools?: Array<{ type: string; function: { name: string; description?: string; parameters: unknown } }>;
  tool_choice?: unknown;
  response_format?: { type: string; json_schema?: { name: string; schema: unknown; strict?: boolean } };
  stream?: boolean;
}
const body = (request: RecordedRequest | undefined) => request!.body as ChatBody;

function completion(message: Record<string, unknown>, finishReason = "stop"): LoopbackReply {
  return {
    headers: { "x-request-id": "req_loop_1" },
    json: {
      id: "chatcmpl-loop-1",
      object: "chat.completion",
      created: 1_700_000_000,
      model: "gpt-4o-mini-2024-07-18",
      choices: [{ index: 0, message: { role: "assistant", ...message }, finish_reason: finishReason }],
      usage: { prompt_tokens: 21, completion_tokens: 5, total_tokens: 26 },
    },
  };
}

const ai = () =>
  createAI({
    providers: {
      mine: fromAISDK({ chat: openai.chat("gpt-4o-mini"), embedding: openai.embedding("text-embedding-3-small") }),
      backup: fromAISDK({ chat: { fast: openai.chat("gpt-4.1-nano") } }),
    },
    fallbacks: { "mine:any": ["backup:fast"] },
  });

describe("fromAISDK: createAI over @ai-sdk/openai models", () => {
  it("chat: our messages and settings reach the wire as Chat Completions, the reply is parsed", async () => {
    server.reply(completion({ content: "Bonjour !" }));
    const reply = await ai().chat({
      model: "mine:any",
      messages: [
        { role: "system", content: "Answer in French." },
        { role: "user", content: "Hello" },
      ],
      temperature: 0,
      maxOutputTokens: 50,
    });
    expect(server.requests).toHaveLength(1);
    const request = server.requests[0]!;
    expect(request.path).toBe("/v1/chat/completions");
    expect(request.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(body(request)).toMatchObject({
      model: "gpt-4o-mini",
      messages: [
        { role: "system", content: "Answer in French." },
        { role: "user", content: "Hello" },
      ],
      temperature: 0,
      max_tokens: 50,
    });
    expect(reply).toMatchObject({
      text: "Bonjour !",
      provider: "mine",
      model: "gpt-4o-mini",
      finishReason: "stop",
      usage: { inputTokens: 21, outputTokens: 5, totalTokens: 26 },
      response: { id: "chatcmpl-loop-1", modelId: "gpt-4o-mini-2024-07-18" },
      message: { role: "assistant", content: "Bonjour !" },
      failedAttempts: [],
    });
  });

  it("tools: our tool definitions go out as functions, the tool call comes back parsed, the tool result goes back", async () => {
    server.reply(
      completion({ content: null, tool_calls: [{ id: "call_9", type: "function", function: { name: "weather", arguments: '{"city":"Paris"}' } }] }, "tool_calls"),
      completion({ content: "It is sunny in Paris." }),
    );
    const core = ai();
    const tools = [{ name: "weather", description: "Weather of a city", parameters: z.object({ city: z.string() }) }];
    const messages = [{ role: "user" as const, content: "Weather in Paris?" }];
    const first = await core.chat({ model: "mine:any", messages, tools, toolChoice: "required" });
    expect(first.finishReason).toBe("tool-calls");
    expect(first.toolCalls).toEqual([{ toolCallId: "call_9", toolName: "weather", input: { city: "Paris" } }]);
    expect(body(server.requests[0]).tools).toEqual([
      { type: "function", function: { name: "weather", description: "Weather of a city", parameters: expect.objectContaining({ type: "object", properties: { city: { type: "string" } }, required: ["city"] }) } },
    ]);
    expect(body(server.requests[0]).tool_choice).toBe("required");

    const second = await core.chat({
      model: "mine:any",
      messages: [...messages, first.message, { role: "tool", toolCallId: "call_9", toolName: "weather", result: { sky: "sunny" } }],
      tools,
    });
    expect(second.text).toBe("It is sunny in Paris.");
    expect(body(server.requests[1]).messages.slice(1)).toEqual([
      { role: "assistant", content: null, tool_calls: [{ id: "call_9", type: "function", function: { name: "weather", arguments: '{"city":"Paris"}' } }] },
      { role: "tool", tool_call_id: "call_9", content: '{"sky":"sunny"}' },
    ]);
  });

  it("generateObject and ai.extract: the schema goes out as response_format json_schema, the object is validated", async () => {
    server.reply(completion({ content: '{"name":"Ada","email":null}' }));
    const result = await ai().extract({ model: "mine:any", text: "Ada wrote this.", fields: ["name", "email"] });
    expect(result.object).toEqual({ name: "Ada", email: null });
    expect(body(server.requests[0]).response_format).toMatchObject({
      type: "json_schema",
      json_schema: { name: "extraction", schema: { type: "object", required: ["name", "email"] } },
    });
  });

  it("stream: SSE chunks become text deltas and a finish with usage", async () => {
    const chunk = (delta: Record<string, unknown>, finish: string | null = null, usage?: unknown) => ({
      data: { id: "chatcmpl-s", object: "chat.completion.chunk", created: 1, model: "gpt-4o-mini", choices: finish === "none" ? [] : [{ index: 0, delta, finish_reason: finish }], ...(usage ? { usage } : {}) },
    });
    server.reply({
      sse: [chunk({ role: "assistant", content: "" }), chunk({ content: "Hel" }), chunk({ content: "lo" }), chunk({}, "stop"), chunk({}, "none", { prompt_tokens: 3, completion_tokens: 2 }), "data: [DONE]\n\n"],
    });
    const events = [];
    for await (const event of ai().stream({ model: "mine:any", messages: [{ role: "user", content: "Hi" }] })) events.push(event);
    expect(body(server.requests[0]).stream).toBe(true);
    expect(events.filter((event) => event.type === "text-delta").map((event) => event.delta)).toEqual(["Hel", "lo"]);
    expect(events.at(-1)).toMatchObject({ type: "finish", finishReason: "stop", usage: { inputTokens: 3, outputTokens: 2 }, message: { content: "Hello" } });
  });

  it("embed: inputs and dimensions reach /v1/embeddings, vectors come back in order", async () => {
    server.reply({
      json: {
        object: "list",
        data: [
          { object: "embedding", index: 0, embedding: [0.1, 0.2, 0.3] },
          { object: "embedding", index: 1, embedding: [0.4, 0.5, 0.6] },
        ],
        model: "text-embedding-3-small",
        usage: { prompt_tokens: 4, total_tokens: 4 },
      },
    });
    const result = await ai().embed({ model: "mine:any", input: ["first", "second"], dimensions: 3 });
    expect(server.requests[0]!.path).toBe("/v1/embeddings");
    expect(server.requests[0]!.body).toMatchObject({ model: "text-embedding-3-small", input: ["first", "second"], dimensions: 3 });
    expect(result).toMatchObject({ embeddings: [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]], usage: { inputTokens: 4 }, provider: "mine", model: "text-embedding-3-small" });
  });

  it("a 429 becomes our RateLimitError and the fallback answers; a 401 is an AuthenticationError without the key", async () => {
    server.reply(
      { status: 429, headers: { "retry-after": "2" }, json: { error: { message: "Rate limit reached", type: "requests", code: "rate_limit_exceeded" } } },
      completion({ content: "from the backup" }),
    );
    const reply = await ai().chat({ model: "mine:any", messages: [{ role: "user", content: "Hi" }] });
    expect(reply).toMatchObject({ text: "from the backup", provider: "backup", model: "gpt-4.1-nano" });
    expect(reply.failedAttempts![0]!.error).toBeInstanceOf(RateLimitError);
    expect(reply.failedAttempts![0]!.error).toMatchObject({ isRetryable: true, status: 429, retryAfterMs: 2_000 });
    expect(body(server.requests[1]).model).toBe("gpt-4.1-nano");

    server.reply({ status: 401, json: { error: { message: "Incorrect API key provided", type: "invalid_request_error", code: "invalid_api_key" } } });
    const failure = await createAI({ providers: { mine: fromAISDK({ chat: openai.chat("gpt-4o-mini") }) } })
      .chat({ model: "mine:any", messages: [{ role: "user", content: "Hi" }] })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AuthenticationError);
    expect((failure as AuthenticationError).isRetryable).toBe(false);
    expect(JSON.stringify({ ...(failure as object), message: (failure as Error).message })).not.toContain(apiKey);
  });

  it("a model object works without a provider entry; unknown ids and bad input are clear errors", async () => {
    server.reply(completion({ content: "direct" }));
    expect((await createAI().chat({ model: aiSdkChatModel(openai.chat("gpt-4o-mini")), messages: [{ role: "user", content: "Hi" }] })).text).toBe("direct");
    await expect(ai().chat({ model: "backup:slow", messages: [{ role: "user", content: "Hi" }] })).rejects.toThrow(
      new UnsupportedCapabilityError({ provider: "backup", capability: "chat", model: "slow", message: 'Provider "backup" (fromAISDK) has no chat model "slow"; use one of "backup:fast".' }),
    );
    await expect(ai().embed({ model: "backup:fast", input: "x" })).rejects.toBeInstanceOf(UnsupportedCapabilityError);
    expect(() => fromAISDK({})).toThrow(ConfigError);
    expect(() => fromAISDK({ chat: { id: "gpt-4o" } as never })).toThrow(/must be an AI SDK language model/);
  });
});
