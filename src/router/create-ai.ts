// createAI(): the one entry point to every provider, by model string.
import type { z } from "zod";
import {
  assistantMessage,
  type AssistantMessage,
  type ChatCallOptions,
  type ChatModel,
  type ChatResult,
  type ChatSettings,
  type ChatStreamEvent,
  type Message,
  type ResponseFormat,
  type ToolChoice,
} from "../spec/chat-model.js";
import type { EmbeddingModel } from "../spec/embedding-model.js";
import { ConfigError, ObjectGenerationError, ProviderResponseError, UnsupportedCapabilityError } from "../spec/errors/index.js";
import type { GeneratedImage, ImageModel } from "../spec/image-model.js";
import type { ModerationModel, ModerationVerdict } from "../spec/moderation-model.js";
import type { Capability, ProviderDriver, ProviderFactory, ProviderSettings } from "../spec/provider.js";
import type { CallOptions, ResponseInfo, Usage } from "../spec/shared-types.js";
import { builtInProviders, type AnyProviderFactory, type BuiltInProviderName } from "./built-in-providers.js";
import { estimateTokens, mapWithConcurrency, planBatches } from "./embed-batching.js";
import { checkEmbeddingChain, fallbackChain, runWithFallbacks, validateFallbacks, type FailedAttempt, type Fallbacks } from "./fallbacks.js";
import { parseModelString } from "./model-string.js";
import { defaultPrices, validatePrices, type PriceTable } from "./prices.js";
import type { RateLimitStore } from "./rate-limit-store.js";
import { estimateChatTokens, RateLimiters, type LimiterClock, type RateLease, type RateLimits } from "./rate-limiter.js";
import { ResponseCache, type CacheOptions } from "./response-cache.js";
import { UsageLedger, type BudgetOptions, type UsageReport } from "./usage-ledger.js";
import { toChatTools, toJSONSchema, type Tool } from "./tools.js";
import { AITasks, type TaskMethods } from "../tasks/ai-tasks.js";
import { StreamedReply } from "./streamed-reply.js";
import { pickModel, resolveDefaultModels, type DefaultModels, type TaskName } from "./default-models.js";

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

/** The AI core: every provider behind one typed interface, plus the ready tasks ({@link TaskMethods}). Build it with {@link createAI}. */
export interface AI extends TaskMethods {
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
  extend<Settings extends ProviderSettings>(name: string, factory: ProviderFactory<Settings>, settings?: Settings): AI;
  /** Names of the providers model strings may use: built-ins, configured and extended ones. */
  providers(): string[];
  /** Requests, tokens and spend (USD) since this AI core was created, in total, per provider and per model. */
  usage(): UsageReport;
}

const providerNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const defaultEmbedConcurrency = 4;

/**
 * Creates the AI core. Configured providers are built (and their settings checked) now, so a missing API key
 * fails here with a `ConfigError` naming the environment variable, not at the first call.
 *
 * ```ts
 * const ai = createAI({ providers: { openai: { apiKey: process.env.OPENAI_API_KEY } } });
 * const reply = await ai.chat({ model: "openai:gpt-4o-mini", messages: [{ role: "user", content: "Hi" }] });
 * ```
 */
export function createAI(options: CreateAIOptions = {}): AI {
  return new AIRouter(options);
}

class AIRouter extends AITasks implements AI {
  private readonly factories = new Map<string, AnyProviderFactory>(Object.entries(builtInProviders));
  private readonly configs: Record<string, ProviderConfig>;
  private readonly extraSettings = new Map<string, ProviderSettings>();
  private readonly drivers = new Map<string, ProviderDriver>();
  /** Models built from model strings, by capability then model string. */
  private readonly models: Record<"chat" | "embeddings" | "images" | "moderation", Map<string, unknown>> = {
    chat: new Map(),
    embeddings: new Map(),
    images: new Map(),
    moderation: new Map(),
  };
  private readonly embedConcurrency: number;
  private readonly fallbacks: Fallbacks | undefined;
  private readonly limiters: RateLimiters;
  private readonly cache: ResponseCache | undefined;
  private readonly ledger: UsageLedger;
  private readonly defaults: DefaultModels;

