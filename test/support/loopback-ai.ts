// An AI core for extension tests: createAI() with the built-in "openai" provider pointed at a loopback server
// speaking OpenAI's wire format (POST /v1/embeddings, POST /v1/chat/completions).
// The server answers embeddings with vectors the test chooses per text (so rankings are unambiguous) and chat
// with a reply the test computes from the prompt. Every request is recorded for assertions.
import { createAI, type AI } from "../../src/ai/create-ai.js";
import { startLoopbackServer, type LoopbackServer, type RecordedRequest } from "./loopback-server.js";

export interface LoopbackAIOptions {
  /** The vector for one text (the server fails the request, visibly, when this throws). */
  vectorOf(text: string, dimensions: number | undefined): number[];
  /** The chat reply for a prompt (the server answers 400 when this throws). Default: `summary of <first 20 characters>`. */
  reply?(prompt: string): string;
}

export interface LoopbackAI {
  ai: AI;
  server: LoopbackServer;
  /** Requests to /v1/embeddings so far. */
  embeddingRequests(): RecordedRequest[];
  /** Requests to /v1/chat/completions so far. */
  chatRequests(): RecordedRequest[];
  close(): Promise<void>;
}

interface EmbeddingsBody {
  model: string;
  input: string[];
  dimensions?: number;
}

interface ChatBody {
  model: string;
  messages: Array<{ role: string; content: string }>;
}

export async function startLoopbackAI(options: LoopbackAIOptions): Promise<LoopbackAI> {
  const server = await startLoopbackServer((request) => {
    if (request.method === "POST" && request.path === "/v1/embeddings") {
      const body = request.body as EmbeddingsBody;
      try {
        const data = body.input.map((text, index) => ({ object: "embedding", index, embedding: options.vectorOf(text, body.dimensions) }));
        return { json: { object: "list", data, model: body.model, usage: { prompt_tokens: body.input.length, total_tokens: body.input.length } } };
      } catch (error) {
        return { status: 400, json: { error: { message: (error as Error).message, type: "invalid_request_error" } } };
      }
    }
    if (request.method === "POST" && request.path === "/v1/chat/completions") {
      const body = request.body as ChatBody;
      const prompt = body.messages.at(-1)?.content ?? "";
      let text: string;
      try {
        text = options.reply ? options.reply(prompt) : `summary of ${prompt.slice(0, 20)}`;
      } catch (error) {
        return { status: 400, json: { error: { message: (error as Error).message, type: "invalid_request_error" } } };
      }
      return {
        json: {
          id: `chatcmpl-${Date.now()}`,
          object: "chat.completion",
          model: body.model,
          choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        },
      };
    }
    return { status: 404, json: { error: { message: `no route ${request.method} ${request.path}` } } };
  });

  const ai = createAI({ providers: { openai: { apiKey: "sk-test", baseURL: server.url("/v1"), maxRetries: 0 } } });
  return {
    ai,
    server,
    embeddingRequests: () => server.requests.filter((request) => request.path === "/v1/embeddings"),
    chatRequests: () => server.requests.filter((request) => request.path === "/v1/chat/completions"),
    close: () => server.close(),
  };
}
