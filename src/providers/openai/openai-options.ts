// What users write for OpenAI and OpenAI-compatible servers: the providers' settings and `providerOptions.openai`.
import { z } from "zod";
import type { ProviderSettings } from "../../spec/provider.js";

/** `providerOptions.openai` (also read under the provider's own name for Groq and Hugging Face). Strict: a typo is an error. */
export const openaiProviderOptionsSchema = z.strictObject({
  /** End-user id for abuse monitoring. */
  user: z.string().optional(),
  /** `reasoning_effort` of reasoning models. */
  reasoningEffort: z.enum(["minimal", "low", "medium", "high"]).optional(),
  /** Let the model call several tools in one turn. Default: the provider's (true). */
  parallelToolCalls: z.boolean().optional(),
  logitBias: z.record(z.string(), z.number()).optional(),
  serviceTier: z.string().optional(),
  store: z.boolean().optional(),
  metadata: z.record(z.string(), z.string()).optional(),
  /**
   * Force `strict` on `json_schema` structured output. Default: strict when the schema allows it (every object
   * closed with all its properties required, as zod objects without optional fields are).
   */
  strictJsonSchema: z.boolean().optional(),
});

export type OpenAIProviderOptions = z.output<typeof openaiProviderOptionsSchema>;

/** Settings of the `openai` provider. */
export interface OpenAISettings extends ProviderSettings {
  /** Sent as `OpenAI-Organization`. */
  organization?: string;
  /** Sent as `OpenAI-Project`. */
  project?: string;
}

/** Settings of `openai-compatible`: `baseURL` is required, the API key optional. */
export interface OpenAICompatibleSettings extends ProviderSettings {
  /** The server's root, e.g. `http://127.0.0.1:8000/v1` (vLLM), `http://127.0.0.1:1234/v1` (LM Studio). Required. */
  baseURL?: string;
  /** `json-schema` (`response_format: json_schema`, default) or `json` (JSON mode, schema in the prompt) for servers without it. */
  structuredOutput?: "json-schema" | "json";
  /** `max_tokens` (default, what most servers read) or `max_completion_tokens`. */
  maxTokensField?: "max_completion_tokens" | "max_tokens";
  /** Send `stream_options.include_usage` (default true; turn off for servers that reject it). */
  streamUsage?: boolean;
  /** Most inputs per embeddings request. Default: 2,048. */
  maxEmbeddingsPerCall?: number;
}
