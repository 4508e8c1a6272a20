// Messages API replies as Anthropic documents them (https://docs.anthropic.com/en/api/messages and
// .../messages-streaming), for the loopback server.
import type { LoopbackReply, SseEventSpec } from "../../support/loopback-server.js";

export const usage = { input_tokens: 25, cache_creation_input_tokens: 10, cache_read_input_tokens: 40, output_tokens: 12, service_tier: "standard" };

/** A non-streaming `message` object. */
export function message(content: unknown[], stopReason = "end_turn", extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: "msg_013Zva2CMHLNnXjNJJKqJ2EF",
    type: "message",
    role: "assistant",
    model: "claude-sonnet-4-5-20250929",
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage,
    ...extra,
  };
}

/** One event: the SSE `event:` name and a `data:` payload whose `type` repeats it. */
export function event(type: string, data: Record<string, unknown> = {}): SseEventSpec {
  return { event: type, data: { type, ...data } };
}

const messageStart = event("message_start", {
  message: {
    id: "msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY",
    type: "message",
    role: "assistant",
    content: [],
    model: "claude-sonnet-4-5-20250929",
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: 25, cache_creation_input_tokens: 0, cache_read_input_tokens: 40, output_tokens: 1, service_tier: "standard" },
  },
});

/** A streamed text reply "Hello, wörld ☃!" with a ping, as the docs show it. */
export const textStream: SseEventSpec[] = [
  messageStart,
  event("content_block_start", { index: 0, content_block: { type: "text", text: "" } }),
  event("ping"),
  event("content_block_delta", { index: 0, delta: { type: "text_delta", text: "Hello, " } }),
  event("content_block_delta", { index: 0, delta: { type: "text_delta", text: "wörld ☃!" } }),
  event("content_block_stop", { index: 0 }),
  event("message_delta", { delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: 15 } }),
  event("message_stop"),
];

/** Text, then a `get_weather` tool_use block whose input arrives as input_json_delta pieces. */
export const toolUseStream: SseEventSpec[] = [
  messageStart,
  event("content_block_start", { index: 0, content_block: { type: "text", text: "" } }),
  event("content_block_delta", { index: 0, delta: { type: "text_delta", text: "Let me check." } }),
  event("content_block_stop", { index: 0 }),
  event("content_block_start", { index: 1, content_block: { type: "tool_use", id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6", name: "get_weather", input: {} } }),
  event("content_block_delta", { index: 1, delta: { type: "input_json_delta", partial_json: "" } }),
  event("content_block_delta", { index: 1, delta: { type: "input_json_delta", partial_json: '{"city": "Par' } }),
  event("content_block_delta", { index: 1, delta: { type: "input_json_delta", partial_json: 'is"}' } }),
  event("content_block_stop", { index: 1 }),
  event("message_delta", { delta: { stop_reason: "tool_use", stop_sequence: null }, usage: { output_tokens: 89 } }),
  event("message_stop"),
];

/** An Anthropic error reply. */
export function errorReply(status: number, type: string, text: string, headers: Record<string, string> = {}): LoopbackReply {
  return { status, headers: { "request-id": "req_011CSHoEeqs5C35K2UUqR7Fy", ...headers }, json: { type: "error", error: { type, message: text }, request_id: "req_011CSHoEeqs5C35K2UUqR7Fy" } };
}
