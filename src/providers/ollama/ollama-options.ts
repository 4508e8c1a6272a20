// What users write for Ollama: the provider's settings and `providerOptions.ollama` (chat and embeddings).
import { z } from "zod";
import type { ProviderSettings } from "../../spec/provider.js";

const keepAliveSchema = z.union([z.string(), z.number()]);

/** `providerOptions.ollama` of chat calls. Strict: a typo is a `ConfigError`. */
export const ollamaChatOptionsSchema = z.strictObject({
  /** Thinking models: `true`/`false`, or an effort (`"low"`, `"medium"`, `"high"`) where the model supports it. */
  think: z.union([z.boolean(), z.enum(["low", "medium", "high"])]).optional(),
  /** How long the model stays loaded after the call (`"5m"`, seconds, `0` to unload, `-1` forever). */
  keepAlive: keepAliveSchema.optional(),
  /** More runtime `options` (`num_ctx`, `repeat_penalty`, `mirostat`...), merged under the mapped settings. */
  options: z.record(z.string(), z.unknown()).optional(),
});

/** `providerOptions.ollama` of embedding calls. Strict. */
export const ollamaEmbedOptionsSchema = z.strictObject({
  /** Cut inputs longer than the context window (Ollama's default) or fail (`false`, a `ContextLengthError`). */
  truncate: z.boolean().optional(),
  keepAlive: keepAliveSchema.optional(),
  options: z.record(z.string(), z.unknown()).optional(),
});

/** Options read from `providerOptions.ollama` by chat calls. */
export type OllamaChatOptions = z.output<typeof ollamaChatOptionsSchema>;
/** Options read from `providerOptions.ollama` by embedding calls. */
export type OllamaEmbedOptions = z.output<typeof ollamaEmbedOptionsSchema>;

/** Settings of the `ollama` provider. No API key is needed; `apiKey` is sent as a Bearer token when given (ollama.com, a proxy). */
export type OllamaSettings = ProviderSettings;
