// ai.embed: inputs served from the cache, the rest batched by the model's limits and sent concurrently through
// the budget, the rate limits and the ledger; every vector checked (count and size). Fallbacks only between
// models whose vectors have one size.
import type { EmbeddingModel } from "../spec/embedding-model.js";
import { ConfigError, ProviderResponseError } from "../spec/errors/index.js";
import type { ResponseInfo } from "../spec/shared-types.js";
import { pickModel } from "./default-models.js";
import { estimateTokens, mapWithConcurrency, planBatches } from "./embed-batching.js";
import { checkEmbeddingChain, fallbackChain, runWithFallbacks } from "./fallbacks.js";
import type { EmbedOptions, EmbedResponse } from "./router-types.js";
import { describeReference, type RouterContext } from "./routing.js";

/** `ai.embed`. */
export async function embed(context: RouterContext, options: EmbedOptions): Promise<EmbedResponse> {
  const { registry, routing } = context;
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
  const reference = options.model ?? pickModel(routing.defaults, "embedding", undefined, "ai.embed");
  if (!routing.hasFallbacks(reference)) {
    return embedWith(context, typeof reference === "string" ? registry.model(reference, "embeddings") : reference, values, options);
  }
  // Only model strings have fallbacks.
  const chain = fallbackChain(reference as string, routing.fallbacks);
  checkEmbeddingChain(chain, dimensions);
  const { result, failedAttempts } = await runWithFallbacks(
    chain,
    options.abortSignal,
    (reference) => embedWith(context, registry.model(reference, "embeddings"), values, options),
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
async function embedWith(context: RouterContext, model: EmbeddingModel, values: readonly string[], options: EmbedOptions): Promise<EmbedResponse> {
  const { routing } = context;
  const { dimensions } = options;
  const concurrency = options.concurrency ?? (model.supportsParallelCalls ? routing.embedConcurrency : 1);
  const embeddings = new Array<number[]>(values.length);
  // The texts to send, and for each the input positions it fills (duplicates are sent once when caching).
  let pending: string[] = values as string[];
  let positions: number[][] | undefined;
  let keys: string[] | undefined;
  let cachedInputs = 0;
  const cache = routing.cache;
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
  if (cachedInputs > 0) routing.ledger.recordCacheHits(model.provider, model.modelId, cachedInputs);
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
      const admitted = routing.admit(model, estimateEmbedTokens, call, signal);
      const lease = admitted === undefined ? undefined : await admitted;
      let result: Awaited<ReturnType<EmbeddingModel["doEmbed"]>>;
      try {
        result = await model.doEmbed(call);
      } catch (error) {
        lease?.release();
        throw error;
      }
      const costUsd = routing.settle(model, lease, result.usage.inputTokens, { inputTokens: result.usage.inputTokens });
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
