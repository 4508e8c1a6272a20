// The rerank contract: a model that orders documents by their relevance to a query (Cohere, Voyage, Jina, TEI).
import type { CallOptions, ResponseInfo } from "./shared-types.js";

/** What a driver receives for one rerank call. */
export interface RerankCallOptions extends CallOptions {
  /** The search query the documents are scored against. */
  query: string;
  /** The texts to score, at most `maxDocumentsPerCall` (the caller splits or trims). */
  documents: string[];
  /** Return only the `topN` most relevant documents. Default: all of them. */
  topN?: number;
}

/** One scored document. */
export interface RerankResultItem {
  /** Position of the document in the `documents` the call was given. */
  index: number;
  /**
   * The model's relevance score, higher is more relevant. Its scale is the provider's (Cohere, Voyage and Jina
   * 0 to 1; Text Embeddings Inference a sigmoid 0 to 1 unless asked for raw scores): compare scores of one model only.
   */
  relevanceScore: number;
}

/** What one rerank call used, as far as the provider reports it. */
export interface RerankUsage {
  /** Tokens of the query and documents the provider billed (Voyage, Jina). */
  inputTokens?: number | undefined;
  /** Cohere bills searches: one search unit per query with up to 100 documents. */
  searchUnits?: number | undefined;
}

/** The result of one rerank call: documents by descending relevance, at most `topN` of them. */
export interface RerankResult {
  results: RerankResultItem[];
  usage?: RerankUsage;
  /** The response body (parsed JSON). Never contains the API key. */
  raw?: unknown;
  response: ResponseInfo;
}

/** A rerank model of one provider (`cohere:rerank-v3.5`, `voyage:rerank-2.5`, `jina:jina-reranker-v2-base-multilingual`). */
export interface RerankModel {
  readonly provider: string;
  readonly modelId: string;
  /** Most documents one call accepts (Cohere and Voyage 1,000). `undefined`: no documented limit. */
  readonly maxDocumentsPerCall: number | undefined;
  /** One HTTP call. Results are sorted by descending `relevanceScore`, each `index` points into `documents`. */
  doRerank(options: RerankCallOptions): Promise<RerankResult>;
}
