// Jina AI's error bodies, mapped to the shared error classes.
import { z } from "zod";
import { createJsonErrorResponseHandler } from "../../http/response-handlers.js";

/** Jina answers failures with `{"detail": "..."}` (a list of issues on validation errors). */
export const jinaErrorSchema = z.looseObject({ detail: z.union([z.string(), z.array(z.unknown())]) });

/** Maps Jina's failures: 401 -> `AuthenticationError`, 429 -> `RateLimitError`, over-length input -> `ContextLengthError`. */
export const jinaFailedResponseHandler = createJsonErrorResponseHandler({
  errorSchema: jinaErrorSchema,
  errorToMessage: (body) => (typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail)),
  isContextLengthError: (_body, message) => /context length|too many tokens|exceeds? the maximum/i.test(message),
});
