// Mistral's error bodies, mapped to the shared error classes.
import { z } from "zod";
import { createJsonErrorResponseHandler } from "../../http/response-handlers.js";

/**
 * What Mistral answers on failure: `{"object": "error", "message", "type", "param", "code"}` (400, 404, 429...;
 * on a validation failure `message` is itself an object), `{"message": "Unauthorized", "request_id"}` (401),
 * or FastAPI's `{"detail": ...}` (422).
 */
export const mistralErrorSchema = z.union([
  z.looseObject({
    message: z.union([z.string(), z.record(z.string(), z.unknown())]),
    type: z.string().nullish(),
    code: z.union([z.string(), z.number()]).nullish(),
  }),
  z.looseObject({ detail: z.union([z.string(), z.array(z.unknown())]) }),
]);

type MistralErrorBody = z.output<typeof mistralErrorSchema>;

function errorMessage(body: MistralErrorBody): string {
  if ("message" in body) return typeof body.message === "string" ? body.message : JSON.stringify(body.message);
  return typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail);
}

/**
 * Maps Mistral's failures: 401/403 -> `AuthenticationError`, 429 -> `RateLimitError` (with `Retry-After`), a prompt
 * over the context window (code `3051`, "too large for model with N maximum context length") -> `ContextLengthError`.
 */
export const mistralFailedResponseHandler = createJsonErrorResponseHandler({
  errorSchema: mistralErrorSchema,
  errorToMessage: errorMessage,
  isContextLengthError: (body, message) =>
    ("code" in body && String(body.code) === "3051") || /maximum context length|too large for model|too many tokens/i.test(message),
});
