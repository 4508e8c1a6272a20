// Mistral replies as its API reference documents them (https://docs.mistral.ai/api/), for the loopback server.
import type { LoopbackReply, SseEventSpec } from "../../support/loopback-server.js";

export const mistralUsage = { prompt_tokens: 16, completion_tokens: 34, total_tokens: 50, prompt_tokens_details: { cached_tokens: 8 } };

/** A non-streaming `chat.completion`. */
export function mistralCompletion(message: Record<string, unknown>, finishReason = "stop"): Record<string, unknown> {
  return {
    id: "cmpl-e5cc70bb28c444948073e77776eb30ef",
    object: "chat.completion",
    model: "mistral-small-latest",
    usage: mistralUsage,
    created: 1702256327,
    choices: [{ index: 0, message: { role: "assistant", content: "", tool_calls: null, prefix: false, ...message }, finish_reason: finishReason }],
  };
}

/** One `chat.completion.chunk` event. */
export function mistralChunk(delta: Record<string, unknown>, finishReason: string | null = null, usage?: Record<string, unknown>): SseEventSpec {
  const data: Record<string, unknown> = {
    id: "a1b2c3d4e5f6",
    object: "chat.completion.chunk",
    created: 1702256327,
    model: "mistral-small-latest",
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  };
  if (usage) data.usage = usage;
  return { data };
}

/** "Hello, wörld ☃!" streamed; usage rides on the chunk with the finish reason, then `[DONE]`. */
export const mistralTextStream: Array<SseEventSpec | string> = [
  mistralChunk({ role: "assistant", content: "" }),
  mistralChunk({ content: "Hello, " }),
  mistralChunk({ content: "wörld ☃!" }),
  mistralChunk({ content: "" }, "stop", mistralUsage),
  "data: [DONE]\n\n",
];

/** Mistral streams a tool call whole, in one chunk (id, name and complete arguments). */
export const mistralToolCallStream: Array<SseEventSpec | string> = [
  mistralChunk({ role: "assistant", content: "" }),
  mistralChunk(
    { content: "", tool_calls: [{ id: "D681PevKs", function: { name: "get_weather", arguments: '{"city": "Paris"}' }, index: 0 }] },
    "tool_calls",
    { prompt_tokens: 90, completion_tokens: 22, total_tokens: 112 },
  ),
  "data: [DONE]\n\n",
];

/**
 * A tool-call stream as Mistral really sends it (recorded): the call whole in one chunk, its `tool_calls` entry
 * without `index`, `content: null`, and the finish reason on the same chunk.
 */
export const mistralRecordedToolCallStream: string[] = [
  'data: {"id":"5f3c9e0d6c2a4b0e9a1d2c3b4a5f6e7d","object":"chat.completion.chunk","created":1764870000,"model":"mistral-small-latest","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}\n\n',
  'data: {"id":"5f3c9e0d6c2a4b0e9a1d2c3b4a5f6e7d","object":"chat.completion.chunk","created":1764870000,"model":"mistral-small-latest","choices":[{"delta":{"content":null,"tool_calls":[{"id":"gSIMJiOkT","function":{"name":"weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":70,"total_tokens":86,"completion_tokens":16}}\n\n',
  "data: [DONE]\n\n",
];

/** Mistral's error body: `{"object": "error", "message", "type", "param", "code"}`; 401 is `{"message": "Unauthorized", "request_id"}`. */
export function mistralError(status: number, message: string, headers: Record<string, string> = {}, code: string | null = null): LoopbackReply {
  if (status === 401) return { status, headers, json: { message, request_id: "f0e1d2c3b4a5" } };
  return { status, headers, json: { object: "error", message, type: status === 429 ? "rate_limited" : "invalid_request_error", param: null, code } };
}
