// Mistral chat: the Chat Completions driver of `openai/`, with Mistral's field names, options and errors.
import type { CallWarning, ChatCallOptions } from "../../spec/chat-model.js";
import { OpenAIChatModel } from "../openai/openai-chat-model.js";
import { parseProviderOptions, providerOptionsKeys } from "../shared/provider-options.js";
import type { ProviderModelConfig } from "../shared/provider-settings.js";
import { mistralProviderOptionsSchema } from "./mistral-options.js";
import { mistralFailedResponseHandler } from "./mistral-error.js";

/** How a Mistral chat model is built. */
export interface MistralChatConfig extends ProviderModelConfig {
  /**
   * `json` (default): `response_format: { type: "json_object" }`, the schema described in a system message and
   * the reply validated by the router. `json-schema`: Mistral's custom structured outputs (`json_schema`).
   */
  structuredOutput?: "json" | "json-schema";
}

/**
 * A Mistral chat model (`mistral:mistral-small-latest`): `POST {baseURL}/chat/completions`, SSE streaming (usage
 * in the last chunk, then `[DONE]`), tools, JSON mode. Differs from OpenAI in `max_tokens`, `random_seed`,
 * `safe_prompt`, no `stream_options`, and its error bodies.
 */
export class MistralChatModel extends OpenAIChatModel {
  private readonly mistralOptionsKeys: readonly string[];

  constructor(modelId: string, config: MistralChatConfig) {
    super(modelId, {
      provider: config.provider,
      http: config.http,
      structuredOutput: config.structuredOutput ?? "json",
      maxTokensField: "max_tokens",
      streamUsage: false,
      failedResponseHandler: mistralFailedResponseHandler,
    });
    this.mistralOptionsKeys = providerOptionsKeys(config.provider, "mistral");
  }

  /** The request body for `options` (exposed for tests and debugging). */
  override requestBody(options: ChatCallOptions): { body: Record<string, unknown>; warnings: CallWarning[] } {
    const mistralOptions = parseProviderOptions(options.providerOptions, this.mistralOptionsKeys, mistralProviderOptionsSchema);
    const { seed, providerOptions: _providerOptions, ...common } = options;
    const result = super.requestBody(common);
    if (seed !== undefined) result.body.random_seed = seed;
    if (mistralOptions.safePrompt !== undefined) result.body.safe_prompt = mistralOptions.safePrompt;
    if (mistralOptions.promptMode !== undefined) result.body.prompt_mode = mistralOptions.promptMode;
    if (mistralOptions.parallelToolCalls !== undefined && options.tools?.length) result.body.parallel_tool_calls = mistralOptions.parallelToolCalls;
    return result;
  }
}
