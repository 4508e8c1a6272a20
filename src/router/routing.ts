// What every call of the router goes through besides the driver: the budget and the rate limits before it, the
// usage ledger after it, the response cache, and the fallback chain of its model string. Built once per
// `createAI` from its options; the call modules (chat, embed, ...) share it through a RouterContext.
import type { ChatModel } from "../spec/chat-model.js";
import { ConfigError } from "../spec/errors/index.js";
import { fallbackChain, runWithFallbacks, validateFallbacks, type FailedAttempt, type Fallbacks } from "./fallbacks.js";
import { resolveDefaultModels, type DefaultModels } from "./default-models.js";
import type { ModelRegistry } from "./model-registry.js";
import { parseModelString } from "./model-string.js";
import { defaultPrices, validatePrices } from "./prices.js";
import { RateLimiters, type RateLease } from "./rate-limiter.js";
import { ResponseCache } from "./response-cache.js";
import type { ChatModelReference, CreateAIOptions } from "./router-types.js";
import { UsageLedger, type UsageReport } from "./usage-ledger.js";

const defaultEmbedConcurrency = 4;

/** `embedConcurrency` of `createAI`, checked (the first option `createAI` checks). */
export function checkEmbedConcurrency(value: number | undefined): number {
  const concurrency = value ?? defaultEmbedConcurrency;
  if (!(Number.isInteger(concurrency) && concurrency >= 1)) throw new ConfigError(`embedConcurrency must be a whole number >= 1, got ${String(value)}.`);
  return concurrency;
}

/** What the call modules share: the model registry and the routing state of one `createAI`. */
export interface RouterContext {
  readonly registry: ModelRegistry;
  readonly routing: Routing;
}

/** The routing state of one `createAI`: default models, concurrency, fallbacks, rate limits, response cache, usage ledger. */
export class Routing {
  /** `createAI({ defaults })` with the environment variables filled in: the models of calls that name none. */
  readonly defaults: DefaultModels;
  readonly embedConcurrency: number;
  readonly fallbacks: Fallbacks | undefined;
  readonly cache: ResponseCache | undefined;
  readonly ledger: UsageLedger;
  private readonly limiters: RateLimiters;

  /**
   * Checks the routing options (in this order: defaults, limits and store, cache, prices, budget, fallbacks) after
   * the registry checked the providers; the providers named by fallbacks are built now.
   */
  constructor(options: CreateAIOptions, embedConcurrency: number, registry: ModelRegistry) {
    this.defaults = resolveDefaultModels(options.defaults);
    this.embedConcurrency = embedConcurrency;
    this.limiters = new RateLimiters(options.limits, options.clock, options.rateLimitStore);
    this.cache = options.cache === undefined ? undefined : new ResponseCache(options.cache);
    if (options.prices !== undefined) validatePrices(options.prices);
    // Default prices belong to the built-in drivers: a provider renamed onto another driver does not inherit them.
    const prices = { ...defaultPrices };
    for (const name of registry.renamedProviders()) for (const key of Object.keys(prices)) if (key.startsWith(`${name}:`)) delete prices[key];
    this.ledger = new UsageLedger({ ...prices, ...options.prices }, options.budget);
    this.fallbacks = options.fallbacks;
    if (options.fallbacks !== undefined) {
      validateFallbacks(options.fallbacks);
      const named = Object.entries(options.fallbacks).flatMap(([model, next]) => [model, ...next]);
      for (const provider of new Set(named.map((model) => parseModelString(model).provider))) registry.buildIfKnown(provider);
    }
  }

  usage(): UsageReport {
    return this.ledger.report();
  }

  /** The references to try for a call: the model, then its fallbacks (model objects have none). */
  chain<Reference extends string | object>(reference: Reference): Reference[] {
    return typeof reference === "string" ? (fallbackChain(reference, this.fallbacks) as Reference[]) : [reference];
  }

  /** Whether `reference` has a fallback chain (model objects never have one). */
  hasFallbacks(reference: string | object): boolean {
    return typeof reference === "string" && this.fallbacks?.[reference] !== undefined;
  }

  /**
   * The start of every provider call (chat, stream, embedding batch): the budget check, then the rate limits of
   * the model and its provider. Returns no promise when no limit applies (the caller does not await), and
   * estimates the call's tokens, with `estimate(input)`, only when one of those limits counts them.
   */
  admit<Input>(
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
  settle(
    model: { provider: string; modelId: string },
    lease: RateLease | undefined,
    tokens: number | undefined,
    usage: Parameters<UsageLedger["record"]>[2],
  ): number | undefined {
    lease?.release(tokens);
    return this.ledger.record(model.provider, model.modelId, usage);
  }
}

/**
 * Runs `attempt` with each chat model of the chain of `reference` until one answers (see `fallbacks`). `chat`
 * and `stream` call a model without fallbacks directly, without this loop's arrays and closures.
 */
export async function withChatFallbacks<Result>(
  context: RouterContext,
  reference: ChatModelReference,
  signal: AbortSignal | undefined,
  attempt: (model: ChatModel) => Promise<Result>,
): Promise<{ result: Result; model: ChatModel; failedAttempts: FailedAttempt[] }> {
  const { result, failedAttempts } = await runWithFallbacks(
    context.routing.chain(reference),
    signal,
    async (item) => {
      const model = context.registry.chatModel(item);
      return { model, value: await attempt(model) };
    },
    describeReference,
  );
  return { result: result.value, model: result.model, failedAttempts };
}

/** Provider and model id of a model string or model object, for `failedAttempts`. */
export function describeReference(reference: string | { provider: string; modelId: string }): { provider: string; model: string } {
  if (typeof reference !== "string") return { provider: reference.provider, model: reference.modelId };
  const { provider, modelId } = parseModelString(reference);
  return { provider, model: modelId };
}
