import { AIError, hasMarker } from "./ai-error.js";
import type { Capability } from "../provider.js";

// Each class's own marker, so `isInstance` tells the classes apart across duplicated package copies.
const providerErrorMarker = Symbol.for("prisma-ai.error.ProviderError");
const authenticationErrorMarker = Symbol.for("prisma-ai.error.AuthenticationError");
const rateLimitErrorMarker = Symbol.for("prisma-ai.error.RateLimitError");
const contextLengthErrorMarker = Symbol.for("prisma-ai.error.ContextLengthError");
const providerResponseErrorMarker = Symbol.for("prisma-ai.error.ProviderResponseError");
const timeoutErrorMarker = Symbol.for("prisma-ai.error.TimeoutError");
const connectionErrorMarker = Symbol.for("prisma-ai.error.ConnectionError");
const unsupportedCapabilityErrorMarker = Symbol.for("prisma-ai.error.UnsupportedCapabilityError");
const objectGenerationErrorMarker = Symbol.for("prisma-ai.error.ObjectGenerationError");

/** Longest response body excerpt a {@link ProviderError} keeps. */
export const maxErrorBodyLength = 2_000;

/** What every {@link ProviderError} knows about the failed exchange. */
export interface ProviderErrorOptions {
  /** Provider name, e.g. `openai`. */
  provider: string;
  /** Model id the call was for, when there was one. */
  model?: string;
  /** HTTP status, when a response arrived. */
  status?: number;
  /** The provider's request id (`x-request-id`...), to quote to its support. */
  requestId?: string;
  /** The response body, redacted and truncated to {@link maxErrorBodyLength} characters. */
  body?: string;
  /** The request URL (query secrets redacted). */
  url?: string;
  /** How long the provider asked to wait before retrying (`Retry-After`, `retry-after-ms`), when it said. */
  retryAfterMs?: number;
  cause?: unknown;
  /** Default: by class (rate limits, timeouts, connection errors and 408/409/5xx are retryable). */
  isRetryable?: boolean;
}

/** Cuts `text` to {@link maxErrorBodyLength} characters, marking the cut. */
export function truncateBody(text: string): string {
  return text.length <= maxErrorBodyLength ? text : `${text.slice(0, maxErrorBodyLength)}... [${text.length - maxErrorBodyLength} more characters]`;
}

/** HTTP statuses worth retrying: 408 Request Timeout, 409 Conflict, 429 Too Many Requests and every 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * A provider call failed: an HTTP error status, an unreadable reply, a timeout or a broken connection. Carries
 * provider, model, status, request id and a truncated, redacted body; never the API key. Subclasses name the
 * common cases; a plain `ProviderError` (code `provider_error`) is any other HTTP error status.
 */
export class ProviderError extends AIError {
  readonly [providerErrorMarker] = true;

  /** Whether `value` is a ProviderError (or a subclass), also from another copy of the package: checks its `Symbol.for` marker. */
  static override isInstance(value: unknown): value is ProviderError {
    return hasMarker(value, providerErrorMarker);
  }

