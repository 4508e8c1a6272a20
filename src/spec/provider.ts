/**
 * The provider contract: a {@link ProviderFactory} turns {@link ProviderSettings} into a {@link ProviderDriver},
 * which hands out models by id. Built-in providers and `ai.extend(name, factory)` use the same contract.
 *
 * ## Adding a provider
 *
 * One folder under `src/providers/<provider>/`, prefixed files (see `src/providers/README.md` for the full note):
 *
 * - `<provider>-api.ts`: zod schemas of the wire format (responses and stream chunks `.nullish()`/loose: accept
 *   what the provider may add; request option schemas strict).
 * - `<provider>-error.ts`: the error body schema and a `failedResponseHandler` built with
 *   `createJsonErrorResponseHandler` from `src/http/`, so 401/429/context-length map to the shared error classes.
 * - `<provider>-chat-model.ts`: a class implementing {@link ChatModel} (`doGenerate` via `postJson`, `doStream`
 *   via `postStream` + the SSE/NDJSON parsers of `src/http/`).
 * - `<provider>-embedding-model.ts`: implementing {@link EmbeddingModel} when the provider embeds.
 * - `index.ts`: `create<Provider>(settings)` returning a {@link ProviderDriver}; settings resolved with
 *   `resolveProviderSettings` from `src/providers/shared/` (API key from the environment, base URL default...).
 *
 * Register a built-in in `src/router/built-in-providers.ts`: one line `<name>: create<Provider>,`
 * (one line per provider, so parallel work does not collide).
 */
import type { Dispatcher } from "undici";
import type { ChatModel } from "./chat-model.js";
import type { EmbeddingModel } from "./embedding-model.js";
import type { ImageModel } from "./image-model.js";
import type { ModerationModel } from "./moderation-model.js";
import type { RerankModel } from "./rerank-model.js";

/** Settings every provider accepts. Providers may add their own (e.g. `organization` for OpenAI). */
export interface ProviderSettings {
  /** API key. Default: the provider's environment variable (`OPENAI_API_KEY`...). Never appears in errors. */
  apiKey?: string;
  /**
   * Root URL the request paths are appended to, as the Vercel AI SDK defines it (OpenAI
   * `https://api.openai.com/v1`, Ollama `http://127.0.0.1:11434/api`...). Default: the provider's public endpoint.
   */
  baseURL?: string;
  /** Extra headers sent with every request of this provider. */
  headers?: Record<string, string>;
  /**
   * Milliseconds to wait for the response headers, and at most between two chunks of a body (so a long stream
   * that keeps sending never times out). Default: 120,000.
   */
  timeoutMs?: number;
  /** Retries after the first attempt on 408/409/429/5xx and network errors. Default: 2. */
  maxRetries?: number;
  /**
   * Backoff tuning: first delay (default 500 ms, doubling, jittered), its cap (8 s), and the longest
   * `Retry-After` honoured (60 s; a longer one is not retried). `sleep` replaces the timer (tests record delays).
   */
  retry?: {
    initialDelayMs?: number;
    maxDelayMs?: number;
    maxRetryAfterMs?: number;
    sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  };
  /** undici dispatcher to send requests through (a proxy agent, a mock). Default: the shared keep-alive `Agent`. */
  dispatcher?: Dispatcher;
}

/** The models of one provider. A method that is absent means the provider lacks that capability. */
export interface ProviderDriver {
  /** The provider's name as registered (`openai`, or the name given to `ai.extend`). */
  readonly name: string;
  chatModel?(modelId: string): ChatModel;
  embeddingModel?(modelId: string): EmbeddingModel;
  imageModel?(modelId: string): ImageModel;
  moderationModel?(modelId: string): ModerationModel;
  /** Rerank models (`cohere:rerank-v3.5`, `voyage:rerank-2.5`...). */
  rerankModel?(modelId: string): RerankModel;
}

/** What the router passes a factory besides the settings. */
export interface ProviderContext {
  /** The name the provider is registered under; drivers report it as `model.provider`. */
  name: string;
}

/**
 * Builds a provider from its settings. Called once per provider, when `createAI` runs (configured providers)
 * or at first use (built-ins configured only through environment variables). Throws `ConfigError` for
 * missing or invalid settings.
 */
export type ProviderFactory<Settings extends ProviderSettings = ProviderSettings> = (
  settings: Settings,
  context: ProviderContext,
) => ProviderDriver;

/** The capabilities a provider may lack; named by `UnsupportedCapabilityError`. */
export type Capability = "chat" | "streaming" | "tools" | "structured-output" | "image-input" | "embeddings" | "images" | "moderation" | "rerank";
