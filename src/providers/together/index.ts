// Together AI: OpenAI-compatible chat and embeddings (the openai/ drivers).
import type { ProviderContext, ProviderDriver, ProviderSettings } from "../../spec/provider.js";
import { OpenAIChatModel } from "../openai/openai-chat-model.js";
import { OpenAIEmbeddingModel } from "../openai/openai-embedding-model.js";
import { bearerAuthentication, resolveProviderSettings } from "../shared/provider-settings.js";

/** Together's endpoint. */
export const togetherDefaultBaseURL = "https://api.together.xyz/v1";

/** Settings of the `together` provider (the common ones). */
export type TogetherSettings = ProviderSettings;

/**
 * The Together AI provider: chat with streaming, tools and structured output (`response_format: json_schema`)
 * on open models (`together:meta-llama/Llama-3.3-70B-Instruct-Turbo`); reasoning models' thinking (`reasoning`)
 * becomes `reasoning`. Embeddings (`together:BAAI/bge-large-en-v1.5`) through `/embeddings` with float vectors.
 * API key: `apiKey` or `TOGETHER_API_KEY` (Bearer); base URL `baseURL`, else `TOGETHER_BASE_URL` (as Together's SDK
 * reads it), else `https://api.together.xyz/v1`.
 */
export function createTogether(settings: TogetherSettings = {}, context?: ProviderContext): ProviderDriver {
  const name = context?.name ?? "together";
  const { http } = resolveProviderSettings(settings, {
    name,
    defaultBaseURL: togetherDefaultBaseURL,
    apiKeyEnvironmentVariables: ["TOGETHER_API_KEY"],
    baseURLEnvironmentVariable: { name: "TOGETHER_BASE_URL" },
    authenticate: bearerAuthentication,
  });
  return {
    name,
    chatModel: (modelId) => new OpenAIChatModel(modelId, { provider: name, http, structuredOutput: "json-schema", maxTokensField: "max_tokens", driverName: "together" }),
    embeddingModel: (modelId) => new OpenAIEmbeddingModel(modelId, { provider: name, http, encodingFormat: "float" }),
  };
}
