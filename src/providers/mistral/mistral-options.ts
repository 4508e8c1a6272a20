// What users write for Mistral: the provider's settings and `providerOptions.mistral` (chat and embeddings). Its
// wire format is Chat Completions (`openai/openai-api.ts`); its error bodies are in `mistral-error.ts`.
import { z } from "zod";
import type { ProviderSettings } from "../../spec/provider.js";

/** `providerOptions.mistral`. Strict: a typo is a `ConfigError`, not a silently ignored option. */
export const mistralProviderOptionsSchema = z.strictObject({
  /** Prepend Mistral's safety system prompt (`safe_prompt`). Default: false (Mistral's default). */
  safePrompt: z.boolean().optional(),
  /** Let the model call several tools in one turn (`parallel_tool_calls`). Default: Mistral's (true). */
  parallelToolCalls: z.boolean().optional(),
  /** `prompt_mode` of reasoning models (`"reasoning"`). */
  promptMode: z.string().optional(),
});

/** Options read from `providerOptions.mistral` (or the provider's registered name). */
export type MistralProviderOptions = z.output<typeof mistralProviderOptionsSchema>;

/** `providerOptions.mistral` of an `ai.embed` call. Strict. */
export const mistralEmbeddingOptionsSchema = z.strictObject({
  /** `output_dtype` (`float`, `int8`, `uint8`, `binary`, `ubinary`) for models that support it (codestral-embed). Default: float. */
  outputDtype: z.enum(["float", "int8", "uint8", "binary", "ubinary"]).optional(),
});

/** Settings of the `mistral` provider. */
export interface MistralSettings extends ProviderSettings {
  /**
   * How `generateObject` asks for JSON: `json` (default, `response_format: json_object` with the schema in a
   * system message, validated by the router) or `json-schema` (Mistral's custom structured outputs).
   */
  structuredOutput?: "json" | "json-schema";
}
