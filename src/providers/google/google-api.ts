// The Gemini API wire format (https://ai.google.dev/api): generateContent / streamGenerateContent responses,
// batchEmbedContents, the error body (response schemas loose: unknown keys kept, so `raw` is the body as
// sent), and request types. The strict `providerOptions.google` schema is in `google-options.ts`.
import { z } from "zod";
import { vectorSchema } from "../shared/vector-schemas.js";

const partSchema = z.looseObject({
  text: z.string().nullish(),
  /** The part is the model's thinking (with `thinkingConfig.includeThoughts`). */
  thought: z.boolean().nullish(),
  functionCall: z.looseObject({ id: z.string().nullish(), name: z.string(), args: z.unknown().optional() }).nullish(),
  /** Opaque reasoning state on a part (thinking models); it must go back on the same part next turn. */
  thoughtSignature: z.string().nullish(),
});

const usageMetadataSchema = z.looseObject({
  promptTokenCount: z.number().nullish(),
  candidatesTokenCount: z.number().nullish(),
  cachedContentTokenCount: z.number().nullish(),
  thoughtsTokenCount: z.number().nullish(),
  toolUsePromptTokenCount: z.number().nullish(),
  totalTokenCount: z.number().nullish(),
});

/** `usageMetadata` of a response (the last stream chunk carries the totals). */
export type GoogleUsageMetadata = z.output<typeof usageMetadataSchema>;

const statusSchema = z.looseObject({
  code: z.number().nullish(),
  message: z.string(),
  status: z.string().nullish(),
  details: z.array(z.looseObject({ "@type": z.string().nullish(), reason: z.string().nullish(), retryDelay: z.string().nullish() })).nullish(),
});

/** A `GenerateContentResponse`: the whole reply, or one chunk of a stream (same shape). */
export const googleGenerateContentResponseSchema = z.looseObject({
  candidates: z
    .array(
      z.looseObject({
        content: z.looseObject({ role: z.string().nullish(), parts: z.array(partSchema).nullish() }).nullish(),
        finishReason: z.string().nullish(),
        index: z.number().nullish(),
      }),
    )
    .nullish(),
  promptFeedback: z.looseObject({ blockReason: z.string().nullish() }).nullish(),
  usageMetadata: usageMetadataSchema.nullish(),
  modelVersion: z.string().nullish(),
  responseId: z.string().nullish(),
  /** An error sent inside the stream. */
  error: statusSchema.nullish(),
});

export type GoogleGenerateContentResponse = z.output<typeof googleGenerateContentResponseSchema>;

/** A whole generateContent reply: unlike a stream chunk, it must have candidates or a prompt block reason. */
export const googleGenerateContentReplySchema = googleGenerateContentResponseSchema.refine(
  (reply) => reply.candidates != null || reply.promptFeedback?.blockReason != null,
  { message: "expected candidates or promptFeedback.blockReason", path: ["candidates"] },
);

/** POST /models/{model}:batchEmbedContents. */
export const googleBatchEmbedResponseSchema = z.looseObject({
  embeddings: z.array(z.looseObject({ values: vectorSchema })),
});

/** The error body, `{"error": {"code", "message", "status", "details"}}` (some endpoints wrap it in an array). */
export const googleErrorSchema = z.union([z.looseObject({ error: statusSchema }), z.array(z.looseObject({ error: statusSchema })).min(1)]);

export type GoogleErrorBody = z.output<typeof googleErrorSchema>;

/** A part of a request `Content`; `thoughtSignature` goes back on the model part it came on. */
export type GooglePart =
  | { text: string; thought?: true; thoughtSignature?: string }
  | { inlineData: { mimeType: string; data: string } }
  | { fileData: { mimeType: string; fileUri: string } }
  | { functionCall: { name: string; args: unknown }; thoughtSignature?: string }
  | { functionResponse: { name: string; response: Record<string, unknown> } };

/** A request `Content`: `user` or `model`, tool results travel as `user` parts. */
export interface GoogleContent {
  role: "user" | "model";
  parts: GooglePart[];
}
