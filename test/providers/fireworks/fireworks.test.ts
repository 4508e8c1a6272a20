// Fireworks AI against the loopback server speaking its OpenAI-compatible Chat Completions and Embeddings formats.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createAI } from "../../../src/ai/create-ai.js";
import { startLoopbackServer } from "../../support/loopback-server.js";
import { describeChatCompletionsConformance } from "../openai/chat-completions-conformance.js";
import { chatCompletion, errorReply, textStream } from "../openai/openai-fixtures.js";
import { describeFailureConformance } from "../shared/provider-failure-conformance.js";

const apiKey = "fw_loopbacktestkey0123456789";
const server = await startLoopbackServer();
afterAll(() => server.close());
beforeEach(() => server.reset());

const fireworks = (settings: Record<string, unknown> = {}, delays: number[] = []) =>
  createAI({ providers: { fireworks: { apiKey, baseURL: server.url("/inference/v1"), retry: { sleep: async (ms: number) => void delays.push(ms) }, ...settings } } });
const model = "fireworks:accounts/fireworks/models/llama-v3p1-8b-instruct";
const hi = [{ role: "user" as const, content: "Hi" }];

describeChatCompletionsConformance({ server, model, chatPath: "/inference/v1/chat/completions", apiKey, keyHint: "FIREWORKS_API_KEY", makeAI: fireworks });
describeFailureConformance({
  server,
  model,
  apiKey,
  keyHint: "FIREWORKS_API_KEY",
  makeAI: fireworks,
  chatReply: (text) => ({ json: chatCompletion({ content: text }) }),
  streamReply: { sse: textStream },
  errorReply: (status, message, headers) => ({ status, headers: headers ?? {}, json: { error: { object: "error", type: "invalid_request_error", message } } }),
});

describe("fireworks", () => {
  it("asks for json_schema structured output and reads reasoning_content", async () => {
    server.reply({ json: chatCompletion({ content: '{"city":"Oslo"}', reasoning_content: "Norway's capital." }) });
    const result = await fireworks().generateObject({ model, messages: hi, schema: z.object({ city: z.string() }) });
    expect(result.object).toEqual({ city: "Oslo" });
    expect(server.requests[0]!.body).toMatchObject({ model: "accounts/fireworks/models/llama-v3p1-8b-instruct", response_format: { type: "json_schema" } });
    server.reply({ json: chatCompletion({ content: "Oslo", reasoning_content: "Norway's capital." }) });
    expect(await fireworks().chat({ model, messages: hi })).toMatchObject({ text: "Oslo", reasoning: "Norway's capital." });
  });

  it("embeds with dimensions (Matryoshka) through /embeddings, and maps errors", async () => {
    server.reply({ json: { object: "list", data: [{ object: "embedding", index: 0, embedding: [0.5, 0.5] }], model: "nomic-ai/nomic-embed-text-v1.5", usage: { prompt_tokens: 3, total_tokens: 3 } } });
    const result = await fireworks().embed({ model: "fireworks:nomic-ai/nomic-embed-text-v1.5", input: ["a"], dimensions: 2 });
    expect(server.requests[0]).toMatchObject({ path: "/inference/v1/embeddings", body: { model: "nomic-ai/nomic-embed-text-v1.5", input: ["a"], dimensions: 2, encoding_format: "float" } });
    expect(result).toMatchObject({ embeddings: [[0.5, 0.5]], usage: { inputTokens: 3 } });
    expect(result.costUsd).toBeCloseTo(3 * 0.008 / 1_000_000, 15);
    server.reply(errorReply(404, "Model not found, inaccessible, and/or not deployed"));
    await expect(fireworks().embed({ model: "fireworks:nope", input: ["a"] })).rejects.toThrow(/Model not found/);
  });
});
