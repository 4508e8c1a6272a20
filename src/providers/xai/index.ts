// xAI (Grok): OpenAI-compatible chat (the openai/ driver) with json_schema structured output and reasoning content.
import type { ProviderContext, ProviderDriver, ProviderSettings } from "../../spec/provider.js";
import { OpenAIChatModel } from "../openai/openai-chat-model.js";
import { bearerAuthentication, resolveProviderSettings } from "../shared/provider-settings.js";

/** xAI's endpoint. */
export const xaiDefaultBaseURL = "https://api.x.ai/v1";

/** Settings of the `xai` provider (the common ones). */
export type XAISettings = ProviderSettings;

/**
 * The xAI provider: chat with streaming, tools and structured output (`response_format: json_schema`),
 * `xai:grok-4`, `xai:grok-3-mini`. Reasoning models send their thinking as `reasoning_content`, returned as
 * `reasoning` (stream: `reasoning-delta`); `providerOptions.xai.reasoningEffort` (`low` or `high`, grok-3-mini)
 * is sent as `reasoning_effort`. No embeddings. API key: `apiKey` or `XAI_API_KEY` (Bearer); base URL
 * `https://api.x.ai/v1`.
 */
export function createXAI(settings: XAISettings = {}, context?: ProviderContext): ProviderDriver {
  const name = context?.name ?? "xai";
  const { http } = resolveProviderSettings(settings, {
    name,
    defaultBaseURL: xaiDefaultBaseURL,
    apiKeyEnvironmentVariables: ["XAI_API_KEY"],
    authenticate: bearerAuthentication,
  });
  return {
    name,
    chatModel: (modelId) => new OpenAIChatModel(modelId, { provider: name, http, structuredOutput: "json-schema", maxTokensField: "max_tokens", driverName: "xai" }),
  };
}
