// What users write for Anthropic: the provider's settings and `providerOptions.anthropic`.
import { z } from "zod";
import type { ProviderSettings } from "../../spec/provider.js";

/** `providerOptions.anthropic`. Strict: a typo is a `ConfigError`. */
export const anthropicProviderOptionsSchema = z.strictObject({
  /** Extended thinking: `{ type: "enabled", budgetTokens: 2048 }` (streamed as `reasoning-delta` events). */
  thinking: z.strictObject({ type: z.literal("enabled"), budgetTokens: z.number().int().min(1024) }).optional(),
  /** Let the model call at most one tool per turn (`disable_parallel_tool_use`). Default: the provider's (false). */
  disableParallelToolUse: z.boolean().optional(),
  /** An opaque end-user id (`metadata.user_id`) for abuse detection. */
  userId: z.string().optional(),
});

export type AnthropicProviderOptions = z.output<typeof anthropicProviderOptionsSchema>;

/** Settings of the `anthropic` provider. */
export interface AnthropicSettings extends ProviderSettings {
  /** Sent as `anthropic-version`. Default: {@link anthropicDefaultVersion}. */
  version?: string;
}
