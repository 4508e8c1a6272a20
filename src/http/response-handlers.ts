// Turn response bodies into typed values (success) or the right error class (failure), through zod schemas.
import type { z } from "zod";
import {
  AuthenticationError,
  ContextLengthError,
  ProviderError,
  ProviderResponseError,
  RateLimitError,
  TimeoutError,
  type ProviderErrorOptions,
} from "../spec/errors/index.js";
import type { Redactor } from "./redact.js";
import { parseRetryAfter } from "./retry.js";

/** What a response handler knows about the exchange. */
export interface ResponseContext {
  provider: string;
  /** The model id of the call, when there is one. */
  model: string | undefined;
  /** Request URL, secrets redacted. */
  url: string;
  status: number;
  /** Response headers, names lower-case. */
  headers: Record<string, string | string[] | undefined>;
  requestId: string | undefined;
  /** Removes the provider's secrets from a text. */
  redact: Redactor;
  /** What to tell the user on 401/403, e.g. "set OPENAI_API_KEY or pass `apiKey`". */
  authenticationHint: string | undefined;
}

/** Parses a 2xx body; throws a `ProviderResponseError` when it is not what the provider documents. */
export type SuccessfulResponseHandler<T> = (body: string, context: ResponseContext) => T;

/** Turns a non-2xx response into the error to throw (the retry loop reads its `isRetryable`). */
export type FailedResponseHandler = (body: string, context: ResponseContext) => ProviderError;

/** The fields every `ProviderError` built from a response carries. */
export function errorOptions(context: ResponseContext, body?: string, cause?: unknown): ProviderErrorOptions {
  return {
    provider: context.provider,
    model: context.model,
    status: context.status,
    requestId: context.requestId,
    url: context.url,
    body: body === undefined ? undefined : context.redact(body),
    cause,
  };
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "unexpected shape";
  const path = issue.path.length ? issue.path.map(String).join(".") : "(root)";
  return `${path}: ${issue.message}`;
}

function subject(context: ResponseContext): string {
  return context.model === undefined ? context.provider : `${context.provider} (model ${context.model})`;
}

/**
 * Parses one JSON document (a body or a stream chunk) with a zod schema. Not JSON, or not the schema's shape:
 * a `ProviderResponseError` naming the first mismatch, with the (redacted, truncated) text as `body`.
 */
export function parseJsonChunk<Schema extends z.ZodType>(text: string, schema: Schema, context: ResponseContext): z.output<Schema> {
  return validateJson(parseJsonText(text, context), text, schema, context);
}

function parseJsonText(text: string, context: ResponseContext): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ProviderResponseError(
      `${subject(context)} sent a reply that is not valid JSON (${(error as Error).message}); this is a provider or proxy fault, retry or check baseURL.`,
      errorOptions(context, text, error),
    );
  }
}

function validateJson<Schema extends z.ZodType>(value: unknown, text: string, schema: Schema, context: ResponseContext): z.output<Schema> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ProviderResponseError(
      `${subject(context)} sent a reply that does not match its documented format (${describeIssue(result.error)}); check baseURL points at a compatible server.`,
      errorOptions(context, text, result.error),
    );
  }
  return result.data;
}

/** The parsed body and the JSON it was parsed from, as sent (what `{ raw: true }` handlers return). */
export interface JsonWithRaw<T> {
  value: T;
  /** The body's JSON before the schema: every key the server sent, also those the schema drops. */
  raw: unknown;
}

/**
 * A success handler that parses the body as JSON with `schema` (see {@link parseJsonChunk}). With `raw: true`
 * it also returns the JSON itself, for schemas that drop unknown keys while the caller keeps the body as sent.
 */
export function createJsonResponseHandler<Schema extends z.ZodType>(schema: Schema): SuccessfulResponseHandler<z.output<Schema>>;
export function createJsonResponseHandler<Schema extends z.ZodType>(schema: Schema, options: { raw: true }): SuccessfulResponseHandler<JsonWithRaw<z.output<Schema>>>;
export function createJsonResponseHandler<Schema extends z.ZodType>(
  schema: Schema,
  options?: { raw: true },
): SuccessfulResponseHandler<z.output<Schema> | JsonWithRaw<z.output<Schema>>> {
  if (options?.raw !== true) return (body, context) => parseJsonChunk(body, schema, context);
  return (body, context) => {
    const raw = parseJsonText(body, context);
    return { value: validateJson(raw, body, schema, context), raw };
  };
}

