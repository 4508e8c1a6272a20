// Ollama replies as its API reference documents them (docs/api.md: /api/chat, /api/embed), for the loopback server.
import type { LoopbackReply } from "../../support/loopback-server.js";

const metrics = { total_duration: 5191566416, load_duration: 2154458, prompt_eval_count: 26, prompt_eval_duration: 383809000, eval_count: 298, eval_duration: 4799921000 };

/** A non-streaming /api/chat reply. */
export function ollamaReply(message: Record<string, unknown>, doneReason = "stop", model = "llama3.2"): Record<string, unknown> {
  return { model, created_at: "2023-12-12T14:13:43.416799Z", message: { role: "assistant", content: "", ...message }, done: true, done_reason: doneReason, ...metrics };
}

/** One line of a streamed /api/chat reply. */
export function ollamaLine(message: Record<string, unknown>, model = "llama3.2"): Record<string, unknown> {
  return { model, created_at: "2023-08-04T08:52:19.385406455-07:00", message: { role: "assistant", ...message }, done: false };
}

/** The last line: `done: true` with the reason and the counts. */
export function ollamaDone(doneReason = "stop", model = "llama3.2"): Record<string, unknown> {
  return { model, created_at: "2023-08-04T19:22:45.499127Z", message: { role: "assistant", content: "" }, done: true, done_reason: doneReason, ...metrics };
}

/** "Hello, wörld ☃!" in NDJSON lines. */
export const ollamaTextStream: unknown[] = [ollamaLine({ content: "Hello, " }), ollamaLine({ content: "wörld ☃!" }), ollamaDone()];

/** Ollama sends each tool call whole, with arguments as an object, in a `done: false` line. */
export const ollamaToolCallStream: unknown[] = [
  ollamaLine({ content: "", tool_calls: [{ function: { name: "get_weather", arguments: { city: "Paris" } } }] }, "qwen3"),
  ollamaDone("stop", "qwen3"),
];

/** Ollama's error body. */
export function ollamaError(status: number, message: string, headers: Record<string, string> = {}): LoopbackReply {
  return { status, headers, json: { error: message } };
}
