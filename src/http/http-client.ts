// The one HTTP client every driver uses: undici keep-alive dispatcher, timeouts, retries, abort, redaction.
import type { Dispatcher } from "undici";
import { AIError, ConnectionError, ProviderError, TimeoutError } from "../spec/errors/index.js";
import { defaultConnectTimeoutMs, sharedDispatcher } from "./dispatcher.js";
import { containsSecret, createRedactor, secretHeaderNames, type Redactor } from "./redact.js";
import type { FailedResponseHandler, ResponseContext, SuccessfulResponseHandler } from "./response-handlers.js";
import { defaultRetryPolicy, withRetries, type RetryPolicy } from "./retry.js";

/** Default `timeoutMs`: 2 minutes for the response headers, and at most between two body chunks. */
export const defaultTimeoutMs = 120_000;
/** Default `maxRetries`: 2 retries after the first attempt. */
export const defaultMaxRetries = 2;

/** Headers a provider puts its request id in, in the order they are looked up. */
export const defaultRequestIdHeaders = ["x-request-id", "request-id", "x-amzn-requestid", "x-trace-id", "x-goog-request-id"];

/** How one provider's requests are sent. Built once per provider from its resolved settings. */
export interface HttpClientSettings {
  /** Provider name, for errors. */
  provider: string;
  /** Root URL request paths are appended to, e.g. `https://api.openai.com/v1`. */
  baseURL: string;
  /** Headers of every request (authentication included). */
  headers?: Record<string, string>;
  /** Values to remove from every error (the API key). */
  secrets?: readonly (string | undefined)[];
  /** See `ProviderSettings.timeoutMs`. Default: {@link defaultTimeoutMs}. */
  timeoutMs?: number;
  /** See `ProviderSettings.maxRetries`. Default: {@link defaultMaxRetries}. */
  maxRetries?: number;
  /** Backoff settings (and an injectable `sleep` for tests). */
  retry?: Partial<RetryPolicy>;
  /** Default: the shared keep-alive `Agent` ({@link sharedDispatcher}). */
  dispatcher?: Dispatcher;
  /** Told to the user on 401/403, e.g. "set OPENAI_API_KEY or pass `apiKey` to the openai provider". */
  authenticationHint?: string;
  /** Where to find the provider's request id. Default: {@link defaultRequestIdHeaders}. */
  requestIdHeaders?: readonly string[];
}

/** Options of one request. */
export interface RequestOptions {
  /** Path appended to `baseURL` (may carry a query string), e.g. `/chat/completions`. */
  path: string;
  /** Model id, for errors. */
  model?: string;
  /** Per-call headers, over the client's. */
  headers?: Record<string, string>;
  abortSignal?: AbortSignal;
  /** Turns a non-2xx response into an error. */
  failedResponseHandler: FailedResponseHandler;
}

/** A parsed response. */
export interface HttpResponse<T> {
  value: T;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  requestId: string | undefined;
}

/** An accepted streaming response: the body still to be read, and what handlers need to report errors in it. */
export interface HttpStreamResponse {
  /** The raw body; a broken connection or an idle timeout while reading throws a `ConnectionError`/`TimeoutError`. */
  body: AsyncIterable<Uint8Array>;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  requestId: string | undefined;
  /** For `parseJsonChunk` and errors raised while reading the stream. */
  context: ResponseContext;
}

