// What users write for Groq: the provider's settings (`providerOptions.groq` takes the OpenAI options).
import type { ProviderSettings } from "../../spec/provider.js";

/** Settings of the `groq` provider (the common ones). */
export type GroqSettings = ProviderSettings;
