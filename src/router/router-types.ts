// The option and result types of the router (`createAI` options, the options and responses of chat, stream,
// generateObject, embed, image and moderate) and {@link AIRouter}, the routing core's interface.
import type { z } from "zod";
import type { AssistantMessage, ChatModel, ChatResult, ChatSettings, ChatStreamEvent, Message, ResponseFormat, ToolChoice } from "../spec/chat-model.js";
import type { EmbeddingModel } from "../spec/embedding-model.js";
import type { GeneratedImage, ImageModel } from "../spec/image-model.js";
import type { ModerationModel, ModerationVerdict } from "../spec/moderation-model.js";
import type { ProviderFactory, ProviderSettings } from "../spec/provider.js";
import type { CallOptions, ResponseInfo } from "../spec/shared-types.js";
import type { builtInProviders, BuiltInProviderName } from "./built-in-providers.js";
import type { FailedAttempt, Fallbacks } from "./fallbacks.js";
import type { PriceTable } from "./prices.js";
import type { LimiterClock, RateLimitStore } from "./rate-limit-store.js";
import type { RateLimits } from "./rate-limiter.js";
import type { DefaultModels } from "./default-models.js";
import type { CacheOptions } from "./response-cache.js";
import type { Tool } from "./tools.js";
import type { BudgetOptions, UsageReport } from "./usage-ledger.js";

/** Settings of one configured provider: its own settings, plus `driver` to run a built-in under another name. */
export type ProviderConfig = ProviderSettings & {
  /**
   * The built-in (or extended) driver this entry configures, when the entry's name differs: e.g.
   * `together: { driver: "openai-compatible", baseURL: "https://api.together.xyz/v1" }`. Default: the entry's name.
   */
  driver?: string;
  /**
   * The factory of this provider, for drivers that are not built in: `fromAISDK(...)` (prisma-extension-ai/ai-sdk)
   * and `fakeAI` (prisma-extension-ai/testing) give one. Same as `ai.extend(name, factory)`, but registered
   * before `fallbacks` are checked. Default: the built-in (or extended) driver of `driver`.
   */
  factory?: ProviderFactory<never>;
  [setting: string]: unknown;
};

/** Settings type of each built-in provider, from its factory. */
export type BuiltInProviderSettings = { [Name in BuiltInProviderName]: Parameters<(typeof builtInProviders)[Name]>[0] };

/** `createAI` options. */
export interface CreateAIOptions {
  /**
   * Providers by name. Built-ins are typed by their settings; other names configure `ai.extend` providers or
   * (with `driver`) a second instance of a built-in. A built-in not listed here is still available, with its
   * defaults (API key from its environment variable), at its first use.
   */
  providers?: { [Name in BuiltInProviderName]?: BuiltInProviderSettings[Name] & Pick<ProviderConfig, "driver" | "factory"> } & Record<string, ProviderConfig>;
  /** Default concurrency of `ai.embed` for models that support parallel calls. Default: 4. */
  embedConcurrency?: number;
  /**
   * Models to try, in order, when a model string's model fails with a retryable error (after the HTTP layer's
   * own retries), an authentication error or a missing capability: `{ "openai:gpt-4o-mini": ["anthropic:claude-haiku-4-5"] }`.
   * Bad requests and context-length errors are thrown, never masked. Applies to `chat`, `stream` (before the
   * first event), `generateObject` and `embed` (only between models whose vectors have one size: see the
   * README "Routing"). The providers named are built now, so a missing API key fails here. Default: none.
   */
  fallbacks?: Fallbacks;
  /**
   * Rate limits by provider (`"openai"`) and by model (`"openai:gpt-4o-mini"`): requests and tokens per minute,
   * calls in flight. Calls wait for capacity (honouring their `abortSignal`) instead of failing. Each process
   * (and each `createAI`) has its own limits unless `rateLimitStore` shares them. Default: none.
   */
  limits?: RateLimits;
  /**
   * Where `requestsPerMinute` and `tokensPerMinute` of `limits` are counted: e.g. `postgresRateLimitStore(pool)`,
   * shared by every process on that database, so N workers together stay within one budget. `maxConcurrency`
   * stays per process. Default: this process's memory.
   */
  rateLimitStore?: RateLimitStore;
  /**
   * Opt-in response cache (in process memory, LRU bounded by `maxBytes`) for non-streaming chat calls with
   * `temperature: 0` and for embeddings, per input text. Cached results have `cached: true`. Default: off.
   */
  cache?: CacheOptions;
  /**
   * Prices (USD per 1M tokens) by `"provider:model-id"` or `"provider:*"`, merged over the built-in table
   * (`defaultPrices`). Used for `costUsd`, `ai.usage()` and `budget`.
   */
  prices?: PriceTable;
  /** A spending limit: once the known spend reaches `maxUsd`, requests throw `BudgetExceededError` before being sent. Default: none. */
  budget?: BudgetOptions;
  /**
   * Models of calls that name none: `{ chat, embedding, tasks: { classify, extract, summarize, translate, generateCode } }`
   * (a task's own default first, then `chat`). Where it leaves a model out, the environment variables
   * `PRISMA_AI_DEFAULT_CHAT_MODEL` / `PRISMA_AI_DEFAULT_EMBEDDING_MODEL` (read now) give it. Default: none, and a
   * call without `model` is a `ConfigError`.
   */
  defaults?: DefaultModels;
  /** Time source of the rate limiters, for tests. Default: the system clock. @internal */
  clock?: LimiterClock;
}

