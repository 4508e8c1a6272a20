// Types every model kind shares: usage, finish reasons, JSON values and JSON Schema, per-call options.

/** A JSON value, as it travels on the wire. */
export type JSONValue = null | string | number | boolean | JSONValue[] | { [key: string]: JSONValue };

/** A JSON Schema document (draft 2020-12 or 7, as providers accept it). Kept open: providers read different subsets. */
export type JSONSchema = Record<string, unknown>;

/**
 * Token usage of one call, normalised across providers. A field is `undefined` when the provider did not
 * report it (never a guessed number). `cachedInputTokens` is the part of `inputTokens` served from the
 * provider's prompt cache.
 */
export interface Usage {
  inputTokens: number | undefined;
  outputTokens: number | undefined;
  /** Part of `inputTokens` read from the provider's prompt cache (OpenAI `cached_tokens`, Anthropic `cache_read_input_tokens`...). */
  cachedInputTokens: number | undefined;
  /** `inputTokens + outputTokens` when the provider does not report a total itself. */
  totalTokens: number | undefined;
}

/** Why the model stopped producing output. */
export type FinishReason =
  /** The model finished (natural stop or a stop sequence). */
  | "stop"
  /** `maxOutputTokens` or the context window was reached. */
  | "length"
  /** The model asked for tool calls. */
  | "tool-calls"
  /** A provider content filter stopped the output. */
  | "content-filter"
  /** The provider reported an error state. */
  | "error"
  /** Any other reason the provider gave. */
  | "other"
  /** The provider did not say. */
  | "unknown";

/**
 * Options for one provider only, keyed by provider name: `{ openai: { user: "u1" } }`. A driver reads only its
 * own key (rule of three: options stay here until three providers share them).
 */
export type ProviderOptions = Record<string, Record<string, unknown>>;

/**
 * Opaque state a provider attached to part of a reply, keyed by provider (driver) name like
 * {@link ProviderOptions}: `{ google: { thoughtSignature: "..." } }`, `{ anthropic: { signature: "..." } }`. It
 * travels with the message it came in; when the message is sent again, a driver reads back only its own key
 * and ignores the others, so a conversation can move between providers. Do not edit it.
 */
export type ProviderMetadata = Record<string, Record<string, JSONValue>>;

/** Options every model call accepts. */
export interface CallOptions {
  /** Cancels the call (retries included). The iterator or promise then rejects with the signal's reason. */
  abortSignal?: AbortSignal;
  /** Extra HTTP headers for this call only (merged over the provider's headers). */
  headers?: Record<string, string>;
  /** Provider-specific options, see {@link ProviderOptions}. */
  providerOptions?: ProviderOptions;
}

/** What a driver reports about the HTTP exchange behind a result (for logs and support tickets). */
export interface ResponseInfo {
  /** The provider's request id (`x-request-id`, `request-id`...), when it sent one. */
  requestId?: string;
  /** Response id in the body (`chatcmpl-...`, `msg_...`), when there is one. */
  id?: string;
  /** Model id the provider says it used (may be more precise than the one asked for). */
  modelId?: string;
}
