// Small pieces every streaming driver needs.
import { errorOptions, type ResponseContext } from "../../http/response-handlers.js";
import { ProviderError, ProviderResponseError } from "../../spec/errors/index.js";

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

/**
 * The error for an error event inside a stream (the provider failed after the reply began):
 * `<provider> reported an error in the stream (<detail>); retry the call.`, with the event's text as `body`.
 * Both are redacted here (`detail` is usually the provider's own message).
 */
export function streamEventError(context: ResponseContext, event: { provider: string; detail: string; data: string; isRetryable: boolean }): ProviderError {
  return new ProviderError(`${event.provider} reported an error in the stream (${context.redact(event.detail)}); retry the call.`, {
    ...errorOptions(context, event.data),
    provider: event.provider,
    isRetryable: event.isRetryable,
  });
}

/** Parses tool-call arguments; returns the raw string when they are not valid JSON (the caller decides). */
export function parseToolInput(text: string): unknown {
  if (text.trim() === "") return {};
  return parseJsonOrText(text);
}

/** The JSON value of `text`, or `text` itself when it is not valid JSON (an empty text included). */
export function parseJsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
