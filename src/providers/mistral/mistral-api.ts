// Mistral's chat and embeddings speak the Chat Completions wire format (see `openai/openai-api.ts` for the
// response schemas, shared). What is Mistral's own: its provider options, and its error bodies (`mistral-error.ts`).
import { z } from "zod";

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
