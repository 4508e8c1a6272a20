// Google Gemini (generateContent, streamGenerateContent, batchEmbedContents).
import type { ProviderContext, ProviderDriver } from "../../spec/provider.js";
import { resolveProviderSettings } from "../shared/provider-settings.js";
import { GoogleChatModel } from "./google-chat-model.js";
import { GoogleEmbeddingModel } from "./google-embedding-model.js";
import type { GoogleSettings } from "./google-options.js";

export { GoogleChatModel, googleModelPath, mapGoogleFinishReason, mapGoogleUsage } from "./google-chat-model.js";
export { GoogleEmbeddingModel, googleMaxEmbeddingsPerCall } from "./google-embedding-model.js";
export { toGoogleSchema } from "./google-schema.js";
export type { GoogleProviderOptions, GoogleSettings } from "./google-options.js";

/** The Gemini API's public endpoint. */
export const googleDefaultBaseURL = "https://generativelanguage.googleapis.com/v1beta";

/**
 * The Google Gemini provider: chat with SSE streaming and function calling (`google:gemini-2.5-flash`),
 * structured output through `responseMimeType: application/json` plus `responseSchema`, embeddings through
 * batchEmbedContents (`google:gemini-embedding-001`, 100 texts per request, `dimensions` as
 * `outputDimensionality`). API key: `apiKey`, `GOOGLE_GENERATIVE_AI_API_KEY` or `GEMINI_API_KEY`, sent as
 * `x-goog-api-key`; base URL `https://generativelanguage.googleapis.com/v1beta`.
 */
export function createGoogle(settings: GoogleSettings = {}, context?: ProviderContext): ProviderDriver {
  const name = context?.name ?? "google";
  const { http } = resolveProviderSettings(settings, {
    name,
    defaultBaseURL: googleDefaultBaseURL,
    apiKeyEnvironmentVariables: ["GOOGLE_GENERATIVE_AI_API_KEY", "GEMINI_API_KEY"],
    authenticate: (key) => ({ "x-goog-api-key": key }),
  });
  return {
    name,
    chatModel: (modelId) => new GoogleChatModel(modelId, { provider: name, http }),
    embeddingModel: (modelId) => new GoogleEmbeddingModel(modelId, { provider: name, http }),
  };
}
