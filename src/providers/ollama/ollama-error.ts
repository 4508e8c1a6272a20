// Ollama's error body, mapped to the shared error classes.
import { z } from "zod";
import { createJsonErrorResponseHandler } from "../../http/response-handlers.js";

/** Ollama answers failures with `{"error": "model \"x\" not found, try pulling it first"}`. */
export const ollamaErrorSchema = z.looseObject({ error: z.string() });

/**
 * Maps Ollama's failures: 404 for a model not pulled (the message says so), 400 "input length exceeds the
 * context length" (`truncate: false`) -> `ContextLengthError`; 401/403 (a proxy or ollama.com) -> `AuthenticationError`.
 */
export const ollamaFailedResponseHandler = createJsonErrorResponseHandler({
  errorSchema: ollamaErrorSchema,
  errorToMessage: (body) => body.error,
  isContextLengthError: (_body, message) => /context length|context window|too long/i.test(message),
});
