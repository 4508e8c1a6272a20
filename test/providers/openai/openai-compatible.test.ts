import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createAI } from "../../../src/ai/create-ai.js";
import { ConfigError } from "../../../src/spec/errors/index.js";
import { startLoopbackServer } from "../../support/loopback-server.js";
import { describeChatCompletionsConformance } from "./chat-completions-conformance.js";
import { chatCompletion } from "./openai-fixtures.js";
import { collect } from "../../support/collect.js";

const server = await startLoopbackServer();
afterAll(() => server.close());
beforeEach(() => server.reset());

describeChatCompletionsConformance({
  server,
  model: "vllm:meta-llama/Llama-3.1-8B-Instruct",
  chatPath: "/v1/chat/completions",
  apiKey: undefined,
  keyHint: "apiKey setting of the vllm provider",
  makeAI: (settings, delays) =>
    createAI({ providers: { vllm: { driver: "openai-compatible", baseURL: server.url("/v1"), retry: { sleep: async (ms: number) => void delays.push(ms) }, ...settings } } }),
});

describe("openai-compatible", () => {
  it("requires a baseURL, naming the provider", () => {
    expect(() => createAI({ providers: { "openai-compatible": {} } })).toThrow(ConfigError);
    expect(() => createAI({ providers: { "openai-compatible": {} } })).toThrow(/The openai-compatible provider needs a baseURL/);
  });

  it("sends max_tokens, the optional key, and json_schema structured output", async () => {
    server.reply({ json: chatCompletion({ content: '{"ok":true}' }) });
    const ai = createAI({ providers: { together: { driver: "openai-compatible", baseURL: server.url("/v1"), apiKey: "tg-key-123456" } } });
    const result = await ai.generateObject({ model: "together:mistralai/Mixtral-8x7B", messages: [{ role: "user", content: "ok?" }], schema: z.object({ ok: z.boolean() }), maxOutputTokens: 20 });
    expect(result).toMatchObject({ object: { ok: true }, provider: "together", model: "mistralai/Mixtral-8x7B" });
    expect(server.requests[0]!.headers.authorization).toBe("Bearer tg-key-123456");
    expect(server.requests[0]!.body).toMatchObject({ max_tokens: 20, response_format: { type: "json_schema", json_schema: { name: "response", strict: true } } });
  });

  it("keeps whole tool calls apart that Ollama's /v1 streams all under index 0, each with its own id", async () => {
    // The shape of ollama/ollama#15457: every call whole in its own chunk, `index: 0` on each.
    const chunk = (toolCall: Record<string, unknown>, finishReason: string | null = null) =>
      ({ data: { id: "chatcmpl-94", object: "chat.completion.chunk", created: 1764870000, model: "qwen2.5-coder:7b", system_fingerprint: "fp_ollama", choices: [{ index: 0, delta: { role: "assistant", content: "", tool_calls: [toolCall] }, finish_reason: finishReason }] } });
    server.reply({
      sse: [
        chunk({ id: "call_a1", index: 0, type: "function", function: { name: "file_write", arguments: '{"filePath":"hello.py"}' } }),
        chunk({ id: "call_b2", index: 0, type: "function", function: { name: "file_write", arguments: '{"filePath":"world.py"}' } }),
        { data: { id: "chatcmpl-94", object: "chat.completion.chunk", created: 1764870000, model: "qwen2.5-coder:7b", choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: "tool_calls" }] } },
        "data: [DONE]\n\n",
      ],
    });
    const ai = createAI({ providers: { ollama: { driver: "openai-compatible", baseURL: server.url("/v1") } } });
    const events = await collect(ai.stream({ model: "ollama:qwen2.5-coder:7b", messages: [{ role: "user", content: "Write both files." }], tools: [{ name: "file_write", parameters: { type: "object" } }] }));
    expect(events.filter((event) => event.type === "tool-call")).toEqual([
      { type: "tool-call", toolCallId: "call_a1", toolName: "file_write", input: { filePath: "hello.py" } },
      { type: "tool-call", toolCallId: "call_b2", toolName: "file_write", input: { filePath: "world.py" } },
    ]);
  });

  it("embeds through /embeddings in one batch", async () => {
    server.reply({ json: { object: "list", data: [{ object: "embedding", index: 0, embedding: [1, 0] }, { object: "embedding", index: 1, embedding: [0, 1] }], model: "bge", usage: { prompt_tokens: 4, total_tokens: 4 } } });
    const ai = createAI({ providers: { local: { driver: "openai-compatible", baseURL: server.url("/v1") } } });
    const result = await ai.embed({ model: "local:BAAI/bge-small-en", input: ["a", "b"] });
    expect(server.requests[0]).toMatchObject({ path: "/v1/embeddings", body: { model: "BAAI/bge-small-en", input: ["a", "b"] } });
    expect(result.embeddings).toEqual([[1, 0], [0, 1]]);
  });
});
