// What users write for the local provider: its settings.
import type { ProviderSettings } from "../../spec/provider.js";

/**
 * Settings of the `local` provider. The HTTP settings every provider accepts (`apiKey`, `baseURL`, `timeoutMs`...)
 * are accepted and ignored: nothing goes over the network.
 */
export interface LocalSettings extends ProviderSettings {
  /** Texts per model call. Default: 16 (larger calls are slower per text with this model). */
  maxEmbeddingsPerCall?: number;
}
