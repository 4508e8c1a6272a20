// Mistral embeddings: the Embeddings driver of `openai/` (same response), with Mistral's limits and fields.
import type { HttpClient } from "../../http/http-client.js";
import type { EmbedCallOptions } from "../../spec/embedding-model.js";
import { ConfigError } from "../../spec/errors/index.js";
import { OpenAIEmbeddingModel } from "../openai/openai-embedding-model.js";
import { mistralEmbeddingOptionsSchema } from "./mistral-api.js";
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

  constructor(modelId: string, config: { provider: string; http: HttpClient }) {
    super(modelId, { provider: config.provider, http: config.http, ...mistralEmbeddingLimits, failedResponseHandler: mistralFailedResponseHandler });
    this.optionsKeys = config.provider === "mistral" ? ["mistral"] : [config.provider, "mistral"];
  }

  /** `{ model, input, encoding_format: "float", output_dimension?, output_dtype? }`. */
  override requestBody(options: EmbedCallOptions): Record<string, unknown> {
    const merged: Record<string, unknown> = {};
    for (const key of [...this.optionsKeys].reverse()) Object.assign(merged, options.providerOptions?.[key]);
    const parsed = mistralEmbeddingOptionsSchema.safeParse(merged);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ConfigError(`Invalid providerOptions.${this.optionsKeys[0]} for embeddings (${issue ? `${issue.path.join(".") || "(root)"}: ${issue.message}` : "invalid"}); the accepted key is outputDtype.`);
    }
    const body: Record<string, unknown> = { model: this.modelId, input: options.values, encoding_format: "float" };
    if (options.dimensions !== undefined) body.output_dimension = options.dimensions;
    if (parsed.data.outputDtype !== undefined) body.output_dtype = parsed.data.outputDtype;
    return body;
  }
}
