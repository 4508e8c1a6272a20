// OpenAI Chat Completions / Embeddings wire-format replies for the routing tests (loopback servers behind the
// `openai-compatible` driver), as documented in OpenAI's API reference.
import type { LoopbackReply } from "../support/loopback-server.js";

export interface WireUsage {
  prompt: number;
  completion: number;
  cached?: number;
}

/** A `chat.completion` body. */
export function completionReply(text: string, model: string, usage: WireUsage = { prompt: 10, completion: 5 }): LoopbackReply {
  return {
    headers: { "x-request-id": `req_${model}` },
    json: {
      id: `chatcmpl-${model}`,
      object: "chat.completion",
      created: 1_700_000_000,
      model,
      choices: [{ index: 0, message: { role: "assistant", content: text }, logprobs: null, finish_reason: "stop" }],
      usage: {
        prompt_tokens: usage.prompt,
        completion_tokens: usage.completion,
        total_tokens: usage.prompt + usage.completion,
        ...(usage.cached === undefined ? {} : { prompt_tokens_details: { cached_tokens: usage.cached } }),
      },
    },
  };
}

/** A streamed `chat.completion.chunk` sequence: role, one delta per piece, the finish chunk, the usage chunk, `[DONE]`. */
export function streamReply(pieces: string[], model: string, usage: WireUsage = { prompt: 10, completion: 5 }): LoopbackReply {
  const chunk = (delta: Record<string, unknown>, finishReason: string | null) => ({
    data: { id: "chatcmpl-s", object: "chat.completion.chunk", created: 1_700_000_000, model, choices: [{ index: 0, delta, finish_reason: finishReason }] },
  });
  return {
    sse: [
      chunk({ role: "assistant", content: "" }, null),
      ...pieces.map((piece) => chunk({ content: piece }, null)),
      chunk({}, "stop"),
      {
        data: {
          id: "chatcmpl-s",
          object: "chat.completion.chunk",
          created: 1_700_000_000,
          model,
          choices: [],
          usage: { prompt_tokens: usage.prompt, completion_tokens: usage.completion, total_tokens: usage.prompt + usage.completion },
        },
      },
      "data: [DONE]\n\n",
    ],
  };
}

/** An embeddings `list` body with the given vectors. */
export function embeddingsReply(vectors: number[][], model: string, promptTokens = vectors.length): LoopbackReply {
  return {
    json: {
      object: "list",
      data: vectors.map((embedding, index) => ({ object: "embedding", index, embedding })),
      model,
      usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
    },
  };
}

/** An OpenAI error body with a status. */
export function errorReply(status: number, message: string, type = "server_error", code: string | null = null): LoopbackReply {
  return { status, json: { error: { message, type, param: null, code } } };
}
