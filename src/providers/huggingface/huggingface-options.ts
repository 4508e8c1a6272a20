// What users write for Hugging Face: the provider's settings (`providerOptions.huggingface` takes the OpenAI options on chat).
import type { ProviderSettings } from "../../spec/provider.js";

/** Settings of the `huggingface` provider (the common ones). */
export type HuggingFaceSettings = ProviderSettings;
