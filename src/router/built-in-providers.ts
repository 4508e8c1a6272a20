// The built-in providers, by name. ONE LINE PER PROVIDER: `<name>: create<Provider>,` plus its import line,
// so engineers adding providers in parallel never touch the same line.
import type { BuiltInProviderName as CatalogueProviderName } from "../spec/catalogue/provider-names.js";
import type { ProviderContext, ProviderDriver } from "../spec/provider.js";
import { createOpenAI, createOpenAICompatible } from "../providers/openai/index.js";
import { createGroq } from "../providers/groq/index.js";
import { createHuggingFace } from "../providers/huggingface/index.js";
import { createMistral } from "../providers/mistral/index.js";
import { createOllama } from "../providers/ollama/index.js";
import { createCohere } from "../providers/cohere/index.js";
import { createAnthropic } from "../providers/anthropic/index.js";
import { createGoogle } from "../providers/google/index.js";
import { createLocal } from "../providers/local/index.js";
import { createAzure } from "../providers/azure/index.js";
import { createOpenRouter } from "../providers/openrouter/index.js";
import { createXAI } from "../providers/xai/index.js";
import { createDeepSeek } from "../providers/deepseek/index.js";
import { createTogether } from "../providers/together/index.js";
import { createFireworks } from "../providers/fireworks/index.js";
import { createVoyage } from "../providers/voyage/index.js";
import { createJina } from "../providers/jina/index.js";
import { createTextEmbeddingsInference } from "../providers/huggingface/huggingface-tei.js";

/** Any provider factory, whatever its settings type (a parameter of type `never` accepts them all). */
export type AnyProviderFactory = (settings: never, context: ProviderContext) => ProviderDriver;

/**
 * Built-in provider factories by the name model strings use (`openai:gpt-4o-mini`): exactly the names of the
 * catalogue (`spec/catalogue/provider-names.ts`), which the generator reads; a missing or extra name fails to compile.
 */
export const builtInProviders = {
  openai: createOpenAI,
  "openai-compatible": createOpenAICompatible,
  groq: createGroq,
  huggingface: createHuggingFace,
  anthropic: createAnthropic,
  google: createGoogle,
  local: createLocal,
  mistral: createMistral,
  ollama: createOllama,
  cohere: createCohere,
  azure: createAzure,
  openrouter: createOpenRouter,
  xai: createXAI,
  deepseek: createDeepSeek,
  together: createTogether,
  fireworks: createFireworks,
  voyage: createVoyage,
  jina: createJina,
  tei: createTextEmbeddingsInference,
} satisfies Record<CatalogueProviderName, AnyProviderFactory>;


/** Names of the built-in providers. */
export type BuiltInProviderName = keyof typeof builtInProviders;