  constructor(options: CreateAIOptions) {
    super();
    this.defaults = resolveDefaultModels(options.defaults);
    this.configs = { ...(options.providers as Record<string, ProviderConfig> | undefined) };
    this.embedConcurrency = options.embedConcurrency ?? defaultEmbedConcurrency;
    if (!(Number.isInteger(this.embedConcurrency) && this.embedConcurrency >= 1)) {
      throw new ConfigError(`embedConcurrency must be a whole number >= 1, got ${String(options.embedConcurrency)}.`);
    }
    for (const [name, config] of Object.entries(this.configs)) {
      if (!providerNamePattern.test(name)) {
        throw new ConfigError(`Provider name ${JSON.stringify(name)} is invalid; use letters, digits, ".", "_" or "-" (no ":").`);
      }
      if (typeof config !== "object" || config === null) throw new ConfigError(`The settings of provider "${name}" must be an object.`);
      if (config.factory !== undefined) {
        if (typeof config.factory !== "function") throw new ConfigError(`The \`factory\` of provider "${name}" must be a function (settings, context) => driver.`);
        this.factories.set(name, config.factory as AnyProviderFactory);
      }
      const driver = config.factory !== undefined ? name : (config.driver ?? name);
      if (config.driver !== undefined && !this.factories.has(driver)) {
        throw new ConfigError(`Provider "${name}" uses driver "${driver}", which is not a built-in; built-ins: ${[...this.factories.keys()].join(", ") || "(none)"}.`);
      }
      if (this.factories.has(driver)) this.driver(name);
    }
    this.limiters = new RateLimiters(options.limits, options.clock, options.rateLimitStore);
    this.cache = options.cache === undefined ? undefined : new ResponseCache(options.cache);
    if (options.prices !== undefined) validatePrices(options.prices);
    // Default prices belong to the built-in drivers: a provider renamed onto another driver does not inherit them.
    const prices = { ...defaultPrices };
    for (const [name, config] of Object.entries(this.configs)) {
      if (config.driver !== undefined && config.driver !== name) for (const key of Object.keys(prices)) if (key.startsWith(`${name}:`)) delete prices[key];
    }
    this.ledger = new UsageLedger({ ...prices, ...options.prices }, options.budget);
    this.fallbacks = options.fallbacks;
    if (options.fallbacks !== undefined) {
      validateFallbacks(options.fallbacks);
      const named = Object.entries(options.fallbacks).flatMap(([model, next]) => [model, ...next]);
      for (const provider of new Set(named.map((model) => parseModelString(model).provider))) {
        if (this.factories.has(this.configs[provider]?.driver ?? provider)) this.driver(provider);
      }
    }
  }

  usage(): UsageReport {
    return this.ledger.report();
  }

  protected override taskModel(task: TaskName, model: ChatModelReference | undefined): ChatModelReference {
    return pickModel(this.defaults, "chat", model, `ai.${task}`, task);
  }

  providers(): string[] {
    return [...new Set([...this.factories.keys(), ...Object.keys(this.configs)])].sort();
  }

  extend<Settings extends ProviderSettings>(name: string, factory: ProviderFactory<Settings>, settings?: Settings): AI {
    if (!providerNamePattern.test(name)) {
      throw new ConfigError(`Provider name ${JSON.stringify(name)} is invalid; use letters, digits, ".", "_" or "-" (no ":").`);
    }
    if (typeof factory !== "function") throw new ConfigError(`ai.extend("${name}", factory) needs a factory function (settings) => driver.`);
    this.factories.set(name, factory as unknown as AnyProviderFactory);
    if (settings !== undefined) this.extraSettings.set(name, settings);
    this.drivers.delete(name);
    for (const models of Object.values(this.models)) for (const reference of [...models.keys()]) if (reference.startsWith(`${name}:`)) models.delete(reference);
    if (this.configs[name] !== undefined || settings !== undefined) this.driver(name);
    return this;
  }

