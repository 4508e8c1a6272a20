// Fallbacks: when a model fails in a way another model may not, the next model of its chain is tried.
import { AIError, ConfigError } from "../spec/errors/index.js";
import { embeddingDimensionsOf } from "../spec/catalogue/embedding-dimensions.js";
import { parseModelString } from "./model-string.js";

/**
 * `createAI({ fallbacks })`: for a model string, the models to try next, in order:
 * `{ "openai:gpt-4o-mini": ["anthropic:claude-haiku-4-5", "groq:llama-3.1-8b-instant"] }`. Chains are not
 * followed transitively: only the list of the model the call named is used.
 */
export type Fallbacks = Record<string, readonly string[]>;

/** A model that failed before another one answered. */
export interface FailedAttempt {
  provider: string;
  model: string;
  /** Why it failed (an `AIError`; never contains an API key). */
  error: AIError;
}

/** Checks `fallbacks`: model strings on both sides, no model falling back to itself, matching embedding sizes. */
export function validateFallbacks(fallbacks: Fallbacks): void {
  if (typeof fallbacks !== "object" || fallbacks === null) throw new ConfigError('fallbacks must be an object like { "openai:gpt-4o-mini": ["anthropic:claude-haiku-4-5"] }.');
  for (const [model, next] of Object.entries(fallbacks)) {
    parseModelString(model);
    if (!Array.isArray(next) || next.length === 0) throw new ConfigError(`fallbacks["${model}"] must be a non-empty array of model strings.`);
    for (const candidate of next) {
      parseModelString(candidate);
      if (candidate === model) throw new ConfigError(`fallbacks["${model}"] lists the model itself; list other models.`);
    }
    const chain = fallbackChain(model, fallbacks);
    const known = chain.map((item) => ({ model: item, dimensions: embeddingDimensionsOf(item) })).filter((item) => item.dimensions !== undefined);
    const first = known[0];
    const other = known.find((item) => item.dimensions!.native !== first!.dimensions!.native);
    if (first && other && !(first.dimensions!.shortenable && other.dimensions!.shortenable)) {
      throw new ConfigError(
        `fallbacks["${model}"] mixes embedding models with different vector sizes (${first.model}: ${first.dimensions!.native}, ${other.model}: ${other.dimensions!.native}); vectors of one column must have one size, so list models of the same size.`,
      );
    }
  }
}

/** The models to try for `model`: itself first, then its fallbacks (duplicates removed). */
export function fallbackChain(model: string, fallbacks: Fallbacks | undefined): string[] {
  const next = fallbacks?.[model];
  return next === undefined ? [model] : [...new Set([model, ...next])];
}

/**
 * Checks, before any request, that every model of an embedding chain returns vectors of one size: either the
 * call asks for `dimensions` (then each vector is checked against it), or all native sizes are known and equal.
 */
export function checkEmbeddingChain(chain: readonly string[], dimensions: number | undefined): void {
  if (chain.length < 2 || dimensions !== undefined) return;
  const sizes = chain.map((model) => embeddingDimensionsOf(model)?.native);
  if (sizes.some((size) => size === undefined) || new Set(sizes).size > 1) {
    const described = chain.map((model, index) => `${model}: ${sizes[index] ?? "unknown size"}`).join(", ");
    throw new ConfigError(
      `Embedding fallbacks need vectors of one size, and ${described} may differ; pass \`dimensions\` to ai.embed, or list models of the same known size.`,
    );
  }
}

/**
 * Whether a failure should move on to the next model: retryable errors (rate limits, timeouts, 5xx, broken
 * connections: the HTTP layer has already retried them), authentication failures and missing capabilities of
 * that provider. Not: bad requests, context length, invalid replies, budget or configuration errors, nor
 * anything once the caller aborted.
 */
export function shouldFallBack(error: unknown, signal: AbortSignal | undefined): error is AIError {
  if (signal?.aborted || !AIError.isInstance(error)) return false;
  return error.isRetryable || error.code === "authentication" || error.code === "unsupported_capability";
}

/**
 * Runs `attempt` on each model of `models` until one succeeds. Returns its result, the model that answered and
 * the failures before it; rethrows the first failure that is not worth a fallback, or the last one.
 */
export async function runWithFallbacks<Model, Result>(
  models: readonly Model[],
  signal: AbortSignal | undefined,
  attempt: (model: Model) => Promise<Result>,
  describe: (model: Model) => { provider: string; model: string },
): Promise<{ result: Result; model: Model; failedAttempts: FailedAttempt[] }> {
  const failedAttempts: FailedAttempt[] = [];
  for (let index = 0; index < models.length; index++) {
    const model = models[index]!;
    try {
      return { result: await attempt(model), model, failedAttempts };
    } catch (error) {
      if (index === models.length - 1 || !shouldFallBack(error, signal)) throw error;
      failedAttempts.push({ ...describe(model), error });
    }
  }
  throw new ConfigError("No model to call: the fallback chain is empty.");
}
