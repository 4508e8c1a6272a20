// OpenRouter: one key for many upstream models; OpenAI-compatible chat and embeddings with routing options.
import type { ProviderContext, ProviderDriver, ProviderSettings } from "../../spec/provider.js";
import { OpenAIEmbeddingModel } from "../openai/openai-embedding-model.js";
import { bearerAuthentication, resolveProviderSettings } from "../shared/provider-settings.js";
import { OpenRouterChatModel } from "./openrouter-chat-model.js";

export { OpenRouterChatModel } from "./openrouter-chat-model.js";
export { openrouterProviderOptionsSchema, type OpenRouterProviderOptions } from "./openrouter-options.js";

/** OpenRouter's endpoint. */
export const openrouterDefaultBaseURL = "https://openrouter.ai/api/v1";

/** Settings of the `openrouter` provider. */
export interface OpenRouterSettings extends ProviderSettings {
  /** Your app's URL, sent as `HTTP-Referer` (OpenRouter's app attribution and rankings). */
  appUrl?: string;
  /** Your app's name, sent as `X-Title`. */
  appName?: string;
}

/**
 * The OpenRouter provider: chat (`openrouter:openai/gpt-4o-mini`, any `vendor/model` OpenRouter lists) with
 * streaming, tools, structured output and reasoning; embeddings (`openrouter:openai/text-embedding-3-small`).
 * Provider routing, model fallbacks and reasoning settings go under `providerOptions.openrouter` (`provider`,
 * `models`, `transforms`, `reasoning`). API key: `apiKey` or `OPENROUTER_API_KEY` (Bearer); base URL
 * `https://openrouter.ai/api/v1`.
 */
export function createOpenRouter(settings: OpenRouterSettings = {}, context?: ProviderContext): ProviderDriver {
  const { appUrl, appName, ...rest } = settings;
  const attribution: Record<string, string> = {};
  if (appUrl) attribution["http-referer"] = appUrl;
  if (appName) attribution["x-title"] = appName;
  const name = context?.name ?? "openrouter";
  const { http } = resolveProviderSettings(
    { ...rest, headers: { ...attribution, ...rest.headers } },
    { name, defaultBaseURL: openrouterDefaultBaseURL, apiKeyEnvironmentVariables: ["OPENROUTER_API_KEY"], authenticate: bearerAuthentication },
  );
  return {
    name,
    chatModel: (modelId) => new OpenRouterChatModel(modelId, { provider: name, http }),
    embeddingModel: (modelId) => new OpenAIEmbeddingModel(modelId, { provider: name, http, encodingFormat: "float" }),
  };
}
