// POST /v1/rerank: documents ordered by relevance to a query.
import type { HttpClient } from "../../http/http-client.js";
import { parseJsonChunk } from "../../http/response-handlers.js";
import type { RerankCallOptions, RerankModel, RerankResult } from "../../spec/rerank-model.js";
import type { ProviderModelConfig } from "../shared/provider-settings.js";
import { rerankResults } from "../shared/rerank-results.js";
import { jinaRerankResponseSchema } from "./jina-api.js";
import { jinaFailedResponseHandler } from "./jina-error.js";

/** A Jina rerank model (`jina:jina-reranker-v2-base-multilingual`, `jina:jina-reranker-m0`). */
export class JinaRerankModel implements RerankModel {
  readonly provider: string;
  readonly modelId: string;
  /** Jina documents no limit on the number of documents. */
  readonly maxDocumentsPerCall = undefined;
  private readonly http: HttpClient;

  constructor(modelId: string, config: ProviderModelConfig) {
    this.modelId = modelId;
    this.provider = config.provider;
    this.http = config.http;
  }

  /** `{ model, query, documents, top_n?, return_documents: false }`. */
  requestBody(options: RerankCallOptions): Record<string, unknown> {
    const body: Record<string, unknown> = { model: this.modelId, query: options.query, documents: options.documents };
    if (options.topN !== undefined) body.top_n = options.topN;
    body.return_documents = false;
    return body;
  }

  async doRerank(options: RerankCallOptions): Promise<RerankResult> {
    const response = await this.http.postJson({
      path: "/rerank",
      model: this.modelId,
      body: this.requestBody(options),
      headers: options.headers,
      abortSignal: options.abortSignal,
      successfulResponseHandler: (text, context) => {
        const value = parseJsonChunk(text, jinaRerankResponseSchema, context);
        const items = value.results.map((item) => ({ index: item.index, score: item.relevance_score }));
        return { value, results: rerankResults(items, options.documents.length, options.topN, context, text) };
      },
      failedResponseHandler: jinaFailedResponseHandler,
    });
    const { value, results } = response.value;
    return {
      results,
      usage: { inputTokens: value.usage?.total_tokens ?? value.usage?.prompt_tokens ?? undefined },
      raw: value,
      response: { requestId: response.requestId, modelId: value.model ?? undefined },
    };
  }
}
