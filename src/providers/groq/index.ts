// Groq: OpenAI-compatible chat (the openai/ driver), JSON mode for structured output, no embeddings.
import type { ProviderContext, ProviderDriver } from "../../spec/provider.js";
import { OpenAIChatModel } from "../openai/openai-chat-model.js";
import { bearerAuthentication, resolveProviderSettings } from "../shared/provider-settings.js";
import type { GroqSettings } from "./groq-options.js";

export type { GroqSettings } from "./groq-options.js";

/** Groq's OpenAI-compatible endpoint. */
export const groqDefaultBaseURL = "https://api.groq.com/openai/v1";

/**
 * The Groq provider: chat with streaming and tools (`groq:llama-3.3-70b-versatile`); structured output through
 * JSON mode (`response_format: json_object`, the schema described in a system message, the reply validated
 * by the router). Groq has no embeddings: `ai.embed` raises `UnsupportedCapabilityError` before any request.
 * API key: `apiKey` or `GROQ_API_KEY`.
 */
export function createGroq(settings: GroqSettings = {}, context?: ProviderContext): ProviderDriver {
  const name = context?.name ?? "groq";
  const { http } = resolveProviderSettings(settings, {
    name,
    defaultBaseURL: groqDefaultBaseURL,
    apiKeyEnvironmentVariables: ["GROQ_API_KEY"],
    authenticate: bearerAuthentication,
  });
  return {
    name,
    chatModel: (modelId) =>
      new OpenAIChatModel(modelId, { provider: name, http, structuredOutput: "json", maxTokensField: "max_completion_tokens", driverName: "groq" }),
  };
}
