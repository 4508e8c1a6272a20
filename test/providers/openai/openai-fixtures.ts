// Chat Completions replies as OpenAI documents them (https://platform.openai.com/docs/api-reference/chat), for
// the loopback server. Shared by the openai, openai-compatible, groq and huggingface tests.
import type { LoopbackReply, SseEventSpec } from "../../support/loopback-server.js";

export const usage = { prompt_tokens: 19, completion_tokens: 7, total_tokens: 26, prompt_tokens_details: { cached_tokens: 4, audio_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } };

/** A non-streaming `chat.completion` object. */
export function chatCompletion(message: Record<string, unknown>, finishReason = "stop", model = "gpt-4o-mini-2024-07-18"): Record<string, unknown> {
  return {
    id: "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT",
    object: "chat.completion",
    created: 1741569952,
    model,
    choices: [{ index: 0, message: { role: "assistant", refusal: null, annotations: [], ...message }, logprobs: null, finish_reason: finishReason }],
    usage,
    service_tier: "default",
    system_fingerprint: "fp_06737a9306",
  };
}

/** One `chat.completion.chunk` as an SSE event. */
export function chunk(delta: Record<string, unknown> | null, finishReason: string | null = null, extra: Record<string, unknown> = {}): SseEventSpec {
  return {
    data: {
      id: "chatcmpl-123",
      object: "chat.completion.chunk",
      created: 1694268190,
      model: "gpt-4o-mini-2024-07-18",
      system_fingerprint: "fp_44709d6fcb",
      choices: delta === null ? [] : [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      usage: null,
      ...extra,
    },
  };
}

/** A streamed text reply "Hello, wörld ☃!" with the final usage chunk of `stream_options.include_usage`. */
export const textStream: Array<SseEventSpec | string> = [
  chunk({ role: "assistant", content: "", refusal: null }),
  chunk({ content: "Hello, " }),
  chunk({ content: "wörld ☃!" }),
  chunk({}, "stop"),
  chunk(null, null, { usage }),
  "data: [DONE]\n\n",
];

/** A streamed reply calling `get_weather({"city":"Paris"})` in argument pieces. */
export const toolCallStream: Array<SseEventSpec | string> = [
  chunk({ role: "assistant", content: null, tool_calls: [{ index: 0, id: "call_DdmO9pD3xa9XTPNJ32zg2hcA", type: "function", function: { name: "get_weather", arguments: "" } }], refusal: null }),
  chunk({ tool_calls: [{ index: 0, function: { arguments: '{"ci' } }] }),
  chunk({ tool_calls: [{ index: 0, function: { arguments: 'ty":"Paris"}' } }] }),
  chunk({}, "tool_calls"),
  chunk(null, null, { usage }),
  "data: [DONE]\n\n",
];

/** An OpenAI error body. */
export function errorReply(status: number, message: string, code: string | null = null, headers: Record<string, string> = {}): LoopbackReply {
  return { status, headers, json: { error: { message, type: status === 401 ? "invalid_request_error" : "server_error", param: null, code } } };
}