  async chat(options: ChatOptions): Promise<ChatResponse> {
    const reference = options.model ?? pickModel(this.defaults, "chat", undefined, "ai.chat");
    if (!this.hasFallbacks(reference)) {
      // The common case, without the fallback loop's closures and async frames.
      const model = this.chatModel(reference);
      const { result, cached, costUsd } = await this.generate(model, this.chatCallOptions(model, options));
      return withRouting(result, { cached, costUsd, provider: model.provider, model: model.modelId, failedAttempts: [] });
    }
    const { result, model, failedAttempts } = await this.withChatFallbacks(reference, options.abortSignal, (model) =>
      this.generate(model, this.chatCallOptions(model, options)),
    );
    return withRouting(result.result, { cached: result.cached, costUsd: result.costUsd, provider: model.provider, model: model.modelId, failedAttempts });
  }

  stream(options: ChatOptions): AsyncIterable<ChatStreamEvent> {
    const reference = options.model ?? pickModel(this.defaults, "chat", undefined, "ai.stream");
    const open = async (model: ChatModel, callOptions = this.streamCallOptions(model, options)) => {
      const admitted = this.admit(model, estimateChatTokens, callOptions, options.abortSignal);
      const lease = admitted === undefined ? undefined : await admitted;
      try {
        return { stream: (await model.doStream(callOptions)).stream, lease };
      } catch (error) {
        lease?.release();
        throw error;
      }
    };
    let first: ChatModel | undefined;
    let firstCallOptions: ChatCallOptions | undefined;
    if (!this.hasFallbacks(reference)) {
      // Unknown providers and missing capabilities throw now, synchronously; the options built are the ones sent.
      first = this.chatModel(reference);
      firstCallOptions = this.streamCallOptions(first, options);
    }
    const ledger = this.ledger;
    const openWithFallbacks = () => this.withChatFallbacks(reference, options.abortSignal, open);
    return (async function* () {
      const { result, model } = first ? { result: await open(first, firstCallOptions), model: first } : await openWithFallbacks();
      let usage: Usage | undefined;
      const reply = new StreamedReply();
      try {
        for await (const event of result.stream) {
          if (event.type === "finish") {
            usage = event.usage;
            // Every stream ends with the reply as an assistant message, whichever driver sent it.
            yield event.message ? event : { ...event, message: reply.message() };
            continue;
          }
          reply.add(event);
          yield event;
        }
      } finally {
        result.lease?.release(usage?.totalTokens);
        if (usage !== undefined) ledger.record(model.provider, model.modelId, usage);
      }
    })();
  }

  async generateObject<Schema extends z.ZodType>(options: GenerateObjectOptions<Schema>): Promise<GenerateObjectResponse<z.output<Schema>>> {
    const { schema, schemaName, schemaDescription, ...chatOptions } = options;
    const reference = options.model ?? pickModel(this.defaults, "chat", undefined, "ai.generateObject");
    const responseFormat: ResponseFormat = { type: "json", schema: toJSONSchema(schema), name: schemaName ?? "response" };
    if (schemaDescription !== undefined) responseFormat.description = schemaDescription;
    let object: unknown;
    const { result, model, failedAttempts } = await this.withChatFallbacks(reference, options.abortSignal, (candidate) => {
      if (candidate.capabilities.structuredOutput === "none") {
        throw new UnsupportedCapabilityError({ provider: candidate.provider, model: candidate.modelId, capability: "structured-output" });
      }
      // Parsed before the result is cached, so a reply that does not match the schema is never served again.
      return this.generate(candidate, this.chatCallOptions(candidate, { ...chatOptions, responseFormat }), (reply) => {
        object = parseObject(candidate, reply, schema);
      });
    });
    return withRouting(result.result, {
      cached: result.cached,
      costUsd: result.costUsd,
      provider: model.provider,
      model: model.modelId,
      failedAttempts,
      object: object as z.output<Schema>,
    });
  }

