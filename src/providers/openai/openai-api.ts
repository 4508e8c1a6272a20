// The OpenAI Chat Completions, Embeddings, Images and Moderations wire formats (also spoken by Groq, Hugging
// Face's router, vLLM, llama.cpp, LM Studio, Together...). Response schemas accept what servers may add or omit.
// Objects are loose (unknown keys kept), so `raw` is the body as the server sent it; except the non-streaming
// chat reply, parsed on every call: its objects drop unknown keys (see `openaiChatResponseSchema`).
import { z } from "zod";
import { vectorSchema } from "../shared/vector-schemas.js";

const usageSchema = z
  .object({
    prompt_tokens: z.number().nullish(),
    completion_tokens: z.number().nullish(),
    total_tokens: z.number().nullish(),
    prompt_tokens_details: z.object({ cached_tokens: z.number().nullish() }).nullish(),
    /** DeepSeek reports prompt-cache hits here instead of `prompt_tokens_details.cached_tokens`. */
    prompt_cache_hit_tokens: z.number().nullish(),
  })
  .nullish();

/** `usage` of a chat completion (final stream chunk included). */
export type OpenAIUsage = z.output<typeof usageSchema>;

/**
 * Message content: a string, or typed chunks as Mistral's reasoning models (Magistral) send them: `text` chunks
 * and `thinking` chunks (whose `thinking` is a string or a list of text chunks).
 */
const contentSchema = z
  .union([
    z.string(),
    z.array(
      z.looseObject({
        type: z.string(),
        text: z.string().nullish(),
        thinking: z.union([z.string(), z.array(z.looseObject({ text: z.string().nullish() }))]).nullish(),
      }),
    ),
  ])
  .nullish();

/** `content` of a message or delta: a string or typed chunks. */
export type OpenAIContent = z.output<typeof contentSchema>;

const toolCallSchema = z.object({
  id: z.string(),
  type: z.literal("function").nullish(),
  function: z.object({ name: z.string(), arguments: z.string().nullish() }),
});

/**
 * POST /chat/completions, non-streaming. Its objects accept unknown keys but drop them from the parsed value:
 * zod compiles one parser per object shape then, and skips a pass over every key for unknown ones (the parse
 * is over twice as fast, measured by the driver-overhead-chat bench). The driver returns the JSON as sent in
 * `raw` (`createJsonResponseHandler(schema, { raw: true })`).
 */
export const openaiChatResponseSchema = z.object({
  id: z.string().nullish(),
  model: z.string().nullish(),
  choices: z
    .array(
      z.object({
        index: z.number().nullish(),
        message: z.object({
          role: z.string().nullish(),
          content: contentSchema,
          /** Reasoning text of servers that return it separately (Groq, DeepSeek, vLLM). */
          reasoning_content: z.string().nullish(),
          reasoning: z.string().nullish(),
          refusal: z.string().nullish(),
          tool_calls: z.array(toolCallSchema).nullish(),
        }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
  usage: usageSchema,
});

/** One `data:` chunk of a streamed chat completion. */
export const openaiChatChunkSchema = z.looseObject({
    id: z.string().nullish(),
    model: z.string().nullish(),
    choices: z
      .array(
        z.looseObject({
          index: z.number().nullish(),
          delta: z
            .object({
              role: z.string().nullish(),
              content: contentSchema,
              reasoning_content: z.string().nullish(),
              reasoning: z.string().nullish(),
              tool_calls: z
                .array(
                  z.looseObject({
                    /** Missing in Mistral's stream, which sends each call whole in one entry. */
                    index: z.number().nullish(),
                    id: z.string().nullish(),
                    type: z.literal("function").nullish(),
                    function: z.looseObject({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
                  }),
                )
                .nullish(),
            })
            .nullish(),
          finish_reason: z.string().nullish(),
        }),
      )
      .nullish(),
    usage: usageSchema,
    /** Groq reports streaming usage here. */
    x_groq: z.looseObject({ usage: usageSchema }).nullish(),
    /** An error sent inside the stream by some compatible servers. */
    error: z.looseObject({ message: z.string(), type: z.string().nullish(), code: z.union([z.string(), z.number()]).nullish() }).nullish(),
  });

export type OpenAIChatChunk = z.output<typeof openaiChatChunkSchema>;

/** POST /embeddings: `embedding` is numbers (`encoding_format: "float"`) or base64 float32 (`"base64"`). */
export const openaiEmbeddingResponseSchema = z.looseObject({
  data: z.array(z.looseObject({ index: z.number().nullish(), embedding: z.union([vectorSchema, z.string()]) })),
  model: z.string().nullish(),
  usage: z.looseObject({ prompt_tokens: z.number().nullish(), total_tokens: z.number().nullish() }).nullish(),
});

/** POST /images/generations. */
export const openaiImageResponseSchema = z.looseObject({
  created: z.number().nullish(),
  data: z.array(z.looseObject({ b64_json: z.string().nullish(), url: z.string().nullish(), revised_prompt: z.string().nullish() })),
  output_format: z.string().nullish(),
});

/** POST /moderations. */
export const openaiModerationResponseSchema = z.looseObject({
  id: z.string().nullish(),
  model: z.string().nullish(),
  results: z.array(
    z.looseObject({
      flagged: z.boolean(),
      categories: z.record(z.string(), z.boolean().nullish()),
      category_scores: z.record(z.string(), z.number().nullish()),
    }),
  ),
});

/** A message as Chat Completions takes it. */
export type OpenAIMessage =
  | { role: "system"; content: string }
  | { role: "user"; content: string | Array<{ type: "text"; text: string } | { type: "image_url"; image_url: { url: string } }> }
  | {
      role: "assistant";
      content: string | null;
      tool_calls?: Array<{ id: string; type: "function"; function: { name: string; arguments: string } }>;
    }
  | { role: "tool"; tool_call_id: string; content: string };
