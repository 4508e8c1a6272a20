// The Anthropic Messages API wire format (POST /messages, https://docs.anthropic.com/en/api/messages): request
// types and response and stream-event schemas (loose: unknown keys kept, so `raw` is the body as sent). The
// strict `providerOptions.anthropic` schema is in `anthropic-options.ts`.
import { z } from "zod";

const usageSchema = z.looseObject({
  input_tokens: z.number().nullish(),
  output_tokens: z.number().nullish(),
  cache_creation_input_tokens: z.number().nullish(),
  cache_read_input_tokens: z.number().nullish(),
});

/** `usage` of a message, of `message_start` and (cumulative counts) of `message_delta`. */
export type AnthropicUsage = z.output<typeof usageSchema>;

/**
 * A content block of a reply: `text` (`text`), `tool_use` (`id`, `name`, `input`), `thinking` (`thinking`,
 * `signature`), `redacted_thinking` (`data`, encrypted), and kinds added later (server tools...), which are
 * kept in `raw` and not mapped.
 */
const contentBlockSchema = z.looseObject({
  type: z.string(),
  text: z.string().nullish(),
  id: z.string().nullish(),
  name: z.string().nullish(),
  input: z.unknown().optional(),
  thinking: z.string().nullish(),
  signature: z.string().nullish(),
  data: z.string().nullish(),
});

/** A content block of a reply. */
export type AnthropicContentBlock = z.output<typeof contentBlockSchema>;

/** POST /messages, non-streaming: a `message` object. */
export const anthropicMessageSchema = z.looseObject({
  id: z.string().nullish(),
  type: z.literal("message").nullish(),
  role: z.string().nullish(),
  model: z.string().nullish(),
  content: z.array(contentBlockSchema),
  stop_reason: z.string().nullish(),
  stop_sequence: z.string().nullish(),
  usage: usageSchema.nullish(),
});

const errorObjectSchema = z.looseObject({ type: z.string().nullish(), message: z.string() });

/** One `data:` payload of the event stream; `type` repeats the SSE `event:` name. */
export const anthropicStreamEventSchema = z.discriminatedUnion("type", [
  z.looseObject({
    type: z.literal("message_start"),
    message: z.looseObject({ id: z.string().nullish(), model: z.string().nullish(), usage: usageSchema.nullish() }),
  }),
  z.looseObject({
    type: z.literal("content_block_start"),
    index: z.number(),
    content_block: z.looseObject({
      type: z.string(),
      id: z.string().nullish(),
      name: z.string().nullish(),
      text: z.string().nullish(),
      thinking: z.string().nullish(),
      signature: z.string().nullish(),
      data: z.string().nullish(),
    }),
  }),
  z.looseObject({
    type: z.literal("content_block_delta"),
    index: z.number(),
    delta: z.looseObject({
      type: z.string(),
      text: z.string().nullish(),
      partial_json: z.string().nullish(),
      thinking: z.string().nullish(),
      /** `signature_delta`: the signature of a `thinking` block, sent just before its `content_block_stop`. */
      signature: z.string().nullish(),
    }),
  }),
  z.looseObject({ type: z.literal("content_block_stop"), index: z.number() }),
  z.looseObject({
    type: z.literal("message_delta"),
    delta: z.looseObject({ stop_reason: z.string().nullish(), stop_sequence: z.string().nullish() }).nullish(),
    usage: usageSchema.nullish(),
  }),
  z.looseObject({ type: z.literal("message_stop") }),
  z.looseObject({ type: z.literal("ping") }),
  z.looseObject({ type: z.literal("error"), error: errorObjectSchema }),
]);

export type AnthropicStreamEvent = z.output<typeof anthropicStreamEventSchema>;

/** The error body: `{"type":"error","error":{"type":"rate_limit_error","message":"..."},"request_id":"req_..."}`. */
export const anthropicErrorSchema = z.looseObject({ type: z.literal("error").nullish(), error: errorObjectSchema });

/** A content block of a request message. */
export type AnthropicRequestBlock =
  | { type: "text"; text: string }
  | { type: "image"; source: { type: "base64"; media_type: string; data: string } | { type: "url"; url: string } }
  | { type: "thinking"; thinking: string; signature: string }
  | { type: "redacted_thinking"; data: string }
  | { type: "tool_use"; id: string; name: string; input: unknown }
  | { type: "tool_result"; tool_use_id: string; content: string; is_error?: boolean };

/** A request message: roles alternate, tool results travel in `user` messages. */
export interface AnthropicRequestMessage {
  role: "user" | "assistant";
  content: AnthropicRequestBlock[];
}
