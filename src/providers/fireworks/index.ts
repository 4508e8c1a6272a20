// Fireworks AI: OpenAI-compatible chat and embeddings (the openai/ drivers).
import type { ProviderContext, ProviderDriver, ProviderSettings } from "../../spec/provider.js";
import { OpenAIChatModel } from "../openai/openai-chat-model.js";
import { OpenAIEmbeddingModel } from "../openai/openai-embedding-model.js";
import { bearerAuthentication, resolveProviderSettings } from "../shared/provider-settings.js";

/** Fireworks' OpenAI-compatible endpoint. */
export const fireworksDefaultBaseURL = "https://api.fireworks.ai/inference/v1";

/** Settings of the `fireworks` provider (the common ones). */
export type FireworksSettings = ProviderSettings;

/**
 * The Fireworks AI provider: chat with streaming, tools and structured output (`response_format: json_schema`);
 * model ids are Fireworks paths (`fireworks:accounts/fireworks/models/llama-v3p1-8b-instruct`). Reasoning models'
 * `reasoning_content` becomes `reasoning`. Embeddings (`fireworks:nomic-ai/nomic-embed-text-v1.5`, `dimensions`
 * for Matryoshka models) through `/embeddings`. API key: `apiKey` or `FIREWORKS_API_KEY` (Bearer); base URL
 * `https://api.fireworks.ai/inference/v1`.
 */
export function createFireworks(settings: FireworksSettings = {}, context?: ProviderContext): ProviderDriver {
  const name = context?.name ?? "fireworks";
  const { http } = resolveProviderSettings(settings, {
    name,
    defaultBaseURL: fireworksDefaultBaseURL,
    apiKeyEnvironmentVariables: ["FIREWORKS_API_KEY"],
    authenticate: bearerAuthentication,
  });
  return {
    name,
    chatModel: (modelId) => new OpenAIChatModel(modelId, { provider: name, http, structuredOutput: "json-schema", maxTokensField: "max_tokens", driverName: "fireworks" }),
    embeddingModel: (modelId) => new OpenAIEmbeddingModel(modelId, { provider: name, http, encodingFormat: "float" }),
  };
}
