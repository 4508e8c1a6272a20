// What users write for Google (Gemini): the provider's settings and `providerOptions.google`.
import { z } from "zod";
import type { ProviderSettings } from "../../spec/provider.js";

/** `providerOptions.google`. Strict: a typo is a `ConfigError`. */
export const googleProviderOptionsSchema = z.strictObject({
  /**
   * Send schemas as JSON Schema (`responseJsonSchema`, `parametersJsonSchema`; Gemini 2.5 and later) instead
   * of converting them to the OpenAPI subset of `responseSchema`/`parameters`. Default: false (converted; a
   * schema the subset cannot express, such as one with `$ref`, is sent as JSON Schema anyway).
   */
  jsonSchema: z.boolean().optional(),
  /** `generationConfig.thinkingConfig`: thinking budget in tokens (0 turns it off on Flash) and whether to return thoughts. */
  thinkingConfig: z.strictObject({ thinkingBudget: z.number().int().optional(), includeThoughts: z.boolean().optional() }).optional(),
  /** `safetySettings`, as the API takes them. */
  safetySettings: z.array(z.strictObject({ category: z.string(), threshold: z.string() })).optional(),
  /** Name of a cached content (`cachedContents/...`) to use as the prompt prefix. */
  cachedContent: z.string().optional(),
  /**
   * Embeddings only: the `taskType` to send instead of the one derived from `inputType` (`RETRIEVAL_DOCUMENT`
   * / `RETRIEVAL_QUERY`), e.g. `SEMANTIC_SIMILARITY`.
   */
  taskType: z.string().optional(),
});

export type GoogleProviderOptions = z.output<typeof googleProviderOptionsSchema>;

/** Settings of the `google` provider (the common ones). */
export type GoogleSettings = ProviderSettings;
