// Cohere v2 replies as its API reference documents them (/reference/chat, /reference/chat-stream, /reference/embed).
import type { LoopbackReply, SseEventSpec } from "../../support/loopback-server.js";

export const cohereUsage = { billed_units: { input_tokens: 5, output_tokens: 418 }, tokens: { input_tokens: 71, output_tokens: 418 }, cached_tokens: 2 };

/** A non-streaming /v2/chat reply with `message`. */
export function cohereReply(message: Record<string, unknown>, finishReason = "COMPLETE"): Record<string, unknown> {
  return { id: "c14c80c3-18eb-4519-9460-6c92edd8cfb4", finish_reason: finishReason, message: { role: "assistant", ...message }, usage: cohereUsage };
}

/** A text reply's `message`. */
export function cohereText(text: string): Record<string, unknown> {
  return { content: [{ type: "text", text }] };
}

/** One stream event: `event: <type>` and the JSON data, which repeats the type. */
export function cohereEvent(data: Record<string, unknown> & { type: string }): SseEventSpec {
  return { event: data.type, data };
}

const messageStart = cohereEvent({
  id: "29f14a5a-11de-4cae-9800-25e4747408ea",
  type: "message-start",
  delta: { message: { role: "assistant", content: [], tool_plan: "", tool_calls: [], citations: [] } },
});

export function messageEnd(finishReason = "COMPLETE", usage: Record<string, unknown> = cohereUsage): SseEventSpec {
  return cohereEvent({ type: "message-end", delta: { finish_reason: finishReason, usage } });
}

/** "Hello, wörld ☃!" streamed as Cohere's typed events. */
export const cohereTextStream: SseEventSpec[] = [
  messageStart,
  cohereEvent({ type: "content-start", index: 0, delta: { message: { content: { type: "text", text: "" } } } }),
  cohereEvent({ type: "content-delta", index: 0, delta: { message: { content: { text: "Hello, " } } } }),
  cohereEvent({ type: "content-delta", index: 0, delta: { message: { content: { text: "wörld ☃!" } } } }),
  cohereEvent({ type: "content-end", index: 0 }),
  messageEnd(),
];

/** A tool plan, then `get_weather({"location":"Toronto"})` with its arguments in pieces. */
export const cohereToolCallStream: SseEventSpec[] = [
  messageStart,
  cohereEvent({ type: "tool-plan-delta", delta: { message: { tool_plan: "I will look up " } } }),
  cohereEvent({ type: "tool-plan-delta", delta: { message: { tool_plan: "the weather." } } }),
  cohereEvent({
    type: "tool-call-start",
    index: 0,
    delta: { message: { tool_calls: { id: "get_weather_1byjy32y4hvq", type: "function", function: { name: "get_weather", arguments: "" } } } },
  }),
  cohereEvent({ type: "tool-call-delta", index: 0, delta: { message: { tool_calls: { function: { arguments: '{\n    "location' } } } } }),
  cohereEvent({ type: "tool-call-delta", index: 0, delta: { message: { tool_calls: { function: { arguments: '": "Toronto"\n}' } } } } }),
  cohereEvent({ type: "tool-call-end", index: 0 }),
  messageEnd("TOOL_CALL", { billed_units: { input_tokens: 37, output_tokens: 28 }, tokens: { input_tokens: 913, output_tokens: 83 } }),
];

/** Cohere's error body. */
export function cohereError(status: number, message: string, headers: Record<string, string> = {}): LoopbackReply {
  return { status, headers, json: { id: "0d4c1a9e-7e4b-4c5e-a5d0-4e5b2f1c0a9d", message } };
}