  async embed(options: EmbedOptions): Promise<EmbedResponse> {
    const values = typeof options.input === "string" ? [options.input] : options.input;
    if (!Array.isArray(values) || values.some((value) => typeof value !== "string")) {
      throw new ConfigError("ai.embed needs `input` as a string or an array of strings.");
    }
    const { dimensions } = options;
    if (dimensions !== undefined && !(Number.isInteger(dimensions) && dimensions > 0)) {
      throw new ConfigError(`ai.embed \`dimensions\` must be a positive whole number, got ${String(dimensions)}.`);
    }
    if (options.concurrency !== undefined && !(Number.isInteger(options.concurrency) && options.concurrency >= 1)) {
      throw new ConfigError(`ai.embed \`concurrency\` must be a whole number >= 1, got ${String(options.concurrency)}.`);
    }
    const reference = options.model ?? pickModel(this.defaults, "embedding", undefined, "ai.embed");
    if (!this.hasFallbacks(reference)) {
      return this.embedWith(typeof reference === "string" ? this.model(reference, "embeddings") : reference, values, options);
    }
    // Only model strings have fallbacks.
    const chain = fallbackChain(reference as string, this.fallbacks);
    checkEmbeddingChain(chain, dimensions);
    const { result, failedAttempts } = await runWithFallbacks(
      chain,
      options.abortSignal,
      (reference) => this.embedWith(this.model(reference, "embeddings"), values, options),
      describeReference,
    );
    // The response is ours (built by embedWith): its `failedAttempts` is set, not copied into a new object.
    result.failedAttempts = failedAttempts;
    return result;
  }

