// Embeddings through the hf-inference feature-extraction pipeline.
import type { HttpClient } from "../../http/http-client.js";
import { errorOptions, parseJsonChunk } from "../../http/response-handlers.js";
import type { EmbedCallOptions, EmbeddingModel, EmbedResult } from "../../spec/embedding-model.js";
import { ProviderResponseError } from "../../spec/errors/index.js";
import { openaiFailedResponseHandler } from "../openai/openai-error.js";
import { featureExtractionResponseSchema } from "./huggingface-api.js";
import type { ProviderModelConfig } from "../shared/provider-settings.js";

/** Inputs per feature-extraction request (hf-inference documents no limit; this keeps requests small). */
export const huggingfaceMaxEmbeddingsPerCall = 64;

/** A sentence-embedding model served by hf-inference (`huggingface:sentence-transformers/all-MiniLM-L6-v2`). */
export class HuggingFaceEmbeddingModel implements EmbeddingModel {
  readonly provider: string;
  readonly modelId: string;
  readonly maxEmbeddingsPerCall = huggingfaceMaxEmbeddingsPerCall;
  readonly supportsParallelCalls = true;
  private readonly http: HttpClient;

  constructor(modelId: string, config: ProviderModelConfig) {
    this.modelId = modelId;
    this.provider = config.provider;
    this.http = config.http;
  }

  async doEmbed(options: EmbedCallOptions): Promise<EmbedResult> {
    const path = `/hf-inference/models/${this.modelId.split("/").map(encodeURIComponent).join("/")}/pipeline/feature-extraction`;
    const response = await this.http.postJson({
      path,
      model: this.modelId,
      body: { inputs: options.values },
      headers: options.headers,
      abortSignal: options.abortSignal,
      successfulResponseHandler: (text, context) => {
        const value = parseJsonChunk(text, featureExtractionResponseSchema, context);
        if (value.some((item) => Array.isArray(item[0]))) {
          throw new ProviderResponseError(
            `${context.provider} model ${this.modelId} returns one vector per token, not per text; use a sentence-embedding model (e.g. sentence-transformers/all-MiniLM-L6-v2).`,
            errorOptions(context, text.slice(0, 500)),
          );
        }
        return value as number[][];
      },
      failedResponseHandler: openaiFailedResponseHandler,
    });
    return { embeddings: response.value, usage: { inputTokens: undefined }, raw: response.value, response: { requestId: response.requestId } };
  }
}
