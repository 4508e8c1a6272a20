// AI SDK errors (APICallError and friends) as ours: the same classes the HTTP layer throws, so fallbacks and the
// worker's failure handling treat an AI SDK model like any provider.
import {
  AIError,
  AuthenticationError,
  ConnectionError,
  ContextLengthError,
  ProviderError,
  RateLimitError,
  type ProviderErrorOptions,
} from "../spec/errors/index.js";

interface APICallErrorLike {
  message: string;
  statusCode?: number;
  responseBody?: string;
  isRetryable?: boolean;
  url?: string;
  responseHeaders?: Record<string, string>;
}

/** An error thrown by an AI SDK model, as one of ours (an `AIError` or an abort is returned unchanged). */
export function toAIError(error: unknown, provider: string, model: string, signal: AbortSignal | undefined): unknown {
  if (AIError.isInstance(error)) return error;
  if (signal?.aborted) return signal.reason ?? error;
  if (typeof error !== "object" || error === null) {
    return new ProviderError(`${provider}:${model} (AI SDK model) failed: ${String(error)}.`, { provider, model, cause: error });
  }
  const candidate = error as APICallErrorLike;
  const status = typeof candidate.statusCode === "number" ? candidate.statusCode : undefined;
  const options: ProviderErrorOptions = { provider, model, cause: error };
  if (status !== undefined) options.status = status;
  if (typeof candidate.responseBody === "string") options.body = candidate.responseBody;
  if (typeof candidate.url === "string") options.url = candidate.url.replace(/([?&](?:key|api[-_]?key)=)[^&]+/gi, "$1[redacted]");
  const requestId = candidate.responseHeaders?.["x-request-id"] ?? candidate.responseHeaders?.["request-id"];
  if (requestId !== undefined) options.requestId = requestId;
  const retryAfter = Number(candidate.responseHeaders?.["retry-after"]);
  if (Number.isFinite(retryAfter) && retryAfter >= 0) options.retryAfterMs = retryAfter * 1_000;
  const detail = candidate.message || "no message";
  if (status === 401 || status === 403) return new AuthenticationError(`${provider} (AI SDK model ${model}) rejected the credentials (${status}: ${detail}); check the API key of the AI SDK provider.`, options);
  if (status === 429) return new RateLimitError(`${provider} (AI SDK model ${model}) is rate limiting (429: ${detail}); retry later or use a fallback.`, options);
  if (status === 400 && /context[_ ]length|maximum context|too many tokens/i.test(`${detail} ${candidate.responseBody ?? ""}`)) {
    return new ContextLengthError(`${provider}:${model} (AI SDK model): the input is longer than the context window (${detail}); shorten it.`, options);
  }
  if (status !== undefined) {
    return new ProviderError(`${provider}:${model} (AI SDK model) failed with HTTP ${status}: ${detail}`, { ...options, isRetryable: candidate.isRetryable ?? undefined });
  }
  // No status: the request did not get an answer (fetch failed, connection reset) or the reply was unusable.
  if (candidate.isRetryable === true || /fetch failed|ECONNREFUSED|ECONNRESET|socket/i.test(detail)) {
    return new ConnectionError(`${provider}:${model} (AI SDK model) could not be reached: ${detail}`, options);
  }
  return new ProviderError(`${provider}:${model} (AI SDK model) failed: ${detail}`, { ...options, isRetryable: false });
}
