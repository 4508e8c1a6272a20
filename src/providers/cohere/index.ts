// Cohere (API v2): chat with SSE streaming, tools and JSON output with a schema; embeddings.
import type { ProviderContext, ProviderDriver } from "../../spec/provider.js";
import { bearerAuthentication, resolveProviderSettings } from "../shared/provider-settings.js";
import { CohereChatModel } from "./cohere-chat-model.js";
import { CohereEmbeddingModel } from "./cohere-embedding-model.js";
import type { CohereSettings } from "./cohere-options.js";
import { CohereRerankModel } from "./cohere-rerank-model.js";

export { CohereChatModel, mapCohereFinishReason, mapCohereUsage } from "./cohere-chat-model.js";
export { CohereEmbeddingModel, cohereMaxEmbeddingsPerCall } from "./cohere-embedding-model.js";
export { cohereFailedResponseHandler } from "./cohere-error.js";
export type { CohereChatOptions, CohereEmbedOptions, CohereSettings } from "./cohere-options.js";
export { CohereRerankModel, cohereMaxDocumentsPerRerank } from "./cohere-rerank-model.js";

/** Cohere's v2 endpoint. */
export const cohereDefaultBaseURL = "https://api.cohere.com/v2";

/**
 * The Cohere provider: chat (`cohere:command-a-03-2025`) with SSE streaming, tools and structured output
 * (`response_format: json_object` with the JSON Schema), and embeddings (`cohere:embed-v4.0`, 96 texts per
 * request; `inputType: "query"` for search queries), and rerank (`cohere:rerank-v3.5`, `/v2/rerank`). API key: `apiKey`, `COHERE_API_KEY` or `CO_API_KEY` (Bearer); base URL
 * `https://api.cohere.com/v2`.
 */
export function createCohere(settings: CohereSettings = {}, context?: ProviderContext): ProviderDriver {
  const name = context?.name ?? "cohere";
  const { http } = resolveProviderSettings(settings, {
    name,
    defaultBaseURL: cohereDefaultBaseURL,
    apiKeyEnvironmentVariables: ["COHERE_API_KEY", "CO_API_KEY"],
    authenticate: bearerAuthentication,
  });
  return {
    name,
    chatModel: (modelId) => new CohereChatModel(modelId, { provider: name, http }),
    embeddingModel: (modelId) => new CohereEmbeddingModel(modelId, { provider: name, http }),
    rerankModel: (modelId) => new CohereRerankModel(modelId, { provider: name, http }),
  };
}
