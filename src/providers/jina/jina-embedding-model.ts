// POST /v1/embeddings: OpenAI's reply shape (the openai/ driver), Jina's request fields and errors.
import type { EmbedCallOptions } from "../../spec/embedding-model.js";
import { OpenAIEmbeddingModel } from "../openai/openai-embedding-model.js";
import { parseProviderOptions, providerOptionsKeys } from "../shared/provider-options.js";
import type { ProviderModelConfig } from "../shared/provider-settings.js";
import { jinaFailedResponseHandler } from "./jina-error.js";
import { jinaEmbeddingOptionsSchema } from "./jina-options.js";

/** Jina's limit: 2,048 texts per embeddings request (8,192 tokens each). */
export const jinaMaxEmbeddingsPerCall = 2_048;

/**
 * A Jina embedding model (`jina:jina-embeddings-v3`, 1,024 dimensions; `jina:jina-embeddings-v4`, 2,048).
 * For v3/v4 `ai.embed({ inputType: "query" })` sends `task: "retrieval.query"`, the default `document`
 * `"retrieval.passage"`; `dimensions` is sent as is (Matryoshka truncation).
 */
export class JinaEmbeddingModel extends OpenAIEmbeddingModel {
  private readonly optionsKeys: readonly string[];

  constructor(modelId: string, config: ProviderModelConfig) {
    super(modelId, { provider: config.provider, http: config.http, maxEmbeddingsPerCall: jinaMaxEmbeddingsPerCall, failedResponseHandler: jinaFailedResponseHandler });
    this.optionsKeys = providerOptionsKeys(config.provider, "jina");
  }

  /** `{ model, input, embedding_type: "float", task?, dimensions?, late_chunking?, truncate? }`. */
  override requestBody(options: EmbedCallOptions): Record<string, unknown> {
    const extra = parseProviderOptions(options.providerOptions, this.optionsKeys, jinaEmbeddingOptionsSchema);
    const body: Record<string, unknown> = { model: this.modelId, input: options.values, embedding_type: "float" };
    const task = extra.task ?? (/^jina-embeddings-v[34]/.test(this.modelId) ? (options.inputType === "query" ? "retrieval.query" : "retrieval.passage") : undefined);
    if (task !== undefined) body.task = task;
    if (options.dimensions !== undefined) body.dimensions = options.dimensions;
    if (extra.lateChunking !== undefined) body.late_chunking = extra.lateChunking;
    if (extra.truncate !== undefined) body.truncate = extra.truncate;
    return body;
  }
}
