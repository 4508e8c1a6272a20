// ai.image and ai.moderate: thin calls to the models of a model string (no fallbacks, limits or cache).
import { ConfigError, ProviderResponseError } from "../spec/errors/index.js";
import type { ImageModel } from "../spec/image-model.js";
import type { ModerationModel } from "../spec/moderation-model.js";
import { mapWithConcurrency } from "./embed-batching.js";
import type { ImageOptions, ImageResponse, ModerateOptions, ModerateResponse } from "./router-types.js";
import type { RouterContext } from "./routing.js";

/** `ai.image`: split into calls of at most the model's `maxImagesPerCall`, run concurrently. */
export async function image(context: RouterContext, options: ImageOptions): Promise<ImageResponse> {
  const model = typeof options.model === "string" ? context.registry.model(options.model, "images") : options.model;
  const total = options.n ?? 1;
  if (!(Number.isInteger(total) && total >= 1)) throw new ConfigError(`ai.image \`n\` must be a whole number >= 1, got ${String(options.n)}.`);
  const counts: number[] = [];
  for (let left = total; left > 0; left -= model.maxImagesPerCall) counts.push(Math.min(left, model.maxImagesPerCall));
  const results = await mapWithConcurrency(
    counts,
    context.routing.embedConcurrency,
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

/** `ai.moderate`: one call, one verdict per input. */
export async function moderate(context: RouterContext, options: ModerateOptions): Promise<ModerateResponse> {
  const model = typeof options.model === "string" ? context.registry.model(options.model, "moderation") : options.model;
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
