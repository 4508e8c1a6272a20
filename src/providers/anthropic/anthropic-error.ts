// Anthropic's error body mapped to the shared error classes.
import { createJsonErrorResponseHandler } from "../../http/response-handlers.js";
import { anthropicErrorSchema } from "./anthropic-api.js";

/**
 * Maps Anthropic error responses (`authentication_error` 401, `permission_error` 403, `rate_limit_error` 429
 * with `retry-after`, `overloaded_error` 529, `api_error` 500...) to the shared classes; "prompt is too long"
 * (400 `invalid_request_error`) becomes `ContextLengthError`.
 */
export const anthropicFailedResponseHandler = createJsonErrorResponseHandler({
  errorSchema: anthropicErrorSchema,
  errorToMessage: (body) => (body.error.type ? `${body.error.type}: ${body.error.message}` : body.error.message),
  isContextLengthError: (_body, message) => /prompt is too long|context window|too many tokens|exceed context limit/i.test(message),
});
