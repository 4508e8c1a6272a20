// Voyage AI's error bodies, mapped to the shared error classes.
import { z } from "zod";
import { createJsonErrorResponseHandler } from "../../http/response-handlers.js";

/** Voyage answers failures with FastAPI's `{"detail": "..."}` (a list of issues on validation errors). */
export const voyageErrorSchema = z.union([z.looseObject({ detail: z.union([z.string(), z.array(z.unknown())]) }), z.looseObject({ message: z.string() })]);

/** Maps Voyage's failures: 401 -> `AuthenticationError`, 429 -> `RateLimitError`, token-limit messages -> `ContextLengthError`. */
export const voyageFailedResponseHandler = createJsonErrorResponseHandler({
  errorSchema: voyageErrorSchema,
  errorToMessage: (body) => {
    if ("detail" in body) return typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail);
    return body.message;
  },
  isContextLengthError: (_body, message) => /context length|token limit|too many tokens|max(?:imum)? (?:allowed )?tokens/i.test(message),
});
