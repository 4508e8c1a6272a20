// The embedding contract: what an embedding model declares about its limits and how one call looks.
import type { CallOptions, ResponseInfo } from "./shared-types.js";

/** What a driver receives for one embedding call: at most `maxEmbeddingsPerCall` values (the router splits). */
export interface EmbedCallOptions extends CallOptions {
  values: string[];
  /** Requested vector size, for models that can shorten their vectors (OpenAI `dimensions`, Gemini `outputDimensionality`...). */
  dimensions?: number;
  /**
   * What the texts are for: `document` (to be stored and searched) or `query` (to search with). Providers that
   * distinguish (Cohere `input_type`, Gemini `taskType`) use it; others ignore it. Default: `document`.
   */
  inputType?: "document" | "query";
}

/** The result of one embedding call: one vector per value, in the same order. */
export interface EmbedResult {
  embeddings: number[][];
  /** Input tokens, when the provider reports them. */
  usage: { inputTokens: number | undefined };
  /** The response body (parsed JSON); vectors included. Never contains the API key. */
  raw: unknown;
  response: ResponseInfo;
}

/** An embedding model of one provider. The router batches, runs calls concurrently and checks dimensions. */
export interface EmbeddingModel {
  readonly provider: string;
  readonly modelId: string;
  /** Most values one call accepts (OpenAI 2,048, Gemini 100, Cohere 96). `undefined`: no limit. */
  readonly maxEmbeddingsPerCall: number | undefined;
  /** Most input tokens one call accepts (OpenAI 300,000), estimated by the router. `undefined`: no limit. */
  readonly maxTokensPerCall?: number;
  /** Whether several calls may run at once (false for a local server that processes one request at a time). */
  readonly supportsParallelCalls: boolean;
  /** One call with at most `maxEmbeddingsPerCall` values. Returns exactly one vector per value, in order. */
  doEmbed(options: EmbedCallOptions): Promise<EmbedResult>;
}
