// Anthropic (Messages API): chat, streaming, tools, structured output through a forced tool. No embeddings.
import type { ProviderContext, ProviderDriver } from "../../spec/provider.js";
import { resolveProviderSettings } from "../shared/provider-settings.js";
import { AnthropicChatModel } from "./anthropic-chat-model.js";
import type { AnthropicSettings } from "./anthropic-options.js";

export { AnthropicChatModel, anthropicDefaultMaxOutputTokens, anthropicJsonToolName, mapAnthropicStopReason, mapAnthropicUsage } from "./anthropic-chat-model.js";
export type { AnthropicProviderOptions, AnthropicSettings } from "./anthropic-options.js";

/** Anthropic's public endpoint. */
export const anthropicDefaultBaseURL = "https://api.anthropic.com/v1";

/** The `anthropic-version` header sent by default. */
export const anthropicDefaultVersion = "2023-06-01";

/**
 * The Anthropic provider: chat with SSE streaming and tools (`anthropic:claude-sonnet-4-5`), structured output
 * through a forced tool call whose input is returned as the JSON `text`. `maxOutputTokens` defaults to 4,096
 * (the API requires one). Anthropic has no embeddings: `ai.embed` raises `UnsupportedCapabilityError` before any
 * request. API key: `apiKey` or `ANTHROPIC_API_KEY`, sent as `x-api-key`; base URL `https://api.anthropic.com/v1`.
 */
export function createAnthropic(settings: AnthropicSettings = {}, context?: ProviderContext): ProviderDriver {
  const { version, ...rest } = settings;
  const name = context?.name ?? "anthropic";
  const { http } = resolveProviderSettings(
    { ...rest, headers: { "anthropic-version": version ?? anthropicDefaultVersion, ...rest.headers } },
    { name, defaultBaseURL: anthropicDefaultBaseURL, apiKeyEnvironmentVariables: ["ANTHROPIC_API_KEY"], authenticate: (key) => ({ "x-api-key": key }) },
  );
  return {
    name,
    chatModel: (modelId) => new AnthropicChatModel(modelId, { provider: name, http }),
  };
}
