// Jina AI: embeddings and rerank (no chat).
import type { ProviderContext, ProviderDriver, ProviderSettings } from "../../spec/provider.js";
import { bearerAuthentication, resolveProviderSettings } from "../shared/provider-settings.js";
import { JinaEmbeddingModel } from "./jina-embedding-model.js";
import { JinaRerankModel } from "./jina-rerank-model.js";

export { JinaEmbeddingModel, jinaMaxEmbeddingsPerCall } from "./jina-embedding-model.js";
export { JinaRerankModel } from "./jina-rerank-model.js";
export { jinaFailedResponseHandler } from "./jina-error.js";
export type { JinaEmbeddingOptions } from "./jina-options.js";

/** Jina's endpoint. */
export const jinaDefaultBaseURL = "https://api.jina.ai/v1";

/** Settings of the `jina` provider (the common ones). */
export type JinaSettings = ProviderSettings;

/**
 * The Jina AI provider: rerank (`jina:jina-reranker-v2-base-multilingual`, `/v1/rerank`) and embeddings
 * (`jina:jina-embeddings-v3`, `/v1/embeddings`, `inputType` mapped to the retrieval task). No chat. API key:
 * `apiKey` or `JINA_API_KEY` (Bearer); base URL `https://api.jina.ai/v1`.
 */
export function createJina(settings: JinaSettings = {}, context?: ProviderContext): ProviderDriver {
  const name = context?.name ?? "jina";
  const { http } = resolveProviderSettings(settings, {
    name,
    defaultBaseURL: jinaDefaultBaseURL,
    apiKeyEnvironmentVariables: ["JINA_API_KEY"],
    authenticate: bearerAuthentication,
  });
  return {
    name,
    embeddingModel: (modelId) => new JinaEmbeddingModel(modelId, { provider: name, http }),
    rerankModel: (modelId) => new JinaRerankModel(modelId, { provider: name, http }),
  };
}
