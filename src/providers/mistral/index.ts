// Mistral (La Plateforme): chat with SSE streaming, tools and JSON mode; embeddings.
import type { ProviderContext, ProviderDriver } from "../../spec/provider.js";
import { bearerAuthentication, resolveProviderSettings } from "../shared/provider-settings.js";
import { MistralChatModel } from "./mistral-chat-model.js";
import { MistralEmbeddingModel } from "./mistral-embedding-model.js";
import type { MistralSettings } from "./mistral-options.js";

export { MistralChatModel, type MistralChatConfig } from "./mistral-chat-model.js";
export { MistralEmbeddingModel, mistralEmbeddingLimits } from "./mistral-embedding-model.js";
export { mistralFailedResponseHandler } from "./mistral-error.js";
export type { MistralProviderOptions, MistralSettings } from "./mistral-options.js";

/** Mistral's public endpoint. */
export const mistralDefaultBaseURL = "https://api.mistral.ai/v1";

/**
 * The Mistral provider: chat (`mistral:mistral-small-latest`) with streaming, tools and JSON mode, and embeddings
 * (`mistral:mistral-embed`, at most 256 inputs and 16,384 tokens per request). API key: `apiKey` or
 * `MISTRAL_API_KEY` (sent as `Authorization: Bearer`); base URL `https://api.mistral.ai/v1`.
 */
export function createMistral(settings: MistralSettings = {}, context?: ProviderContext): ProviderDriver {
  const { structuredOutput, ...rest } = settings;
  const name = context?.name ?? "mistral";
  const { http } = resolveProviderSettings(rest, {
    name,
    defaultBaseURL: mistralDefaultBaseURL,
    apiKeyEnvironmentVariables: ["MISTRAL_API_KEY"],
    authenticate: bearerAuthentication,
  });
  return {
    name,
    chatModel: (modelId) => new MistralChatModel(modelId, structuredOutput === undefined ? { provider: name, http } : { provider: name, http, structuredOutput }),
    embeddingModel: (modelId) => new MistralEmbeddingModel(modelId, { provider: name, http }),
  };
}
