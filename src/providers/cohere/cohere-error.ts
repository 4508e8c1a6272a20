// Cohere's error body, mapped to the shared error classes.
import { z } from "zod";
import { createJsonErrorResponseHandler } from "../../http/response-handlers.js";

/** Cohere answers failures with `{"id": "...", "message": "invalid api token"}`. */
const cohereErrorSchema = z.looseObject({ id: z.string().nullish(), message: z.string() });

/**
 * Maps Cohere's failures: 401 -> `AuthenticationError`, 429 (trial keys: 10 calls a minute) -> `RateLimitError`,
 * "too many tokens" -> `ContextLengthError`, 498/499/5xx per the shared rules.
 */
export const cohereFailedResponseHandler = createJsonErrorResponseHandler({
  errorSchema: cohereErrorSchema,
  errorToMessage: (body) => body.message,
  isContextLengthError: (_body, message) => /too many tokens|context length|context window|exceeds? the (?:maximum|max)/i.test(message),
});
