// POST /models/{model}:batchEmbedContents.
import type { HttpClient } from "../../http/http-client.js";
import { createJsonResponseHandler } from "../../http/response-handlers.js";
import type { EmbedCallOptions, EmbeddingModel, EmbedResult } from "../../spec/embedding-model.js";
import { googleBatchEmbedResponseSchema } from "./google-api.js";
import { googleProviderOptionsSchema } from "./google-options.js";
import { googleModelPath } from "./google-chat-model.js";
import { googleFailedResponseHandler } from "./google-error.js";
import { parseProviderOptions, providerOptionsKeys } from "../shared/provider-options.js";
import type { ProviderModelConfig } from "../shared/provider-settings.js";

/** Most texts one batchEmbedContents request takes. */
export const googleMaxEmbeddingsPerCall = 100;

/**
 * A Gemini embedding model (`gemini-embedding-001`, `text-embedding-004`): up to 100 texts per request,
 * `dimensions` sent as `outputDimensionality`, `inputType` as `taskType` (`RETRIEVAL_DOCUMENT` by default,
 * `RETRIEVAL_QUERY` for queries). Gemini reports no token usage for embeddings.
 */
export class GoogleEmbeddingModel implements EmbeddingModel {
  readonly provider: string;
  readonly modelId: string;
  readonly maxEmbeddingsPerCall = googleMaxEmbeddingsPerCall;
  readonly supportsParallelCalls = true;
  private readonly http: HttpClient;
  private readonly handler = createJsonResponseHandler(googleBatchEmbedResponseSchema);
  private readonly optionsKeys: readonly string[];

  constructor(modelId: string, config: ProviderModelConfig) {
    this.modelId = modelId;
    this.provider = config.provider;
    this.http = config.http;
    this.optionsKeys = providerOptionsKeys(config.provider, "google");
  }

  async doEmbed(options: EmbedCallOptions): Promise<EmbedResult> {
    const providerOptions = parseProviderOptions(options.providerOptions, this.optionsKeys, googleProviderOptionsSchema);
    const model = googleModelPath(this.modelId);
    const taskType = providerOptions.taskType ?? (options.inputType === "query" ? "RETRIEVAL_QUERY" : "RETRIEVAL_DOCUMENT");
    const requests = options.values.map((text) => {
      const request: Record<string, unknown> = { model, content: { parts: [{ text }] }, taskType };
      if (options.dimensions !== undefined) request.outputDimensionality = options.dimensions;
      return request;
    });
    const response = await this.http.postJson({
      path: `/${model}:batchEmbedContents`,
      model: this.modelId,
      body: { requests },
      headers: options.headers,
      abortSignal: options.abortSignal,
      successfulResponseHandler: this.handler,
      failedResponseHandler: googleFailedResponseHandler,
    });
    return {
      embeddings: response.value.embeddings.map((embedding) => embedding.values),
      usage: { inputTokens: undefined },
      raw: response.value,
      response: { requestId: response.requestId },
    };
  }
}