/** A chat model given as `"provider:model-id"` or as a model object (e.g. from a custom driver). */
export type ChatModelReference = string | ChatModel;

/** Options of `ai.chat` and `ai.stream`. */
export interface ChatOptions extends ChatSettings, CallOptions {
  /** Default: `createAI({ defaults: { chat } })`, else `PRISMA_AI_DEFAULT_CHAT_MODEL`. */
  model?: ChatModelReference;
  messages: Message[];
  /** Tools the model may call; `parameters` as a zod schema or JSON Schema. */
  tools?: Tool[];
  /** Default: `auto` when tools are given. */
  toolChoice?: ToolChoice;
  /** Default: text. `{ type: "json", schema }` asks for structured output (`generateObject` does this for you). */
  responseFormat?: ResponseFormat;
}

/** The result of `ai.chat`: the driver's result plus which provider and model answered. */
export interface ChatResponse extends ChatResult {
  /**
   * The reply as an assistant message, ready to append to `messages` for the next turn (tool loops): the
   * driver's own (with reasoning and provider state such as Gemini thought signatures), else built from `text`
   * and `toolCalls`.
   */
  message: AssistantMessage;
  /** The provider that answered (with fallbacks, not necessarily the one asked for). */
  provider: string;
  /** The model id that answered. */
  model: string;
  // The routing fields below are always set by `createAI`; they are optional so hand-written stand-ins of `ai.chat` stay valid.
  /** Served from the response cache (`createAI({ cache })`): no request was sent. `usage` is the original call's. */
  cached?: boolean;
  /** What the call cost in US dollars: 0 when cached, `undefined` when the price or token counts are unknown. */
  costUsd?: number | undefined;
  /** Models of the fallback chain that failed before this one answered; empty when the first one did. */
  failedAttempts?: FailedAttempt[];
}

/** Options of `ai.generateObject`. */
export interface GenerateObjectOptions<Schema extends z.ZodType> extends Omit<ChatOptions, "responseFormat" | "tools" | "toolChoice"> {
  /** What the reply must be; the result's `object` is typed and validated by it. */
  schema: Schema;
  /** Name of the schema for providers that want one. Default: `"response"`. */
  schemaName?: string;
  schemaDescription?: string;
}

/** The result of `ai.generateObject`: the validated object plus everything `ai.chat` returns. */
export interface GenerateObjectResponse<T> extends ChatResponse {
  object: T;
}

/** Options of `ai.embed`. */
export interface EmbedOptions extends CallOptions {
  /** Default: `createAI({ defaults: { embedding } })`, else `PRISMA_AI_DEFAULT_EMBEDDING_MODEL`. */
  model?: string | EmbeddingModel;
  /** One text or many; `embeddings` has one vector per text, in this order. */
  input: string | readonly string[];
  /** Vector size to ask for; every vector returned must have it (a mismatch is an error, never a truncation). */
  dimensions?: number;
  /** See `EmbedCallOptions.inputType`. Default: `document`. */
  inputType?: "document" | "query";
  /** Calls in flight at once. Default: `embedConcurrency` of `createAI` (4), or 1 when the model does not support parallel calls. */
  concurrency?: number;
}

