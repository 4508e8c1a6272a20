// Gemini's error body (google.rpc.Status) mapped to the shared error classes.
import { createJsonErrorResponseHandler } from "../../http/response-handlers.js";
import { googleErrorSchema, type GoogleErrorBody } from "./google-api.js";

function status(body: GoogleErrorBody) {
  return Array.isArray(body) ? body[0]!.error : body.error;
}

/** Milliseconds of a protobuf `Duration` string such as `"37s"` or `"1.5s"`. */
export function parseGoogleDuration(value: string | null | undefined): number | undefined {
  const match = value ? /^(\d+(?:\.\d+)?)s$/.exec(value.trim()) : null;
  return match ? Math.ceil(Number(match[1]) * 1000) : undefined;
}

/**
 * Maps Gemini error responses: 400 with `API_KEY_INVALID` (how Gemini answers a bad key) and 401/403 ->
 * `AuthenticationError`; 429 `RESOURCE_EXHAUSTED` -> `RateLimitError`, waiting `RetryInfo.retryDelay` from the
 * body when no `Retry-After` header says; an input over the model's token limit -> `ContextLengthError`.
 */
export const googleFailedResponseHandler = createJsonErrorResponseHandler({
  errorSchema: googleErrorSchema,
  errorToMessage: (body) => {
    const error = status(body);
    return error.status ? `${error.status}: ${error.message}` : error.message;
  },
  isAuthenticationError: (body) => (status(body).details ?? []).some((detail) => detail.reason === "API_KEY_INVALID"),
  retryAfterMs: (body) => parseGoogleDuration((status(body).details ?? []).find((detail) => detail.retryDelay)?.retryDelay),
  isContextLengthError: (_body, message) => /input token count.*exceeds|exceeds the maximum number of tokens|context window|too many tokens/i.test(message),
});
