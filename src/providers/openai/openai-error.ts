// OpenAI's error body, and the tolerant variants of compatible servers.
import { z } from "zod";
import { createJsonErrorResponseHandler } from "../../http/response-handlers.js";

/**
 * `{"error": {"message", "type", "param", "code"}}` (OpenAI, Groq); compatible servers also send
 * `{"error": "text"}` (Hugging Face), `{"message": "text"}` or `{"detail": "text"}` (vLLM/FastAPI).
 */
export const openaiErrorSchema = z.union([
  z.object({
    error: z.object({
      message: z.string(),
      type: z.string().nullish(),
      param: z.unknown().nullish(),
      code: z.union([z.string(), z.number()]).nullish(),
    }),
  }),
  z.object({ error: z.string() }),
  z.object({ message: z.string() }),
  z.object({ detail: z.union([z.string(), z.array(z.unknown())]) }),
]);

type OpenAIErrorBody = z.output<typeof openaiErrorSchema>;

function errorMessage(body: OpenAIErrorBody): string {
  if ("error" in body) return typeof body.error === "string" ? body.error : body.error.message;
  if ("message" in body) return body.message;
  return typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail);
}

/** Maps OpenAI-style error responses to the shared error classes (`context_length_exceeded` -> `ContextLengthError`). */
export const openaiFailedResponseHandler = createJsonErrorResponseHandler({
  errorSchema: openaiErrorSchema,
  errorToMessage: errorMessage,
  isContextLengthError: (body, message) =>
    ("error" in body && typeof body.error === "object" && body.error.code === "context_length_exceeded") ||
    /maximum context length|context length|context window|too many tokens|prompt is too long/i.test(message),
});
