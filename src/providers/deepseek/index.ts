// DeepSeek: OpenAI-compatible chat (the openai/ driver), JSON mode, reasoning content, prompt-cache usage.
import type { ProviderContext, ProviderDriver, ProviderSettings } from "../../spec/provider.js";
import { OpenAIChatModel } from "../openai/openai-chat-model.js";
import { bearerAuthentication, resolveProviderSettings } from "../shared/provider-settings.js";

/** DeepSeek's endpoint (its OpenAI-compatible API sits at the host's root; `/v1` is an alias). */
export const deepseekDefaultBaseURL = "https://api.deepseek.com";

/** Settings of the `deepseek` provider (the common ones). */
export type DeepSeekSettings = ProviderSettings;

/**
 * The DeepSeek provider: chat with streaming and tools (`deepseek:deepseek-chat`, `deepseek:deepseek-reasoner`).
 * The reasoner's chain of thought (`reasoning_content`, in replies and stream deltas) becomes `reasoning` and
 * `reasoning-delta` events; it is never sent back (DeepSeek rejects it in input messages). Structured output
 * through JSON mode (`response_format: json_object`, the schema described in a system message, the reply
 * validated by the router): DeepSeek has no `json_schema`. Prompt-cache hits (`prompt_cache_hit_tokens`) are
 * reported as `cachedInputTokens`. No embeddings. API key: `apiKey` or `DEEPSEEK_API_KEY` (Bearer); base URL
 * `https://api.deepseek.com`.
 */
export function createDeepSeek(settings: DeepSeekSettings = {}, context?: ProviderContext): ProviderDriver {
  const name = context?.name ?? "deepseek";
  const { http } = resolveProviderSettings(settings, {
    name,
    defaultBaseURL: deepseekDefaultBaseURL,
    apiKeyEnvironmentVariables: ["DEEPSEEK_API_KEY"],
    authenticate: bearerAuthentication,
  });
  return {
    name,
    chatModel: (modelId) =>
      new OpenAIChatModel(modelId, { provider: name, http, structuredOutput: "json", maxTokensField: "max_tokens", imageInput: false, driverName: "deepseek" }),
  };
}
