// The Ollama API wire format (https://github.com/ollama/ollama/blob/main/docs/api.md): /api/chat and /api/embed.
// Response schemas accept what newer servers add (loose objects, optional fields); option schemas (strict) are in `ollama-options.ts`.
import { z } from "zod";
import { vectorSchema } from "../shared/vector-schemas.js";

const toolCallSchema = z.looseObject({
  /** Newer servers give each call an id; older ones do not. */
  id: z.string().nullish(),
  function: z.looseObject({
    index: z.number().nullish(),
    name: z.string(),
    /** An object (Ollama parses the model's JSON); a string from some compatible servers. */
    arguments: z.union([z.record(z.string(), z.unknown()), z.string()]).nullish(),
  }),
});

const messageSchema = z.looseObject({
  role: z.string().nullish(),
  content: z.string().nullish(),
  /** Reasoning text of thinking models (`think: true`). */
  thinking: z.string().nullish(),
  tool_calls: z.array(toolCallSchema).nullish(),
});

const metricsShape = {
  model: z.string().nullish(),
  created_at: z.string().nullish(),
  /** `stop`, `length`, `load`, `unload`. */
  done_reason: z.string().nullish(),
  /** Input tokens evaluated (absent when the whole prompt came from the server's cache). */
  prompt_eval_count: z.number().nullish(),
  /** Output tokens generated. */
  eval_count: z.number().nullish(),
  total_duration: z.number().nullish(),
  load_duration: z.number().nullish(),
  prompt_eval_duration: z.number().nullish(),
  eval_duration: z.number().nullish(),
};

/** POST /api/chat with `stream: false`: one object, `done: true`. */
export const ollamaChatResponseSchema = z.looseObject({ ...metricsShape, message: messageSchema, done: z.boolean() });

/** A parsed /api/chat reply. */
export type OllamaChatResponse = z.output<typeof ollamaChatResponseSchema>;

/**
 * One line of a streamed /api/chat reply: a `message` delta with `done: false`, and a last line with
 * `done: true`, `done_reason` and the counts. A failure after the stream started is a line `{"error": "..."}`.
 */
export const ollamaChatChunkSchema = z.looseObject({ ...metricsShape, message: messageSchema.nullish(), done: z.boolean().nullish(), error: z.string().nullish() });

/** POST /api/embed: one vector per input, in order. */
export const ollamaEmbedResponseSchema = z.looseObject({
  model: z.string().nullish(),
  embeddings: z.array(vectorSchema),
  prompt_eval_count: z.number().nullish(),
  total_duration: z.number().nullish(),
  load_duration: z.number().nullish(),
});

/** A message as /api/chat takes it. */
export type OllamaMessage =
  | { role: "system"; content: string }
  | { role: "user"; content: string; images?: string[] }
  | { role: "assistant"; content: string; tool_calls?: Array<{ function: { name: string; arguments: Record<string, unknown> } }> }
  | { role: "tool"; content: string; tool_name: string };