  /**
   * `ai.embed` with one model: inputs found in the cache are served from it, the others batched and sent.
   * `failedAttempts` is empty; `embed` sets it after a fallback.
   */
  private async embedWith(model: EmbeddingModel, values: readonly string[], options: EmbedOptions): Promise<EmbedResponse> {
    const { dimensions } = options;
    const concurrency = options.concurrency ?? (model.supportsParallelCalls ? this.embedConcurrency : 1);
    const embeddings = new Array<number[]>(values.length);
    // The texts to send, and for each the input positions it fills (duplicates are sent once when caching).
    let pending: string[] = values as string[];
    let positions: number[][] | undefined;
    let keys: string[] | undefined;
    let cachedInputs = 0;
    const cache = this.cache;
    if (cache !== undefined) {
      const parts = { provider: model.provider, modelId: model.modelId, dimensions, inputType: options.inputType, providerOptions: options.providerOptions };
      keys = values.map((value) => cache.embeddingKey(parts, value));
      const byText = new Map<string, number[]>();
      for (let index = 0; index < values.length; index++) {
        const hit = cache.getEmbedding(keys[index]!);
        if (hit !== undefined) {
          embeddings[index] = hit;
          cachedInputs++;
        } else {
          const same = byText.get(values[index]!);
          if (same) same.push(index);
          else byText.set(values[index]!, [index]);
        }
      }
      pending = [...byText.keys()];
      positions = [...byText.values()];
    }
    if (cachedInputs > 0) this.ledger.recordCacheHits(model.provider, model.modelId, cachedInputs);
    const batches = planBatches(pending, model.maxEmbeddingsPerCall ?? Infinity, model.maxTokensPerCall ?? Infinity);
    const results = await mapWithConcurrency(
      batches,
      concurrency,
      async ([start, end], _index, signal) => {
        const call = { values: pending.slice(start, end), abortSignal: signal } as Parameters<EmbeddingModel["doEmbed"]>[0];
        if (dimensions !== undefined) call.dimensions = dimensions;
        if (options.inputType !== undefined) call.inputType = options.inputType;
        if (options.headers !== undefined) call.headers = options.headers;
        if (options.providerOptions !== undefined) call.providerOptions = options.providerOptions;
        const admitted = this.admit(model, estimateEmbedTokens, call, signal);
        const lease = admitted === undefined ? undefined : await admitted;
        let result: Awaited<ReturnType<EmbeddingModel["doEmbed"]>>;
        try {
          result = await model.doEmbed(call);
        } catch (error) {
          lease?.release();
          throw error;
        }
        const costUsd = this.settle(model, lease, result.usage.inputTokens, { inputTokens: result.usage.inputTokens });
        checkEmbeddings(model, result.embeddings, end - start, dimensions, result.response);
        return { result, start, costUsd };
      },
      options.abortSignal,
    );
    let inputTokens: number | undefined = results.length === 0 ? 0 : undefined;
    let costUsd: number | undefined = 0;
    let width: number | undefined;
    for (const { result, start, costUsd: callCost } of results) {
      result.embeddings.forEach((vector, offset) => {
        width ??= vector.length;
        if (vector.length !== width) throw dimensionError(model, `vectors of different sizes (${width} and ${vector.length})`, result.response);
        const targets = positions ? positions[start + offset]! : [start + offset];
        for (const position of targets) {
          embeddings[position] = targets.length > 1 ? vector.slice() : vector;
          if (keys !== undefined) cache!.setEmbedding(keys[position]!, vector);
        }
      });
      if (result.usage.inputTokens !== undefined) inputTokens = (inputTokens ?? 0) + result.usage.inputTokens;
      costUsd = costUsd === undefined || callCost === undefined ? undefined : costUsd + callCost;
    }
    // Vectors from the provider were compared above; those from the cache still have to match them.
    if (cachedInputs > 0) {
      for (const vector of embeddings) {
        width ??= vector.length;
        if (vector.length !== width) throw dimensionError(model, `vectors of different sizes (${width} and ${vector.length}) for one call`, {});
      }
    }
    return {
      embeddings,
      usage: { inputTokens },
      provider: model.provider,
      model: model.modelId,
      calls: results.length,
      responses: results.map(({ result }) => result.response),
      cached: values.length > 0 && results.length === 0,
      cachedInputs,
      costUsd,
      failedAttempts: [],
    };
  }

  async image(options: ImageOptions): Promise<ImageResponse> {
    const model = typeof options.model === "string" ? this.model(options.model, "images") : options.model;
    const total = options.n ?? 1;
    if (!(Number.isInteger(total) && total >= 1)) throw new ConfigError(`ai.image \`n\` must be a whole number >= 1, got ${String(options.n)}.`);
    const counts: number[] = [];
    for (let left = total; left > 0; left -= model.maxImagesPerCall) counts.push(Math.min(left, model.maxImagesPerCall));
    const results = await mapWithConcurrency(
      counts,
      this.embedConcurrency,
      (n, _index, signal) => {
        const call: Parameters<ImageModel["doGenerate"]>[0] = { prompt: options.prompt, n, abortSignal: signal };
        if (options.size !== undefined) call.size = options.size;
        if (options.headers !== undefined) call.headers = options.headers;
        if (options.providerOptions !== undefined) call.providerOptions = options.providerOptions;
        return model.doGenerate(call);
      },
      options.abortSignal,
    );
    return {
      images: results.flatMap((result) => result.images),
      provider: model.provider,
      model: model.modelId,
      responses: results.map((result) => result.response),
    };
  }

