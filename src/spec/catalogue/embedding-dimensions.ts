// Native vector sizes of common embedding models: lets `prisma generate` accept an `@ai.model` without
// `dimensions`, and the router check embedding fallbacks before any request.
import type { KnownModelString } from "./provider-names.js";

/** What is known about an embedding model's vectors. */
export interface EmbeddingDimensions {
  /** Size of the vectors when no `dimensions` is asked for. */
  native: number;
  /** Whether the model can return shorter vectors on request (`dimensions` / `outputDimensionality` / `output_dimension`). */
  shortenable: boolean;
}

/** Native sizes by `"provider:model-id"` (a key naming no built-in provider fails to compile). Models not listed are unknown (the router then needs `dimensions` to fall back). */
export const knownEmbeddingDimensions: Readonly<Record<string, EmbeddingDimensions>> = {
  "openai:text-embedding-3-small": { native: 1536, shortenable: true },
  "openai:text-embedding-3-large": { native: 3072, shortenable: true },
  "openai:text-embedding-ada-002": { native: 1536, shortenable: false },
  "google:gemini-embedding-001": { native: 3072, shortenable: true },
  "google:text-embedding-004": { native: 768, shortenable: true },
  "mistral:mistral-embed": { native: 1024, shortenable: false },
  "mistral:codestral-embed": { native: 1536, shortenable: true },
  "cohere:embed-v4.0": { native: 1536, shortenable: true },
  "cohere:embed-english-v3.0": { native: 1024, shortenable: false },
  "cohere:embed-multilingual-v3.0": { native: 1024, shortenable: false },
  "cohere:embed-english-light-v3.0": { native: 384, shortenable: false },
  "ollama:nomic-embed-text": { native: 768, shortenable: false },
  "ollama:mxbai-embed-large": { native: 1024, shortenable: false },
  "ollama:all-minilm": { native: 384, shortenable: false },
  "local:use-lite": { native: 512, shortenable: false },
  "voyage:voyage-3.5": { native: 1024, shortenable: true },
  "voyage:voyage-3.5-lite": { native: 1024, shortenable: true },
  "voyage:voyage-3-large": { native: 1024, shortenable: true },
  "voyage:voyage-code-3": { native: 1024, shortenable: true },
  "voyage:voyage-3": { native: 1024, shortenable: false },
  "voyage:voyage-3-lite": { native: 512, shortenable: false },
  "voyage:voyage-finance-2": { native: 1024, shortenable: false },
  "voyage:voyage-law-2": { native: 1024, shortenable: false },
  "voyage:voyage-multilingual-2": { native: 1024, shortenable: false },
  "jina:jina-embeddings-v3": { native: 1024, shortenable: true },
  "jina:jina-embeddings-v4": { native: 2048, shortenable: true },
  "jina:jina-clip-v2": { native: 1024, shortenable: true },
  "together:BAAI/bge-large-en-v1.5": { native: 1024, shortenable: false },
  "together:BAAI/bge-base-en-v1.5": { native: 768, shortenable: false },
  "together:intfloat/multilingual-e5-large-instruct": { native: 1024, shortenable: false },
  "fireworks:nomic-ai/nomic-embed-text-v1.5": { native: 768, shortenable: true },
  "openrouter:openai/text-embedding-3-small": { native: 1536, shortenable: true },
  "openrouter:openai/text-embedding-3-large": { native: 3072, shortenable: true },
} satisfies Partial<Record<KnownModelString, EmbeddingDimensions>>;

/** The known vector sizes of `"provider:model-id"`, or `undefined`. */
export function embeddingDimensionsOf(model: string): EmbeddingDimensions | undefined {
  return knownEmbeddingDimensions[model];
}
