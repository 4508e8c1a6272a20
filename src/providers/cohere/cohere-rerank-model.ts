// POST /v2/rerank (https://docs.cohere.com/reference/rerank): documents ordered by relevance to a query.
import { z } from "zod";
import type { HttpClient } from "../../http/http-client.js";
import { parseJsonChunk } from "../../http/response-handlers.js";
import type { RerankCallOptions, RerankModel, RerankResult } from "../../spec/rerank-model.js";
import { parseProviderOptions, providerOptionsKeys } from "../shared/provider-options.js";
import type { ProviderModelConfig } from "../shared/provider-settings.js";
import { rerankResults } from "../shared/rerank-results.js";
import { cohereFailedResponseHandler } from "./cohere-error.js";

/** The reply of `/v2/rerank`: results by descending relevance, and the billed search units. */
export const cohereRerankResponseSchema = z.looseObject({
  id: z.string().nullish(),
  results: z.array(z.looseObject({ index: z.number(), relevance_score: z.number() })),
  meta: z.looseObject({ billed_units: z.looseObject({ search_units: z.number().nullish() }).nullish() }).nullish(),
});

/** `providerOptions.cohere` of a rerank call. Strict. */
export const cohereRerankOptionsSchema = z.strictObject({
  /** Tokens of each document the model reads (`max_tokens_per_doc`; Cohere's default 4,096); longer ones are truncated. */
  maxTokensPerDoc: z.number().int().positive().optional(),
});

/** Cohere's recommended limit: 1,000 documents per rerank request. */
export const cohereMaxDocumentsPerRerank = 1_000;

/** A Cohere rerank model (`cohere:rerank-v3.5`, `cohere:rerank-english-v3.0`, `cohere:rerank-multilingual-v3.0`). */
export class CohereRerankModel implements RerankModel {
  readonly provider: string;
  readonly modelId: string;
  readonly maxDocumentsPerCall = cohereMaxDocumentsPerRerank;
  private readonly http: HttpClient;
  private readonly optionsKeys: readonly string[];

  constructor(modelId: string, config: ProviderModelConfig) {
    this.modelId = modelId;
    this.provider = config.provider;
    this.http = config.http;
    this.optionsKeys = providerOptionsKeys(config.provider, "cohere");
  }

  /** `{ model, query, documents, top_n?, max_tokens_per_doc? }`. */
  requestBody(options: RerankCallOptions): Record<string, unknown> {
    const extra = parseProviderOptions(options.providerOptions, this.optionsKeys, cohereRerankOptionsSchema);
    const body: Record<string, unknown> = { model: this.modelId, query: options.query, documents: options.documents };
    if (options.topN !== undefined) body.top_n = options.topN;
    if (extra.maxTokensPerDoc !== undefined) body.max_tokens_per_doc = extra.maxTokensPerDoc;
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
        const value = parseJsonChunk(text, cohereRerankResponseSchema, context);
        const items = value.results.map((item) => ({ index: item.index, score: item.relevance_score }));
        return { value, results: rerankResults(items, options.documents.length, options.topN, context, text) };
      },
      failedResponseHandler: cohereFailedResponseHandler,
    });
    const { value, results } = response.value;
    return {
      results,
      usage: { searchUnits: value.meta?.billed_units?.search_units ?? undefined },
      raw: value,
      response: { requestId: response.requestId, id: value.id ?? undefined },
    };
  }
}