  async moderate(options: ModerateOptions): Promise<ModerateResponse> {
    const model = typeof options.model === "string" ? this.model(options.model, "moderation") : options.model;
    const input = typeof options.input === "string" ? [options.input] : [...options.input];
    const call: Parameters<ModerationModel["doModerate"]>[0] = { input };
    if (options.abortSignal !== undefined) call.abortSignal = options.abortSignal;
    if (options.headers !== undefined) call.headers = options.headers;
    if (options.providerOptions !== undefined) call.providerOptions = options.providerOptions;
    const result = await model.doModerate(call);
    if (result.results.length !== input.length) {
      throw new ProviderResponseError(
        `${model.provider}:${model.modelId} returned ${result.results.length} moderation results for ${input.length} inputs; this is a provider fault, retry.`,
        { provider: model.provider, model: model.modelId, requestId: result.response.requestId },
      );
    }
    return { ...result, flagged: result.results.some((verdict) => verdict.flagged), provider: model.provider, model: model.modelId };
  }

  /** The references to try for a call: the model, then its fallbacks (model objects have none). */
  private chain<Reference extends string | object>(reference: Reference): Reference[] {
    return typeof reference === "string" ? (fallbackChain(reference, this.fallbacks) as Reference[]) : [reference];
  }

  /** Whether `reference` has a fallback chain (model objects never have one). */
  private hasFallbacks(reference: string | object): boolean {
    return typeof reference === "string" && this.fallbacks?.[reference] !== undefined;
  }

  /**
   * Runs `attempt` with each chat model of the chain of `reference` until one answers (see `fallbacks`). `chat`
   * and `stream` call a model without fallbacks directly, without this loop's arrays and closures.
   */
  private async withChatFallbacks<Result>(
    reference: ChatModelReference,
    signal: AbortSignal | undefined,
    attempt: (model: ChatModel) => Promise<Result>,
  ): Promise<{ result: Result; model: ChatModel; failedAttempts: FailedAttempt[] }> {
    const { result, failedAttempts } = await runWithFallbacks(
      this.chain(reference),
      signal,
      async (item) => {
        const model = this.chatModel(item);
        return { model, value: await attempt(model) };
      },
      describeReference,
    );
    return { result: result.value, model: result.model, failedAttempts };
  }

  /**
   * One non-streaming chat call through the cache, the budget, the rate limits and the ledger. `accept` may
   * throw to reject the result; a rejected result is not cached. The result is returned beside the routing
   * fields, not spread into a copy: the caller builds the response object once.
   */
  private async generate(
    model: ChatModel,
    callOptions: ChatCallOptions,
    accept?: (result: ChatResult) => void,
  ): Promise<{ result: ChatResult; cached: boolean; costUsd: number | undefined }> {
    const cache = this.cache;
    const key = cache !== undefined && ResponseCache.isCacheableChat(callOptions) ? cache.chatKey(model.provider, model.modelId, callOptions) : undefined;
    if (key !== undefined) {
      const hit = cache!.getChat(key);
      if (hit !== undefined) {
        accept?.(hit);
        this.ledger.recordCacheHits(model.provider, model.modelId);
        return { result: hit, cached: true, costUsd: 0 };
      }
    }
    const admitted = this.admit(model, estimateChatTokens, callOptions, callOptions.abortSignal);
    const lease = admitted === undefined ? undefined : await admitted;
    let result: ChatResult;
    try {
      result = await model.doGenerate(callOptions);
    } catch (error) {
      lease?.release();
      throw error;
    }
    const costUsd = this.settle(model, lease, result.usage.totalTokens, result.usage);
    accept?.(result);
    if (key !== undefined) cache!.setChat(key, result);
    return { result, cached: false, costUsd };
  }

  /**
   * The start of every provider call (chat, stream, embedding batch): the budget check, then the rate limits of
   * the model and its provider. Returns no promise when no limit applies (the caller does not await), and
   * estimates the call's tokens, with `estimate(input)`, only when one of those limits counts them.
   */
  private admit<Input>(
    model: { provider: string; modelId: string },
    estimate: (input: Input) => number,
    input: Input,
    signal: AbortSignal | undefined,
  ): Promise<RateLease> | undefined {
    this.ledger.checkBudget(model.provider, model.modelId);
    const limiters = this.limiters;
    if (!limiters.applies(model.provider, model.modelId)) return undefined;
    return limiters.acquire(model.provider, model.modelId, limiters.countsTokens(model.provider, model.modelId) ? estimate(input) : 0, signal);
  }

