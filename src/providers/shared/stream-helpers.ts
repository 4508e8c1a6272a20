// Small pieces every streaming driver needs.
import type { ResponseContext } from "../../http/response-handlers.js";
import { ProviderResponseError } from "../../spec/errors/index.js";

/** The error for a stream that ended before the provider's final event (cut off mid-reply). Retryable. */
export function streamEndedEarlyError(context: ResponseContext, lastEvent?: string): ProviderResponseError {
  const who = context.model === undefined ? context.provider : `${context.provider} (model ${context.model})`;
  return new ProviderResponseError(`The stream from ${who} ended before its final event; the reply is incomplete, retry the call.`, {
    provider: context.provider,
    model: context.model,
    status: context.status,
    requestId: context.requestId,
    url: context.url,
    body: lastEvent === undefined ? undefined : context.redact(lastEvent),
    isRetryable: true,
  });
}

/** Parses tool-call arguments; returns the raw string when they are not valid JSON (the caller decides). */
export function parseToolInput(text: string): unknown {
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
