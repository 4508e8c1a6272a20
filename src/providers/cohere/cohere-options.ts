// What users write for Cohere: the provider's settings and `providerOptions.cohere` (chat and embeddings).
import { z } from "zod";
import type { ProviderSettings } from "../../spec/provider.js";

/** `providerOptions.cohere` of chat calls. Strict: a typo is a `ConfigError`. */
export const cohereChatOptionsSchema = z.strictObject({
  /** `safety_mode`: `CONTEXTUAL` (Cohere's default), `STRICT` or `OFF`. */
  safetyMode: z.enum(["CONTEXTUAL", "STRICT", "OFF"]).optional(),
  /** `strict_tools`: make tool calls follow the tool schemas exactly. */
  strictTools: z.boolean().optional(),
  /** `thinking` of reasoning models: `{ type: "enabled" | "disabled", tokenBudget? }`. */
  thinking: z.strictObject({ type: z.enum(["enabled", "disabled"]), tokenBudget: z.number().int().positive().optional() }).optional(),
});

/** `providerOptions.cohere` of embedding calls. Strict. */
export const cohereEmbedOptionsSchema = z.strictObject({
  /**
   * `input_type` beyond search: `classification`, `clustering` (or `search_document` / `search_query`). Default:
   * from the call's `inputType`: `document` -> `search_document`, `query` -> `search_query`.
   */
  inputType: z.enum(["search_document", "search_query", "classification", "clustering"]).optional(),
  /** `truncate`: `NONE` (fail on inputs over the model's limit), `START` or `END` (Cohere's default). */
  truncate: z.enum(["NONE", "START", "END"]).optional(),
});

/** Options read from `providerOptions.cohere` by chat calls. */
export type CohereChatOptions = z.output<typeof cohereChatOptionsSchema>;
/** Options read from `providerOptions.cohere` by embedding calls. */
export type CohereEmbedOptions = z.output<typeof cohereEmbedOptionsSchema>;

/** Settings of the `cohere` provider (the common ones). */
export type CohereSettings = ProviderSettings;
