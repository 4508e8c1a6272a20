// Voyage AI: embeddings and rerank (no chat).
import type { ProviderContext, ProviderDriver, ProviderSettings } from "../../spec/provider.js";
import { bearerAuthentication, resolveProviderSettings } from "../shared/provider-settings.js";
import { VoyageEmbeddingModel } from "./voyage-embedding-model.js";
import { VoyageRerankModel } from "./voyage-rerank-model.js";

export { VoyageEmbeddingModel, voyageMaxEmbeddingsPerCall, voyageMaxTokensPerCall } from "./voyage-embedding-model.js";
export { VoyageRerankModel, voyageMaxDocumentsPerRerank } from "./voyage-rerank-model.js";
export { voyageFailedResponseHandler } from "./voyage-error.js";
export type { VoyageEmbeddingOptions, VoyageRerankOptions } from "./voyage-options.js";

/** Voyage's endpoint. */
export const voyageDefaultBaseURL = "https://api.voyageai.com/v1";

/** Settings of the `voyage` provider (the common ones). */
export type VoyageSettings = ProviderSettings;

/**
 * The Voyage AI provider: embeddings (`voyage:voyage-3.5`, up to 1,000 texts per request; `inputType: "query"`
 * for search queries; `dimensions` as `output_dimension`) and rerank (`voyage:rerank-2.5`). No chat:
 * `ai.chat` raises `UnsupportedCapabilityError` before any request. API key: `apiKey` or `VOYAGE_API_KEY`
 * (Bearer); base URL `https://api.voyageai.com/v1`.
 */
export function createVoyage(settings: VoyageSettings = {}, context?: ProviderContext): ProviderDriver {
  const name = context?.name ?? "voyage";
  const { http } = resolveProviderSettings(settings, {
    name,
    defaultBaseURL: voyageDefaultBaseURL,
    apiKeyEnvironmentVariables: ["VOYAGE_API_KEY"],
    authenticate: bearerAuthentication,
  });
  return {
    name,
    embeddingModel: (modelId) => new VoyageEmbeddingModel(modelId, { provider: name, http }),
    rerankModel: (modelId) => new VoyageRerankModel(modelId, { provider: name, http }),
  };
}
