// Facts the validation needs about model strings: which providers exist, and the output size of well-known
// embedding models (so `dimensions` may be left out for them).

/** Providers a model string (`<provider>:<model id>`) may name. */
export const knownProviders = [
  "openai",
  "openai-compatible",
  "anthropic",
  "google",
  "ollama",
  "groq",
  "mistral",
  "cohere",
  "huggingface",
  "local",
] as const;

/** Default output dimensions of well-known embedding models, by full model string. */
export const knownEmbeddingDimensions: Readonly<Record<string, number>> = {
  "openai:text-embedding-3-small": 1536,
  "openai:text-embedding-3-large": 3072,
  "openai:text-embedding-ada-002": 1536,
  "google:text-embedding-004": 768,
  "google:gemini-embedding-001": 3072,
  "mistral:mistral-embed": 1024,
  "cohere:embed-english-v3.0": 1024,
  "cohere:embed-multilingual-v3.0": 1024,
  "cohere:embed-english-light-v3.0": 384,
  "cohere:embed-v4.0": 1536,
  "ollama:nomic-embed-text": 768,
  "ollama:mxbai-embed-large": 1024,
  "ollama:all-minilm": 384,
};