const networkErrorCodes = new Set([
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_DESTROYED",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);

/**
 * Sends JSON requests to one provider. Every request: the shared keep-alive dispatcher, `timeoutMs` for the
 * headers and between body chunks, `abortSignal`, up to `maxRetries` retries of retryable failures
 * (408/409/429/5xx, timeouts, network errors) with backoff and jitter or the server's `Retry-After`, and
 * errors with the API key redacted. Streams are retried only until the response is accepted.
 */
export class HttpClient {
  readonly provider: string;
  readonly baseURL: string;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  /** Removes this provider's secrets from a text. */
  readonly redact: Redactor;
  private readonly origin: string;
  private readonly basePath: string;
  private readonly headers: Record<string, string>;
  private readonly secrets: string[];
  private readonly dispatcher: Dispatcher;
  private readonly policy: RetryPolicy;
  private readonly authenticationHint: string | undefined;
  private readonly requestIdHeaders: readonly string[];
  /** Request headers of a JSON POST/GET without per-call headers, built once (undici only reads them). */
  private readonly jsonPostHeaders: Record<string, string>;
  private readonly jsonGetHeaders: Record<string, string>;
  /** `redact(baseURL + path)` by path, for calls without per-call headers (a client uses a handful of paths). */
  private readonly redactedURLs = new Map<string, string>();

  constructor(settings: HttpClientSettings) {
    this.provider = settings.provider;
    this.baseURL = settings.baseURL.replace(/\/+$/, "");
    const url = new URL(this.baseURL);
    this.origin = url.origin;
    this.basePath = url.pathname === "/" ? "" : url.pathname;
    this.timeoutMs = settings.timeoutMs ?? defaultTimeoutMs;
    this.maxRetries = settings.maxRetries ?? defaultMaxRetries;
    this.headers = { ...settings.headers };
    this.secrets = (settings.secrets ?? []).filter((secret): secret is string => typeof secret === "string" && secret.length >= 4);
    this.redact = createRedactor(this.secrets);
    this.dispatcher = settings.dispatcher ?? sharedDispatcher(Math.min(this.timeoutMs, defaultConnectTimeoutMs));
    this.policy = { ...defaultRetryPolicy, ...settings.retry };
    this.authenticationHint = settings.authenticationHint;
    this.requestIdHeaders = settings.requestIdHeaders ?? defaultRequestIdHeaders;
    this.jsonPostHeaders = { "content-type": "application/json", accept: "application/json", ...this.headers };
    this.jsonGetHeaders = { accept: "application/json", ...this.headers };
  }

  /** POSTs `body` as JSON and parses the 2xx reply with `successfulResponseHandler`. */
  postJson<T>(options: RequestOptions & { body: unknown; successfulResponseHandler: SuccessfulResponseHandler<T> }): Promise<HttpResponse<T>> {
    const payload = JSON.stringify(options.body);
    return withRetries(() => this.exchange("POST", payload, options), {
      maxRetries: this.maxRetries,
      policy: this.policy,
      abortSignal: options.abortSignal,
    });
  }

  /** GETs `path` and parses the 2xx reply with `successfulResponseHandler`. */
  getJson<T>(options: RequestOptions & { successfulResponseHandler: SuccessfulResponseHandler<T> }): Promise<HttpResponse<T>> {
    return withRetries(() => this.exchange("GET", undefined, options), {
      maxRetries: this.maxRetries,
      policy: this.policy,
      abortSignal: options.abortSignal,
    });
  }

  /**
   * POSTs `body` as JSON and resolves once a 2xx response arrives, with its unread body (feed it to `parseSse`
   * or `parseNdjson`). Failures before that are retried like `postJson`; failures while reading are thrown by
   * the body iterator, mapped to `TimeoutError`/`ConnectionError`, and not retried.
   */
  postStream(options: RequestOptions & { body: unknown; accept?: string }): Promise<HttpStreamResponse> {
    const payload = JSON.stringify(options.body);
    return withRetries(
      async () => {
        const redact = this.redactorOf(this.secretsOf(options));
        const response = await this.send("POST", payload, options, options.accept ?? "text/event-stream", redact);
        const context = this.context(options, response.statusCode, response.headers, redact);
        if (response.statusCode < 200 || response.statusCode >= 300) {
          throw options.failedResponseHandler(await this.readText(response, options, context), context);
        }
        return {
          body: this.readStream(response.body, options, context),
          status: response.statusCode,
          headers: response.headers,
          requestId: context.requestId,
          context,
        };
      },
      { maxRetries: this.maxRetries, policy: this.policy, abortSignal: options.abortSignal },
    );
  }

  /**
   * One attempt of `postJson`/`getJson`, the hot path of every non-streaming call. The secrets and redactor of
   * the attempt are worked out once, here (they depend on the call's own headers).
   */
  private async exchange<T>(
    method: "GET" | "POST",
    payload: string | undefined,
    options: RequestOptions & { successfulResponseHandler: SuccessfulResponseHandler<T> },
  ): Promise<HttpResponse<T>> {
    const secrets = this.secretsOf(options);
    const redact = this.redactorOf(secrets);
    const response = await this.send(method, payload, options, "application/json", redact);
    const context = this.context(options, response.statusCode, response.headers, redact);
    let text = await this.readText(response, options, context);
    if (response.statusCode < 200 || response.statusCode >= 300) throw options.failedResponseHandler(text, context);
    if (secrets.length && containsSecret(text, secrets)) text = redact(text);
    return {
      value: options.successfulResponseHandler(text, context),
      status: response.statusCode,
      headers: response.headers,
      requestId: context.requestId,
    };
  }

  /** Sends one request; `redact` is the attempt's redactor, for a transport error. */
  private async send(method: "GET" | "POST", payload: string | undefined, options: RequestOptions, accept: string, redact: Redactor): Promise<Dispatcher.ResponseData> {
    try {
      return await this.dispatcher.request(this.dispatchOptions(method, payload, options, accept));
    } catch (error) {
      throw this.transportError(error, options, undefined, redact);
    }
  }

  /** What undici is asked to send: the timeouts are undici's own (no timer or AbortSignal of ours per call). */
  private dispatchOptions(method: "GET" | "POST", payload: string | undefined, options: RequestOptions, accept: string): Dispatcher.RequestOptions {
    let headers: Record<string, string>;
    if (options.headers === undefined && accept === "application/json") headers = payload === undefined ? this.jsonGetHeaders : this.jsonPostHeaders;
    else if (payload === undefined) headers = { accept, ...this.headers, ...options.headers };
    else headers = { "content-type": "application/json", accept, ...this.headers, ...options.headers };
    return {
      origin: this.origin,
      path: this.basePath + options.path,
      method,
      headers,
      body: payload,
      signal: options.abortSignal,
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    };
  }

  private async readText(response: Dispatcher.ResponseData, options: RequestOptions, context: ResponseContext): Promise<string> {
    try {
      return await response.body.text();
    } catch (error) {
      throw this.transportError(error, options, context, context.redact);
    }
  }

  private async *readStream(body: AsyncIterable<unknown>, options: RequestOptions, context: ResponseContext): AsyncGenerator<Uint8Array> {
    try {
      for await (const chunk of body) yield chunk as Uint8Array;
    } catch (error) {
      throw this.transportError(error, options, context, context.redact);
    }
  }

  /**
   * The provider's secrets plus the credentials passed in this call's own headers (`authorization`, `x-api-key`...);
   * `this.secrets` itself when the call passes no credential header.
   */
  private secretsOf(options: RequestOptions): string[] {
    if (options.headers === undefined) return this.secrets;
    let secrets: string[] | undefined;
    for (const [name, value] of Object.entries(options.headers)) {
      if (!secretHeaderNames.has(name.toLowerCase()) || typeof value !== "string") continue;
      secrets ??= [...this.secrets];
      secrets.push(value, value.replace(/^\s*[A-Za-z]+\s+/, ""));
    }
    return secrets === undefined ? this.secrets : secrets.filter((secret) => secret.length >= 4);
  }

  /** The redactor of one call's `secrets` (from {@link HttpClient.secretsOf}): {@link HttpClient.redact} when they are the provider's own. */
  private redactorOf(secrets: string[]): Redactor {
    return secrets === this.secrets ? this.redact : createRedactor(secrets);
  }

  private context(options: RequestOptions, status: number, headers: Record<string, string | string[] | undefined>, redact: Redactor): ResponseContext {
    let requestId: string | undefined;
    for (const name of this.requestIdHeaders) {
      const value = headers[name];
      if (value !== undefined) {
        requestId = Array.isArray(value) ? value[0] : value;
        break;
      }
    }
    return {
      provider: this.provider,
      model: options.model,
      url: redact === this.redact ? this.redactedURL(options.path) : redact(this.baseURL + options.path),
      status,
      headers,
      requestId,
      redact,
      authenticationHint: this.authenticationHint,
    };
  }

  /** `redact(baseURL + path)`, remembered for the first 64 paths. */
  private redactedURL(path: string): string {
    let url = this.redactedURLs.get(path);
    if (url === undefined) {
      url = this.redact(this.baseURL + path);
      if (this.redactedURLs.size < 64) this.redactedURLs.set(path, url);
    }
    return url;
  }

  /** Maps what undici or the socket threw to our errors; an abort rethrows the signal's reason. */
  private transportError(error: unknown, options: RequestOptions, context: ResponseContext | undefined, redact: Redactor): unknown {
    if (options.abortSignal?.aborted) return options.abortSignal.reason;
    if (AIError.isInstance(error)) return error;
    const code = (error as { code?: string } | null)?.code ?? "";
    const detail = redact(`${code ? `${code}: ` : ""}${(error as Error | null)?.message ?? String(error)}`);
    const who = options.model === undefined ? this.provider : `${this.provider} (model ${options.model})`;
    const fields = {
      provider: this.provider,
      model: options.model,
      status: context?.status,
      requestId: context?.requestId,
      url: this.redact(this.baseURL + options.path),
      cause: error,
    };
    if (code === "UND_ERR_HEADERS_TIMEOUT") {
      return new TimeoutError(`${who} sent no response within ${this.timeoutMs} ms; retry later or raise timeoutMs.`, fields);
    }
    if (code === "UND_ERR_BODY_TIMEOUT") {
      return new TimeoutError(`${who} stopped sending the response for more than ${this.timeoutMs} ms; retry later or raise timeoutMs.`, fields);
    }
    if (code === "UND_ERR_CONNECT_TIMEOUT") {
      return new TimeoutError(`Could not connect to ${this.provider} at ${this.origin} in time (${detail}); check baseURL and the network.`, fields);
    }
    if (networkErrorCodes.has(code)) {
      const what = context
        ? `The connection to ${who} broke before the response was complete (${detail}); retry.`
        : `Could not reach ${this.provider} at ${this.redact(this.origin)} (${detail}); check baseURL and the network.`;
      return new ConnectionError(what, fields);
    }
    return new ProviderError(`Request to ${who} failed (${detail}); check baseURL and the request options.`, { ...fields, isRetryable: false });
  }
}
