import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createAI } from "../../../src/ai/create-ai.js";
import { UnsupportedCapabilityError } from "../../../src/spec/errors/index.js";
import { startLoopbackServer } from "../../support/loopback-server.js";
import { describeChatCompletionsConformance } from "../openai/chat-completions-conformance.js";
import { chatCompletion, chunk } from "../openai/openai-fixtures.js";

const apiKey = "gsk_loopbacktestkey0123456789";
const server = await startLoopbackServer();
afterAll(() => server.close());
beforeEach(() => server.reset());

const groq = (settings: Record<string, unknown> = {}, delays: number[] = []) =>
  createAI({ providers: { groq: { apiKey, baseURL: server.url("/openai/v1"), retry: { sleep: async (ms: number) => void delays.push(ms) }, ...settings } } });

describeChatCompletionsConformance({ server, model: "groq:llama-3.3-70b-versatile", chatPath: "/openai/v1/chat/completions", apiKey, keyHint: "GROQ_API_KEY", makeAI: groq });

describe("groq", () => {
  it("asks for JSON mode with the schema in a system message, and validates the reply", async () => {
    server.reply({ json: chatCompletion({ content: '{"name":"Ada","age":36}' }) });
    const schema = z.object({ name: z.string(), age: z.number() });
    const result = await groq().generateObject({ model: "groq:llama-3.1-8b-instant", messages: [{ role: "user", content: "Who wrote the first program?" }], schema });
    expect(result.object).toEqual({ name: "Ada", age: 36 });
    const body = server.requests[0]!.body as { response_format: unknown; messages: Array<{ role: string; content: string }> };
    expect(body.response_format).toEqual({ type: "json_object" });
    expect(body.messages[0]!.role).toBe("system");
    expect(body.messages[0]!.content).toContain("JSON");
    expect(JSON.parse(body.messages[0]!.content.split("\n")[1]!)).toEqual({
      type: "object",
      properties: { name: { type: "string" }, age: { type: "number" } },
      required: ["name", "age"],
      additionalProperties: false,
    });
    expect(body.messages[1]).toEqual({ role: "user", content: "Who wrote the first program?" });
  });

  it("reads streaming usage from x_groq", async () => {
    const usage = { prompt_tokens: 11, completion_tokens: 2, total_tokens: 13 };
    server.reply({ sse: [chunk({ content: "Hi" }), chunk({}, "stop", { x_groq: { id: "req_01", usage } }), "data: [DONE]\n\n"] });
    let finish: unknown;
    for await (const event of groq().stream({ model: "groq:llama-3.3-70b-versatile", messages: [{ role: "user", content: "Hi" }] })) if (event.type === "finish") finish = event;
    expect(finish).toMatchObject({ usage: { inputTokens: 11, outputTokens: 2, totalTokens: 13 } });
  });

  it("has no embeddings: UnsupportedCapabilityError before any request", async () => {
    const error = await groq().embed({ model: "groq:any", input: ["a"] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnsupportedCapabilityError);
    expect(error).toMatchObject({ provider: "groq", capability: "embeddings" });
    expect(server.requests).toHaveLength(0);
  });
});
