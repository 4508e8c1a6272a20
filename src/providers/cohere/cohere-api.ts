// The Cohere v2 wire format (https://docs.cohere.com/reference/chat, /reference/chat-stream, /reference/embed).
// Response schemas accept what Cohere may add (loose objects, nullish fields); option schemas (strict) are in `cohere-options.ts`.
import { z } from "zod";
import { vectorSchema } from "../shared/vector-schemas.js";

const tokenCountsSchema = z.looseObject({ input_tokens: z.number().nullish(), output_tokens: z.number().nullish() }).nullish();

/** `usage` of a reply: what was billed, the model's real token counts, and prompt-cache hits. */
export const cohereUsageSchema = z
  .looseObject({
    billed_units: tokenCountsSchema,
    tokens: tokenCountsSchema,
    cached_tokens: z.number().nullish(),
  })
  .nullish();

/** A parsed `usage` object. */
export type CohereUsage = z.output<typeof cohereUsageSchema>;

const toolCallSchema = z.looseObject({
  id: z.string(),
  type: z.string().nullish(),
  function: z.looseObject({ name: z.string(), arguments: z.string().nullish() }),
});

/** A content block of the reply: `text`, or `thinking` for reasoning models. */
const contentSchema = z.looseObject({ type: z.string(), text: z.string().nullish(), thinking: z.string().nullish() });

/** POST /chat, non-streaming. */
export const cohereChatResponseSchema = z.looseObject({
  id: z.string().nullish(),
  /** `COMPLETE`, `STOP_SEQUENCE`, `MAX_TOKENS`, `TOOL_CALL`, `ERROR`, `TIMEOUT`. */
  finish_reason: z.string().nullish(),
  message: z.looseObject({
    role: z.string().nullish(),
    content: z.array(contentSchema).nullish(),
    /** The model's plan before calling tools. */
    tool_plan: z.string().nullish(),
    tool_calls: z.array(toolCallSchema).nullish(),
    citations: z.array(z.unknown()).nullish(),
  }),
  usage: cohereUsageSchema,
});

/**
 * One event of a streamed reply (`data:` JSON with a `type`): `message-start`, `content-start`, `content-delta`,
 * `content-end`, `tool-plan-delta`, `tool-call-start`, `tool-call-delta`, `tool-call-end`, `citation-start`,
 * `citation-end`, and last `message-end` with the finish reason and usage. Fields are read per type.
 */
export const cohereStreamEventSchema = z.looseObject({
  type: z.string(),
  id: z.string().nullish(),
  index: z.number().nullish(),
  delta: z
    .looseObject({
      message: z
        .looseObject({
          content: z.union([contentSchema.partial(), z.array(z.unknown())]).nullish(),
          tool_plan: z.string().nullish(),
          /** One call's start or argument piece; `message-start` carries empty arrays here and in `content`. */
          tool_calls: z
            .union([
              z.looseObject({
                id: z.string().nullish(),
                type: z.string().nullish(),
                function: z.looseObject({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
              }),
              z.array(z.unknown()),
            ])
            .nullish(),
        })
        .nullish(),
      finish_reason: z.string().nullish(),
      usage: cohereUsageSchema,
      error: z.string().nullish(),
    })
    .nullish(),
});

/** POST /embed with `embedding_types: ["float"]`. */
export const cohereEmbedResponseSchema = z.looseObject({
  id: z.string().nullish(),
  embeddings: z.looseObject({ float: z.array(vectorSchema) }),
  texts: z.array(z.string()).nullish(),
  meta: z.looseObject({ billed_units: z.looseObject({ input_tokens: z.number().nullish() }).nullish() }).nullish(),
  response_type: z.string().nullish(),
});

