// OpenRouter chat: the Chat Completions driver of `openai/`, plus OpenRouter's routing and reasoning options.
import type { CallWarning, ChatCallOptions } from "../../spec/chat-model.js";
import { OpenAIChatModel } from "../openai/openai-chat-model.js";
import { parseProviderOptions, providerOptionsKeys } from "../shared/provider-options.js";
import type { ProviderModelConfig } from "../shared/provider-settings.js";
import { openrouterProviderOptionsSchema } from "./openrouter-options.js";

/**
 * An OpenRouter chat model (`openrouter:anthropic/claude-sonnet-4.5`, `openrouter:openai/gpt-4o-mini`):
 * `POST {baseURL}/chat/completions`, SSE streaming (OpenRouter's `: OPENROUTER PROCESSING` comments are skipped),
 * tools, `json_schema` structured output, reasoning (`reasoning` in replies and deltas). Errors come as
 * `{"error": {"code", "message", "metadata"}}`, also inside a stream once it began (thrown, retryable).
 */
export class OpenRouterChatModel extends OpenAIChatModel {
  private readonly openrouterOptionsKeys: readonly string[];

  constructor(modelId: string, config: ProviderModelConfig) {
    super(modelId, { provider: config.provider, http: config.http, structuredOutput: "json-schema", maxTokensField: "max_tokens", driverName: "openrouter" });
    this.openrouterOptionsKeys = providerOptionsKeys(config.provider, "openrouter");
  }

  /** The request body for `options`: OpenAI's, plus `provider`, `models`, `transforms` and `reasoning`. */
  override requestBody(options: ChatCallOptions): { body: Record<string, unknown>; warnings: CallWarning[] } {
    const { provider, models, transforms, reasoning, ...openaiOptions } = parseProviderOptions(
      options.providerOptions,
      this.openrouterOptionsKeys,
      openrouterProviderOptionsSchema,
    );
    const result = super.requestBody({ ...options, providerOptions: { openrouter: openaiOptions } });
    const body = result.body;
    if (provider !== undefined) {
      body.provider = withoutUndefined({
        order: provider.order,
        allow_fallbacks: provider.allowFallbacks,
        require_parameters: provider.requireParameters,
        data_collection: provider.dataCollection,
        zdr: provider.zdr,
        only: provider.only,
        ignore: provider.ignore,
        quantizations: provider.quantizations,
        sort: provider.sort,
        max_price: provider.maxPrice,
      });
    }
    if (models !== undefined) body.models = models;
    if (transforms !== undefined) body.transforms = transforms;
    if (reasoning !== undefined) {
      body.reasoning = withoutUndefined({ effort: reasoning.effort, max_tokens: reasoning.maxTokens, exclude: reasoning.exclude, enabled: reasoning.enabled });
    }
    return result;
  }
}

function withoutUndefined(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}