/** The result of `ai.embed`. */
export interface EmbedResponse {
  /** One vector per input, in input order. */
  embeddings: number[][];
  /** Summed over the calls; `undefined` when the provider does not report it. */
  usage: { inputTokens: number | undefined };
  provider: string;
  model: string;
  /** Number of provider calls made (after batching; inputs served from the cache are not sent). */
  calls: number;
  responses: ResponseInfo[];
  // The routing fields below are always set by `createAI`; they are optional so hand-written stand-ins of `ai.embed` stay valid.
  /** Every vector came from the response cache (no call was made). */
  cached?: boolean;
  /** How many inputs were served from the response cache. */
  cachedInputs?: number;
  /** Cost in US dollars of the calls made; `undefined` when the price or token counts are unknown. */
  costUsd?: number | undefined;
  /** Models of the fallback chain that failed before this one answered; empty when the first one did. */
  failedAttempts?: FailedAttempt[];
}

/** Options of `ai.image`. */
export interface ImageOptions extends CallOptions {
  model: string | ImageModel;
  prompt: string;
  /** Number of images; split into several calls above the model's `maxImagesPerCall`. Default: 1. */
  n?: number;
  size?: string;
}

/** The result of `ai.image`: the images of every call, in order, and which provider and model made them. */
export interface ImageResponse {
  images: GeneratedImage[];
  provider: string;
  model: string;
  responses: ResponseInfo[];
}

/** Options of `ai.moderate`. */
export interface ModerateOptions extends CallOptions {
  model: string | ModerationModel;
  input: string | readonly string[];
}

/** The result of `ai.moderate`: one verdict per input and whether any was flagged. */
export interface ModerateResponse {
  /** One verdict per input, in order. */
  results: ModerationVerdict[];
  /** Whether any input was flagged. */
  flagged: boolean;
  provider: string;
  model: string;
  raw: unknown;
  response: ResponseInfo;
}

/**
 * The routing core: every provider behind one typed interface (chat, stream, generateObject, embed, image,
 * moderate), with fallbacks, limits, cache, costs and budget. `createAI()` returns it with the ready tasks
 * added (`AI`); the tasks need only its `chat` and `generateObject`.
 */
export interface AIRouter {
  /** One chat reply. */
  chat(options: ChatOptions): Promise<ChatResponse>;
  /**
   * A streamed chat reply. Unknown providers and missing capabilities throw here, synchronously (for a model
   * with `fallbacks`, from the iterator); the request is sent when iteration starts. Failures during the stream
   * throw from the iterator. Fallbacks apply only until the stream has started.
   */
  stream(options: ChatOptions): AsyncIterable<ChatStreamEvent>;
  /** A reply validated by a zod schema; `object` is typed by it. */
  generateObject<Schema extends z.ZodType>(options: GenerateObjectOptions<Schema>): Promise<GenerateObjectResponse<z.output<Schema>>>;
  /** Embeddings in input order, batched by the model's limits, calls run concurrently. */
  embed(options: EmbedOptions): Promise<EmbedResponse>;
  /** Generated images. */
  image(options: ImageOptions): Promise<ImageResponse>;
  /** Moderation verdicts, one per input. */
  moderate(options: ModerateOptions): Promise<ModerateResponse>;
  /**
   * Registers a provider under `name` (letters, digits, `.`, `_`, `-`), used like the built-ins:
   * `ai.chat({ model: "name:model-id" })`. Its settings come from `createAI({ providers: { name: {...} } })`
   * when given there, else `settings`. Replaces a built-in of the same name. Returns the same `ai`.
   */
  extend<Settings extends ProviderSettings>(name: string, factory: ProviderFactory<Settings>, settings?: Settings): AIRouter;
  /** Names of the providers model strings may use: built-ins, configured and extended ones. */
  providers(): string[];
  /** Requests, tokens and spend (USD) since this AI core was created, in total, per provider and per model. */
  usage(): UsageReport;
}
