// POST /v1/embeddings: up to 1,000 texts per call, input_type from the call's inputType, output_dimension.
import type { HttpClient } from "../../http/http-client.js";
import { createJsonResponseHandler } from "../../http/response-handlers.js";
import type { EmbedCallOptions, EmbeddingModel, EmbedResult } from "../../spec/embedding-model.js";
import { parseProviderOptions, providerOptionsKeys } from "../shared/provider-options.js";
import type { ProviderModelConfig } from "../shared/provider-settings.js";
import { voyageEmbeddingResponseSchema } from "./voyage-api.js";
import { voyageFailedResponseHandler } from "./voyage-error.js";
import { voyageEmbeddingOptionsSchema } from "./voyage-options.js";

/** Voyage's limit: 1,000 texts per request. */
export const voyageMaxEmbeddingsPerCall = 1_000;

/**
 * Voyage's token limit per request, by model: 1M for the lite models, 320K for voyage-3.5 / voyage-3 /
 * voyage-2, 120K for the others (voyage-3-large, voyage-code-3, the domain models).
 */
export function voyageMaxTokensPerCall(modelId: string): number {
  if (/^voyage-(3\.5-lite|3-lite)$/.test(modelId)) return 1_000_000;
  if (/^voyage-(3\.5|3|2)$/.test(modelId)) return 320_000;
  return 120_000;
}

/**
 * A Voyage embedding model (`voyage:voyage-3.5`, `voyage:voyage-3-large`, `voyage:voyage-code-3`...).
 * `ai.embed({ inputType: "query" })` sends `input_type: "query"`, the default `document` sends `"document"`
 * (Voyage prepends its retrieval prompt); `dimensions` is sent as `output_dimension` (256, 512, 1024, 2048).
 */
export class VoyageEmbeddingModel implements EmbeddingModel {
  readonly provider: string;
  readonly modelId: string;
  readonly maxEmbeddingsPerCall = voyageMaxEmbeddingsPerCall;
  readonly maxTokensPerCall: number;
  readonly supportsParallelCalls = true;
  private readonly http: HttpClient;
  private readonly optionsKeys: readonly string[];
  private readonly handler = createJsonResponseHandler(voyageEmbeddingResponseSchema);

  constructor(modelId: string, config: ProviderModelConfig) {
    this.modelId = modelId;
    this.provider = config.provider;
    this.http = config.http;
    this.maxTokensPerCall = voyageMaxTokensPerCall(modelId);
    this.optionsKeys = providerOptionsKeys(config.provider, "voyage");
  }

  /** `{ input, model, input_type, output_dimension?, truncation? }`. */
  requestBody(options: EmbedCallOptions): Record<string, unknown> {
    const extra = parseProviderOptions(options.providerOptions, this.optionsKeys, voyageEmbeddingOptionsSchema);
    const inputType = extra.inputType === undefined ? (options.inputType ?? "document") : extra.inputType;
    const body: Record<string, unknown> = { input: options.values, model: this.modelId, input_type: inputType };
    if (options.dimensions !== undefined) body.output_dimension = options.dimensions;
    if (extra.truncation !== undefined) body.truncation = extra.truncation;
    return body;
  }

  async doEmbed(options: EmbedCallOptions): Promise<EmbedResult> {
    const response = await this.http.postJson({
      path: "/embeddings",
      model: this.modelId,
      body: this.requestBody(options),
      headers: options.headers,
      abortSignal: options.abortSignal,
      successfulResponseHandler: this.handler,
      failedResponseHandler: voyageFailedResponseHandler,
    });
    const value = response.value;
    const data = value.data.every((item) => typeof item.index === "number") ? [...value.data].sort((a, b) => a.index! - b.index!) : value.data;
    return {
      embeddings: data.map((item) => item.embedding),
      usage: { inputTokens: value.usage?.total_tokens ?? undefined },
      raw: value,
      response: { requestId: response.requestId, modelId: value.model ?? undefined },
    };
  }
}
