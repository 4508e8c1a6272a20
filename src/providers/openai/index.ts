// OpenAI (Chat Completions, Embeddings, Images, Moderations) and any OpenAI-compatible server.
import { ConfigError } from "../../spec/errors/index.js";
import type { ProviderContext, ProviderDriver } from "../../spec/provider.js";
import { bearerAuthentication, resolveProviderSettings } from "../shared/provider-settings.js";
import { OpenAIChatModel } from "./openai-chat-model.js";
import { OpenAIEmbeddingModel } from "./openai-embedding-model.js";
import { OpenAIImageModel } from "./openai-image-model.js";
import { OpenAIModerationModel } from "./openai-moderation-model.js";
import type { OpenAISettings, OpenAICompatibleSettings } from "./openai-options.js";

export { OpenAIChatModel, type OpenAIChatConfig, isStrictCompatible, mapOpenAIFinishReason, mapOpenAIUsage } from "./openai-chat-model.js";
export { OpenAIEmbeddingModel, openaiEmbeddingLimits } from "./openai-embedding-model.js";
export { OpenAIImageModel } from "./openai-image-model.js";
export { OpenAIModerationModel } from "./openai-moderation-model.js";
export type { OpenAIProviderOptions, OpenAISettings, OpenAICompatibleSettings } from "./openai-options.js";

/** OpenAI's public endpoint. */
export const openaiDefaultBaseURL = "https://api.openai.com/v1";

/**
 * The OpenAI provider: chat (`openai:gpt-4o-mini`), embeddings (`openai:text-embedding-3-small`, up to 2,048
 * inputs / 300k tokens per request, `dimensions`), images (`openai:gpt-image-1`) and moderation
 * (`openai:omni-moderation-latest`). API key: `apiKey` or `OPENAI_API_KEY`; base URL `https://api.openai.com/v1`.
 */
export function createOpenAI(settings: OpenAISettings = {}, context?: ProviderContext): ProviderDriver {
  const { organization, project, ...rest } = settings;
  const headers: Record<string, string> = {};
  if (organization) headers["openai-organization"] = organization;
  if (project) headers["openai-project"] = project;
  const name = context?.name ?? "openai";
  const { http } = resolveProviderSettings(
    { ...rest, headers: { ...headers, ...rest.headers } },
    { name, defaultBaseURL: openaiDefaultBaseURL, apiKeyEnvironmentVariables: ["OPENAI_API_KEY"], authenticate: bearerAuthentication },
  );
  return {
    name,
    chatModel: (modelId) => new OpenAIChatModel(modelId, { provider: name, http }),
    embeddingModel: (modelId) => new OpenAIEmbeddingModel(modelId, { provider: name, http, encodingFormat: "base64" }),
    imageModel: (modelId) => new OpenAIImageModel(modelId, { provider: name, http }),
    moderationModel: (modelId) => new OpenAIModerationModel(modelId, { provider: name, http }),
  };
}

/**
 * Any server speaking OpenAI's Chat Completions and Embeddings (vLLM, llama.cpp server, LM Studio, Together,
 * Fireworks...). Register several under their own names with `driver`:
 * `createAI({ providers: { together: { driver: "openai-compatible", baseURL: "https://api.together.xyz/v1", apiKey } } })`.
 */
export function createOpenAICompatible(settings: OpenAICompatibleSettings = {}, context?: ProviderContext): ProviderDriver {
  const { structuredOutput, maxTokensField, streamUsage, maxEmbeddingsPerCall, ...rest } = settings;
  const name = context?.name ?? "openai-compatible";
  if (maxEmbeddingsPerCall !== undefined && !(Number.isInteger(maxEmbeddingsPerCall) && maxEmbeddingsPerCall >= 1)) {
    throw new ConfigError(`The ${name} provider's maxEmbeddingsPerCall must be a whole number >= 1, got ${String(maxEmbeddingsPerCall)}.`);
  }
  const { http } = resolveProviderSettings(rest, { name, apiKeyRequired: false, authenticate: bearerAuthentication });
  return {
    name,
    chatModel: (modelId) =>
      new OpenAIChatModel(modelId, {
        provider: name,
        http,
        structuredOutput: structuredOutput ?? "json-schema",
        maxTokensField: maxTokensField ?? "max_tokens",
        streamUsage: streamUsage ?? true,
        driverName: "openai-compatible",
      }),
    embeddingModel: (modelId) => new OpenAIEmbeddingModel(modelId, { provider: name, http, maxEmbeddingsPerCall }),
  };
}