  /** The end of a call {@link admit} let through: the lease settled with the tokens used, the usage recorded; returns its cost. */
  private settle(
    model: { provider: string; modelId: string },
    lease: RateLease | undefined,
    tokens: number | undefined,
    usage: Parameters<UsageLedger["record"]>[2],
  ): number | undefined {
    lease?.release(tokens);
    return this.ledger.record(model.provider, model.modelId, usage);
  }

  /** {@link chatCallOptions} for a stream: the model must be able to stream. */
  private streamCallOptions(model: ChatModel, options: ChatOptions): ChatCallOptions {
    if (!model.capabilities.streaming) throw unsupported(model, "streaming");
    return this.chatCallOptions(model, options);
  }

  private chatModel(reference: ChatModelReference): ChatModel {
    return typeof reference === "string" ? this.model(reference, "chat") : reference;
  }

  /** Checks capabilities and converts the caller's options to what the driver receives. */
  private chatCallOptions(model: ChatModel, options: Omit<ChatOptions, "model">): ChatCallOptions {
    if (!Array.isArray(options.messages) || options.messages.length === 0) {
      throw new ConfigError("A chat call needs `messages`: a non-empty array like [{ role: \"user\", content: \"Hi\" }].");
    }
    const { model: _model, tools, ...rest } = options as ChatOptions;
    const callOptions: ChatCallOptions = rest;
    if (tools !== undefined && tools.length > 0) {
      if (!model.capabilities.tools) throw unsupported(model, "tools");
      callOptions.tools = toChatTools(tools);
    }
    if (options.responseFormat?.type === "json" && model.capabilities.structuredOutput === "none") throw unsupported(model, "structured-output");
    if (!model.capabilities.imageInput) {
      for (const message of options.messages) {
        if (message.role === "user" && Array.isArray(message.content) && message.content.some((part) => part.type === "image")) throw unsupported(model, "image-input");
      }
    }
    return callOptions;
  }

  /** The model for a model string, from the provider's driver (cached per string). */
  private model(reference: string, capability: "chat"): ChatModel;
  private model(reference: string, capability: "embeddings"): EmbeddingModel;
  private model(reference: string, capability: "images"): ImageModel;
  private model(reference: string, capability: "moderation"): ModerationModel;
  private model(reference: string, capability: "chat" | "embeddings" | "images" | "moderation"): unknown {
    const cached = this.models[capability].get(reference);
    if (cached !== undefined) return cached;
    const { provider, modelId } = parseModelString(reference, this.providers());
    const driver = this.driver(provider);
    const methodName = ({ chat: "chatModel", embeddings: "embeddingModel", images: "imageModel", moderation: "moderationModel" } as const)[capability];
    const method = driver[methodName] as ((this: ProviderDriver, modelId: string) => unknown) | undefined;
    if (typeof method !== "function") throw new UnsupportedCapabilityError({ provider, capability });
    const model: unknown = method.call(driver, modelId);
    this.models[capability].set(reference, model);
    return model;
  }

  /** The driver registered as `name`, built on first use. */
  private driver(name: string): ProviderDriver {
    const existing = this.drivers.get(name);
    if (existing) return existing;
    const config = this.configs[name];
    const factoryName = config?.factory !== undefined ? name : (config?.driver ?? name);
    const factory = this.factories.get(factoryName);
    if (!factory) {
      throw new ConfigError(
        `Unknown provider "${name}"; known providers: ${this.providers().join(", ") || "(none)"}. Register it with ai.extend("${name}", factory) or fix the model string.`,
      );
    }
    let settings: ProviderSettings = config ?? this.extraSettings.get(name) ?? {};
    if (config?.driver !== undefined || config?.factory !== undefined) {
      const { driver: _driver, factory: _factory, ...rest } = config;
      settings = rest;
    }
    const driver = (factory as unknown as ProviderFactory)(settings, { name });
    if (typeof driver !== "object" || driver === null) throw new ConfigError(`The factory of provider "${name}" returned no driver object.`);
    this.drivers.set(name, driver);
    return driver;
  }
}