  readonly provider: string;
  readonly model: string | undefined;
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  readonly body: string | undefined;
  readonly url: string | undefined;
  /** How long the provider asked to wait before retrying, in milliseconds, when it said (429, 503). */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options: ProviderErrorOptions, code = "provider_error", defaultRetryable = options.status !== undefined && isRetryableStatus(options.status)) {
    super(code, message, { cause: options.cause, isRetryable: options.isRetryable ?? defaultRetryable });
    this.provider = options.provider;
    this.model = options.model;
    this.status = options.status;
    this.requestId = options.requestId;
    this.body = options.body === undefined ? undefined : truncateBody(options.body);
    this.url = options.url;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** The provider rejected the credentials (401/403): check the API key. Not retryable. */
export class AuthenticationError extends ProviderError {
  readonly [authenticationErrorMarker] = true;

  /** Whether `value` is an AuthenticationError (or a subclass), also from another copy of the package: checks its `Symbol.for` marker. */
  static override isInstance(value: unknown): value is AuthenticationError {
    return hasMarker(value, authenticationErrorMarker);
  }

  constructor(message: string, options: ProviderErrorOptions) {
    super(message, options, "authentication", false);
  }
}

/** The provider is rate limiting (429): wait `retryAfterMs` (when it said) and retry. Retryable. */
export class RateLimitError extends ProviderError {
  readonly [rateLimitErrorMarker] = true;

  /** Whether `value` is a RateLimitError (or a subclass), also from another copy of the package: checks its `Symbol.for` marker. */
  static override isInstance(value: unknown): value is RateLimitError {
    return hasMarker(value, rateLimitErrorMarker);
  }

  constructor(message: string, options: ProviderErrorOptions) {
    super(message, options, "rate_limit", true);
  }
}

/** The input (plus requested output) exceeds the model's context window: shorten it. Not retryable. */
export class ContextLengthError extends ProviderError {
  readonly [contextLengthErrorMarker] = true;

  /** Whether `value` is a ContextLengthError (or a subclass), also from another copy of the package: checks its `Symbol.for` marker. */
  static override isInstance(value: unknown): value is ContextLengthError {
    return hasMarker(value, contextLengthErrorMarker);
  }

  constructor(message: string, options: ProviderErrorOptions) {
    super(message, options, "context_length", false);
  }
}

/** Whether `error` is a {@link ContextLengthError}, also from another copy of the package (by its `code`). */
export function isContextLengthError(error: unknown): error is ContextLengthError {
  return AIError.isInstance(error) && error.code === "context_length";
}

/**
 * The provider's reply could not be used: not JSON, not the documented shape, a stream cut off before its end,
 * an error event inside a stream. `body` holds the offending text. Not retryable unless the driver says so.
 */
export class ProviderResponseError extends ProviderError {
  readonly [providerResponseErrorMarker] = true;

  /** Whether `value` is a ProviderResponseError (or a subclass), also from another copy of the package: checks its `Symbol.for` marker. */
  static override isInstance(value: unknown): value is ProviderResponseError {
    return hasMarker(value, providerResponseErrorMarker);
  }

  constructor(message: string, options: ProviderErrorOptions) {
    super(message, options, "invalid_response", false);
  }
}

/** No response (headers or the next body chunk) within `timeoutMs`, or the connection took too long. Retryable. */
export class TimeoutError extends ProviderError {
  readonly [timeoutErrorMarker] = true;

  /** Whether `value` is a TimeoutError (or a subclass), also from another copy of the package: checks its `Symbol.for` marker. */
  static override isInstance(value: unknown): value is TimeoutError {
    return hasMarker(value, timeoutErrorMarker);
  }

  constructor(message: string, options: ProviderErrorOptions) {
    super(message, options, "timeout", true);
  }
}

/** The connection failed or broke (refused, reset, closed mid-response). Retryable. */
export class ConnectionError extends ProviderError {
  readonly [connectionErrorMarker] = true;

  /** Whether `value` is a ConnectionError (or a subclass), also from another copy of the package: checks its `Symbol.for` marker. */
  static override isInstance(value: unknown): value is ConnectionError {
    return hasMarker(value, connectionErrorMarker);
  }

  constructor(message: string, options: ProviderErrorOptions) {
    super(message, options, "connection", true);
  }
}

/**
 * The provider (or the model) lacks a capability the call needs, e.g. embeddings on Groq. Thrown before any
 * request is sent. Not retryable: pick another provider or model.
 */
export class UnsupportedCapabilityError extends AIError {
  readonly [unsupportedCapabilityErrorMarker] = true;

  /** Whether `value` is an UnsupportedCapabilityError (or a subclass), also from another copy of the package: checks its `Symbol.for` marker. */
  static override isInstance(value: unknown): value is UnsupportedCapabilityError {
    return hasMarker(value, unsupportedCapabilityErrorMarker);
  }

  readonly provider: string;
  readonly capability: Capability;
  readonly model: string | undefined;

  constructor(options: { provider: string; capability: Capability; model?: string; message?: string }) {
    const subject = options.model === undefined ? `Provider "${options.provider}"` : `Model "${options.provider}:${options.model}"`;
    super(
      "unsupported_capability",
      options.message ?? `${subject} does not support ${options.capability}; use a provider that does (see the README "Providers" table).`,
    );
    this.provider = options.provider;
    this.capability = options.capability;
    this.model = options.model;
  }
}

/**
 * The model's reply to `generateObject` is not JSON or does not match the schema. `text` holds the reply and
 * `issues` the validation problems. Not retryable as such; a second attempt may still succeed.
 */
export class ObjectGenerationError extends AIError {
  readonly [objectGenerationErrorMarker] = true;

  /** Whether `value` is an ObjectGenerationError (or a subclass), also from another copy of the package: checks its `Symbol.for` marker. */
  static override isInstance(value: unknown): value is ObjectGenerationError {
    return hasMarker(value, objectGenerationErrorMarker);
  }

  readonly text: string;
  readonly issues: readonly { path: readonly PropertyKey[]; message: string }[];

  constructor(message: string, options: { text: string; issues?: readonly { path: readonly PropertyKey[]; message: string }[]; cause?: unknown }) {
    super("object_generation", message, { cause: options.cause });
    this.text = options.text;
    this.issues = options.issues ?? [];
  }
}
