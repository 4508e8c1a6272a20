// POST /v1/rerank: up to 1,000 documents ordered by relevance to a query.
import type { HttpClient } from "../../http/http-client.js";
import { parseJsonChunk } from "../../http/response-handlers.js";
import type { RerankCallOptions, RerankModel, RerankResult } from "../../spec/rerank-model.js";
import { parseProviderOptions, providerOptionsKeys } from "../shared/provider-options.js";
import type { ProviderModelConfig } from "../shared/provider-settings.js";
import { rerankResults } from "../shared/rerank-results.js";
import { voyageRerankResponseSchema } from "./voyage-api.js";
import { voyageFailedResponseHandler } from "./voyage-error.js";
import { voyageRerankOptionsSchema } from "./voyage-options.js";

/** Voyage's limit: 1,000 documents per rerank request. */
export const voyageMaxDocumentsPerRerank = 1_000;

/** A Voyage rerank model (`voyage:rerank-2.5`, `voyage:rerank-2.5-lite`). */
export class VoyageRerankModel implements RerankModel {
  readonly provider: string;
  readonly modelId: string;
  readonly maxDocumentsPerCall = voyageMaxDocumentsPerRerank;
  private readonly http: HttpClient;
  private readonly optionsKeys: readonly string[];

  constructor(modelId: string, config: ProviderModelConfig) {
    this.modelId = modelId;
    this.provider = config.provider;
    this.http = config.http;
    this.optionsKeys = providerOptionsKeys(config.provider, "voyage");
  }

  /** `{ query, documents, model, top_k?, return_documents: false, truncation? }`. */
  requestBody(options: RerankCallOptions): Record<string, unknown> {
    const extra = parseProviderOptions(options.providerOptions, this.optionsKeys, voyageRerankOptionsSchema);
    const body: Record<string, unknown> = { query: options.query, documents: options.documents, model: this.modelId };
    if (options.topN !== undefined) body.top_k = options.topN;
    body.return_documents = false;
    if (extra.truncation !== undefined) body.truncation = extra.truncation;
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
        const value = parseJsonChunk(text, voyageRerankResponseSchema, context);
        const items = value.data.map((item) => ({ index: item.index, score: item.relevance_score }));
        return { value, results: rerankResults(items, options.documents.length, options.topN, context, text) };
      },
      failedResponseHandler: voyageFailedResponseHandler,
    });
    const { value, results } = response.value;
    return {
      results,
      usage: { inputTokens: value.usage?.total_tokens ?? undefined },
      raw: value,
      response: { requestId: response.requestId, modelId: value.model ?? undefined },
    };
  }
}