/** The reply of `generateObject` as JSON validated by `schema`; an `ObjectGenerationError` when it is not. */
function parseObject(model: ChatModel, result: ChatResult, schema: z.ZodType): unknown {
  const text = stripCodeFence(result.text);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ObjectGenerationError(
      `${model.provider}:${model.modelId} replied with text that is not JSON (${(error as Error).message}); retry, or use a model with structured output.`,
      { text: result.text, cause: error },
    );
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: issue.path, message: issue.message }));
    const first = issues[0];
    throw new ObjectGenerationError(
      `${model.provider}:${model.modelId} replied with JSON that does not match the schema (${first ? `${first.path.map(String).join(".") || "(root)"}: ${first.message}` : "invalid"}); retry, or simplify the schema.`,
      { text: result.text, issues, cause: parsed.error },
    );
  }
  return parsed.data;
}

/**
 * `{ ...result, ...routing }`, built with `Object.assign`: Node 20's V8 copies a driver's fresh result object on
 * a slow path when it is spread (about 4 µs a call and a new hidden class each time; see the
 * driver-overhead-chat bench), `Object.assign` in about 0.2 µs.
 */
function withRouting<Routing extends object>(result: ChatResult, routing: Routing): ChatResult & Routing & { message: AssistantMessage } {
  return Object.assign({}, result, routing, { message: assistantMessage(result) });
}

/** The error for a capability `model` lacks. */
function unsupported(model: ChatModel, capability: Capability): UnsupportedCapabilityError {
  return new UnsupportedCapabilityError({ provider: model.provider, model: model.modelId, capability });
}

/** Provider and model id of a model string or model object, for `failedAttempts`. */
function describeReference(reference: string | { provider: string; modelId: string }): { provider: string; model: string } {
  if (typeof reference !== "string") return { provider: reference.provider, model: reference.modelId };
  const { provider, modelId } = parseModelString(reference);
  return { provider, model: modelId };
}

/** Removes a Markdown code fence around a JSON reply (JSON-mode models sometimes add one). */
function stripCodeFence(text: string): string {
  const match = /^\s*```(?:json)?\s*\n([\s\S]*?)\n?```\s*$/i.exec(text);
  return match ? match[1]! : text;
}

/** Tokens of one embedding call, for `tokensPerMinute`. */
function estimateEmbedTokens(call: { values: readonly string[] }): number {
  let tokens = 0;
  for (const value of call.values) tokens += estimateTokens(value);
  return tokens;
}

function dimensionError(model: EmbeddingModel, what: string, response: ResponseInfo): ProviderResponseError {
  return new ProviderResponseError(`${model.provider}:${model.modelId} returned ${what}; check the model and the \`dimensions\` option.`, {
    provider: model.provider,
    model: model.modelId,
    requestId: response.requestId,
  });
}

function checkEmbeddings(model: EmbeddingModel, embeddings: number[][], expected: number, dimensions: number | undefined, response: ResponseInfo): void {
  if (!Array.isArray(embeddings) || embeddings.length !== expected) {
    throw dimensionError(model, `${Array.isArray(embeddings) ? embeddings.length : 0} vectors for ${expected} inputs`, response);
  }
  if (dimensions === undefined) return;
  for (const vector of embeddings) {
    if (vector.length !== dimensions) {
      throw new ProviderResponseError(
        `${model.provider}:${model.modelId} returned ${vector.length}-dimensional vectors but ${dimensions} were requested; use a model that supports \`dimensions\` or request its native size (${vector.length}).`,
        { provider: model.provider, model: model.modelId, requestId: response.requestId },
      );
    }
  }
}
