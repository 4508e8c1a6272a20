// Hugging Face Inference Providers: OpenAI-compatible chat on the router, embeddings via feature-extraction.
import type { ProviderContext, ProviderDriver } from "../../spec/provider.js";
import { OpenAIChatModel } from "../openai/openai-chat-model.js";
import { bearerAuthentication, resolveProviderSettings } from "../shared/provider-settings.js";
import { HuggingFaceEmbeddingModel } from "./huggingface-embedding-model.js";
import type { HuggingFaceSettings } from "./huggingface-options.js";

export { HuggingFaceEmbeddingModel, huggingfaceMaxEmbeddingsPerCall } from "./huggingface-embedding-model.js";
export type { HuggingFaceSettings } from "./huggingface-options.js";

/** The Inference Providers router. */
export const huggingfaceDefaultBaseURL = "https://router.huggingface.co";

/**
 * The Hugging Face provider. Chat: `POST {baseURL}/v1/chat/completions` (OpenAI-compatible; a model id may name
 * the serving provider, `huggingface:meta-llama/Llama-3.1-8B-Instruct:together`), structured output through
 * `response_format: json_schema`. Embeddings: `POST {baseURL}/hf-inference/models/{model}/pipeline/feature-extraction`.
 * API key: `apiKey` or `HF_TOKEN`.
 */
export function createHuggingFace(settings: HuggingFaceSettings = {}, context?: ProviderContext): ProviderDriver {
  const name = context?.name ?? "huggingface";
  const { http } = resolveProviderSettings(settings, {
    name,
    defaultBaseURL: huggingfaceDefaultBaseURL,
    apiKeyEnvironmentVariables: ["HF_TOKEN"],
    authenticate: bearerAuthentication,
  });
  return {
    name,
    chatModel: (modelId) =>
      new OpenAIChatModel(modelId, {
        provider: name,
        http,
        chatPath: "/v1/chat/completions",
        structuredOutput: "json-schema",
        maxTokensField: "max_tokens",
        driverName: "huggingface",
      }),
    embeddingModel: (modelId) => new HuggingFaceEmbeddingModel(modelId, { provider: name, http }),
  };
}
