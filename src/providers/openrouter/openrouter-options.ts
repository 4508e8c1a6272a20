// `providerOptions.openrouter`: OpenRouter's routing and reasoning options, plus the OpenAI ones it passes on.
import { z } from "zod";
import { openaiProviderOptionsSchema } from "../openai/openai-options.js";

/** OpenRouter's `provider` object: which upstream providers may serve the request, in which order. Strict. */
export const openrouterProviderRoutingSchema = z.strictObject({
  /** Provider slugs to try in this order (`["anthropic", "openai"]`). */
  order: z.array(z.string()).optional(),
  /** Whether other providers may serve the request when those in `order` fail. OpenRouter's default: true. */
  allowFallbacks: z.boolean().optional(),
  /** Only route to providers that support every parameter of the request. OpenRouter's default: false. */
  requireParameters: z.boolean().optional(),
  /** `deny`: only providers that do not store or train on the data. OpenRouter's default: `allow`. */
  dataCollection: z.enum(["allow", "deny"]).optional(),
  /** Only zero-data-retention endpoints. */
  zdr: z.boolean().optional(),
  /** Only these provider slugs. */
  only: z.array(z.string()).optional(),
  /** Never these provider slugs. */
  ignore: z.array(z.string()).optional(),
  /** Only these quantizations (`int4`, `int8`, `fp8`, `fp16`, `bf16`...). */
  quantizations: z.array(z.string()).optional(),
  /** Prefer the cheapest, fastest or quickest-to-answer provider (turns off load balancing). */
  sort: z.enum(["price", "throughput", "latency"]).optional(),
  /** Most US dollars per million tokens you accept (`{ prompt: 1, completion: 2 }`). */
  maxPrice: z.strictObject({ prompt: z.number().optional(), completion: z.number().optional(), request: z.number().optional(), image: z.number().optional() }).optional(),
});

/** OpenRouter's `reasoning` object (unified across upstream providers). Strict. */
export const openrouterReasoningSchema = z.strictObject({
  /** Reasoning effort (OpenAI-style models). */
  effort: z.enum(["minimal", "low", "medium", "high"]).optional(),
  /** Reasoning token budget (Anthropic- and Gemini-style models). */
  maxTokens: z.number().int().positive().optional(),
  /** Reason, but leave the reasoning out of the reply. */
  exclude: z.boolean().optional(),
  /** Turn reasoning on with the model's default effort. */
  enabled: z.boolean().optional(),
});

/**
 * `providerOptions.openrouter` of a chat call: OpenRouter's own options, and those of `providerOptions.openai`
 * (`user`, `parallelToolCalls`, `reasoningEffort`...) that OpenRouter passes on. Strict: a typo is a `ConfigError`.
 */
export const openrouterProviderOptionsSchema = openaiProviderOptionsSchema.extend({
  /** Provider routing (`provider` in the body), see {@link openrouterProviderRoutingSchema}. */
  provider: openrouterProviderRoutingSchema.optional(),
  /** Model fallbacks (`models`): tried in order when the requested model's providers fail or refuse. */
  models: z.array(z.string()).optional(),
  /** Prompt transforms (`["middle-out"]` compresses prompts over the context window). */
  transforms: z.array(z.string()).optional(),
  /** Reasoning settings (`reasoning`), see {@link openrouterReasoningSchema}. */
  reasoning: openrouterReasoningSchema.optional(),
});

/** Options read from `providerOptions.openrouter` (or the provider's registered name). */
export type OpenRouterProviderOptions = z.output<typeof openrouterProviderOptionsSchema>;
