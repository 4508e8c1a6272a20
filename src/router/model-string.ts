// "provider:model-id" strings.
import { ConfigError } from "../spec/errors/index.js";

/** A parsed model string. */
export interface ModelReference {
  provider: string;
  /** Everything after the first `:`; may itself contain `:` and `/` (`ollama:llama3.1:8b`, `huggingface:meta-llama/Llama-3.1-8B-Instruct`). */
  modelId: string;
}

/**
 * Splits `"provider:model-id"` at the first colon. Throws a `ConfigError` when there is no provider prefix or
 * either side is empty.
 */
export function parseModelString(model: string, knownProviders: readonly string[] = []): ModelReference {
  const colon = typeof model === "string" ? model.indexOf(":") : -1;
  if (colon <= 0 || colon === model.length - 1) {
    const known = knownProviders.length ? ` Known providers: ${knownProviders.join(", ")}.` : "";
    throw new ConfigError(`Model ${JSON.stringify(model)} is not a "provider:model-id" string; write it like "openai:gpt-4o-mini".${known}`);
  }
  return { provider: model.slice(0, colon), modelId: model.slice(colon + 1) };
}
