// Mistral embeddings: the Embeddings driver of `openai/` (same response), with Mistral's limits and fields.
import type { EmbedCallOptions } from "../../spec/embedding-model.js";
import { OpenAIEmbeddingModel } from "../openai/openai-embedding-model.js";
import { parseProviderOptions, providerOptionsKeys } from "../shared/provider-options.js";
import type { ProviderModelConfig } from "../shared/provider-settings.js";
import { mistralEmbeddingOptionsSchema } from "./mistral-options.js";
import { mistralFailedResponseHandler } from "./mistral-error.js";

/**
 * Mistral's limits per `/embeddings` request: 16,384 tokens in total, and 256 inputs (more is rejected with
 * "Too many inputs in request, split into more batches").
 */
export const mistralEmbeddingLimits = { maxEmbeddingsPerCall: 256, maxTokensPerCall: 16_384 } as const;

/**
 * A Mistral embedding model (`mistral:mistral-embed`, 1,024 dimensions; `mistral:codestral-embed`, whose size is
 * chosen with `dimensions`, sent as `output_dimension`).
 */
export class MistralEmbeddingModel extends OpenAIEmbeddingModel {
  private readonly optionsKeys: readonly string[];

  constructor(modelId: string, config: ProviderModelConfig) {
    super(modelId, { provider: config.provider, http: config.http, ...mistralEmbeddingLimits, failedResponseHandler: mistralFailedResponseHandler });
    this.optionsKeys = providerOptionsKeys(config.provider, "mistral");
  }

  /** `{ model, input, encoding_format: "float", output_dimension?, output_dtype? }`. */
  override requestBody(options: EmbedCallOptions): Record<string, unknown> {
    const extra = parseProviderOptions(options.providerOptions, this.optionsKeys, mistralEmbeddingOptionsSchema);
    const body: Record<string, unknown> = { model: this.modelId, input: options.values, encoding_format: "float" };
    if (options.dimensions !== undefined) body.output_dimension = options.dimensions;
    if (extra.outputDtype !== undefined) body.output_dtype = extra.outputDtype;
    return body;
  }
}
