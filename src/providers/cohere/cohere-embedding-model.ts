// POST /v2/embed: up to 96 texts per call, float vectors, input_type from the call's inputType.
import type { HttpClient } from "../../http/http-client.js";
import { createJsonResponseHandler } from "../../http/response-handlers.js";
import type { EmbedCallOptions, EmbeddingModel, EmbedResult } from "../../spec/embedding-model.js";
import { parseProviderOptions, providerOptionsKeys } from "../shared/provider-options.js";
import type { ProviderModelConfig } from "../shared/provider-settings.js";
import { cohereEmbedResponseSchema } from "./cohere-api.js";
import { cohereEmbedOptionsSchema } from "./cohere-options.js";
import { cohereFailedResponseHandler } from "./cohere-error.js";

/** Cohere's limit: 96 texts per /embed request. */
export const cohereMaxEmbeddingsPerCall = 96;

/**
 * A Cohere embedding model (`cohere:embed-v4.0`, `cohere:embed-english-v3.0`). What the texts are for picks
 * `input_type`: `ai.embed({ inputType: "query" })` sends `search_query` (embed search queries this way),
 * the default `document` sends `search_document`; `providerOptions.cohere.inputType` selects `classification`
 * or `clustering`. `dimensions` is sent as `output_dimension` (embed-v4.0: 256, 512, 1024, 1536).
 */
export class CohereEmbeddingModel implements EmbeddingModel {
  readonly provider: string;
  readonly modelId: string;
  readonly maxEmbeddingsPerCall = cohereMaxEmbeddingsPerCall;
  readonly supportsParallelCalls = true;
  private readonly http: HttpClient;
  private readonly optionsKeys: readonly string[];
  private readonly handler = createJsonResponseHandler(cohereEmbedResponseSchema);

  constructor(modelId: string, config: ProviderModelConfig) {
    this.modelId = modelId;
    this.provider = config.provider;
    this.http = config.http;
    this.optionsKeys = providerOptionsKeys(config.provider, "cohere");
  }

  /** `{ model, texts, input_type, embedding_types: ["float"], output_dimension?, truncate? }`. */
  requestBody(options: EmbedCallOptions): Record<string, unknown> {
    const extra = parseProviderOptions(options.providerOptions, this.optionsKeys, cohereEmbedOptionsSchema);
    const inputType = extra.inputType ?? (options.inputType === "query" ? "search_query" : "search_document");
    const body: Record<string, unknown> = { model: this.modelId, texts: options.values, input_type: inputType, embedding_types: ["float"] };
    if (options.dimensions !== undefined) body.output_dimension = options.dimensions;
    if (extra.truncate !== undefined) body.truncate = extra.truncate;
    return body;
  }

  async doEmbed(options: EmbedCallOptions): Promise<EmbedResult> {
    const response = await this.http.postJson({
      path: "/embed",
      model: this.modelId,
      body: this.requestBody(options),
      headers: options.headers,
      abortSignal: options.abortSignal,
      successfulResponseHandler: this.handler,
      failedResponseHandler: cohereFailedResponseHandler,
    });
    return {
      embeddings: response.value.embeddings.float,
      usage: { inputTokens: response.value.meta?.billed_units?.input_tokens ?? undefined },
      raw: response.value,
      response: { requestId: response.requestId, id: response.value.id ?? undefined },
    };
  }
}