const contextLengthPattern =
  /context[ _-]?length|context window|maximum context|too many tokens|prompt is too long|input is too long|reduce the length|maximum (?:input )?(?:sequence )?length|exceeds? (?:the )?(?:model'?s? )?(?:max(?:imum)?|limit)[^.]*tokens/i;

/** Whether a provider error message says the input is over the context window (used by the default handler). */
export function looksLikeContextLengthError(message: string, code?: string | null): boolean {
  return code === "context_length_exceeded" || contextLengthPattern.test(message);
}

/**
 * Builds the error for a failed HTTP response from the provider's own message: 401/403 ->
 * `AuthenticationError`, 429 -> `RateLimitError` (with `Retry-After`), context-window overflow ->
 * `ContextLengthError`, 408/504 -> `TimeoutError`, anything else -> `ProviderError` (retryable on 409/5xx).
 */
export function providerErrorFromResponse(options: {
  context: ResponseContext;
  /** The provider's own message (from its error body), or the raw body. */
  message: string;
  body: string;
  /** Whether the provider said the input is too long; default: {@link looksLikeContextLengthError} on `message`. */
  isContextLengthError?: boolean;
  /** Whether the provider said the credentials are wrong with another status than 401/403 (Gemini: 400 `API_KEY_INVALID`). */
  isAuthenticationError?: boolean;
  /** A wait the provider asked for in its body (Gemini `RetryInfo.retryDelay`); the `Retry-After` headers win. */
  retryAfterMs?: number;
  cause?: unknown;
}): ProviderError {
  const { context } = options;
  const providerMessage = context.redact(options.message.trim()).slice(0, 500) || "no message";
  const status = context.status;
  const base = { ...errorOptions(context, options.body, options.cause), retryAfterMs: parseRetryAfter(context.headers) ?? options.retryAfterMs };
  const said = `(HTTP ${status}: ${providerMessage})`;
  if (status === 401 || status === 403 || options.isAuthenticationError === true) {
    return new AuthenticationError(
      `${context.provider} rejected the credentials ${said}; ${context.authenticationHint ?? "check the provider's apiKey setting"}.`,
      base,
    );
  }
  if (status === 429) {
    const wait = base.retryAfterMs === undefined ? "" : ` in ${base.retryAfterMs} ms`;
    return new RateLimitError(`${context.provider} is rate limiting requests ${said}; retry${wait} or lower the request rate.`, base);
  }
  if ((status === 400 || status === 413 || status === 422) && (options.isContextLengthError ?? looksLikeContextLengthError(providerMessage))) {
    return new ContextLengthError(
      `The input is too long for ${subject(context)} ${said}; shorten the messages or inputs, or lower maxOutputTokens.`,
      base,
    );
  }
  if (status === 408 || status === 504) {
    return new TimeoutError(`${subject(context)} timed out ${said}; retry later or raise timeoutMs.`, base);
  }
  const advice =
    status >= 500
      ? "the provider failed; retry later"
      : status === 404
        ? "check the model id and baseURL"
        : "check the request options";
  return new ProviderError(`${subject(context)} returned an error ${said}; ${advice}.`, base);
}

/**
 * A failure handler for providers whose error bodies are JSON: `errorSchema` parses the body and
 * `errorToMessage` picks the human message (a body that does not parse uses its raw text as the message).
 */
export function createJsonErrorResponseHandler<Schema extends z.ZodType>(options: {
  errorSchema: Schema;
  errorToMessage: (error: z.output<Schema>) => string;
  /** Provider-specific context-window detection from the parsed error; default: message heuristics. */
  isContextLengthError?: (error: z.output<Schema>, message: string) => boolean;
  /** Credentials rejected under another status than 401/403 (Gemini answers a bad key with 400 `API_KEY_INVALID`). */
  isAuthenticationError?: (error: z.output<Schema>) => boolean;
  /** How long the body asks to wait (Gemini `RetryInfo.retryDelay`), used when no `Retry-After` header says. */
  retryAfterMs?: (error: z.output<Schema>) => number | undefined;
}): FailedResponseHandler {
  return (body, context) => {
    let parsed: z.output<Schema> | undefined;
    try {
      const result = options.errorSchema.safeParse(JSON.parse(body));
      if (result.success) parsed = result.data;
    } catch {
      // not JSON: the raw text is the message
    }
    const message = parsed === undefined ? body : options.errorToMessage(parsed);
    return providerErrorFromResponse({
      context,
      message,
      body,
      isContextLengthError: parsed === undefined || !options.isContextLengthError ? undefined : options.isContextLengthError(parsed, message),
      isAuthenticationError: parsed === undefined || !options.isAuthenticationError ? undefined : options.isAuthenticationError(parsed),
      retryAfterMs: parsed === undefined || !options.retryAfterMs ? undefined : options.retryAfterMs(parsed),
    });
  };
}

/** A failure handler that only uses the status and the raw body (for providers without a JSON error format). */
export const textErrorResponseHandler: FailedResponseHandler = (body, context) => providerErrorFromResponse({ context, message: body, body });
