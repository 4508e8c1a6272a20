// Hugging Face Text Embeddings Inference (TEI): a self-hosted server (or an Inference Endpoint) that embeds
// (`POST /embed`) and reranks (`POST /rerank`, https://huggingface.github.io/text-embeddings-inference/).
import { z } from "zod";
import type { HttpClient } from "../../http/http-client.js";
import { parseJsonChunk } from "../../http/response-handlers.js";
import type { EmbedCallOptions, EmbeddingModel, EmbedResult } from "../../spec/embedding-model.js";
import { ConfigError } from "../../spec/errors/index.js";
import type { ProviderContext, ProviderDriver, ProviderSettings } from "../../spec/provider.js";
import type { RerankCallOptions, RerankModel, RerankResult } from "../../spec/rerank-model.js";
import { openaiFailedResponseHandler } from "../openai/openai-error.js";
import { bearerAuthentication, resolveProviderSettings, type ProviderModelConfig } from "../shared/provider-settings.js";
import { rerankResults } from "../shared/rerank-results.js";
import { vectorSchema } from "../shared/vector-schemas.js";

/** TEI's address in its documentation's examples (`docker run -p 8080:80 ...`). */
export const teiDefaultBaseURL = "http://127.0.0.1:8080";

/** TEI's default `--max-client-batch-size`: most texts per `/embed` request and documents per `/rerank` request. */
export const teiDefaultMaxClientBatchSize = 32;

/** POST /rerank: `[{ index, score }]` by descending score (`text` only with `return_text`). */
export const teiRerankResponseSchema = z.array(z.looseObject({ index: z.number(), score: z.number() }));

/** POST /embed: one vector per input. */
export const teiEmbedResponseSchema = z.array(vectorSchema);

/** Settings of the `tei` provider. TEI errors (`{"error", "error_type"}`) read like OpenAI-compatible ones. */
export interface TextEmbeddingsInferenceSettings extends ProviderSettings {
  /** The server's root (`http://127.0.0.1:8080`, an Inference Endpoint URL). Default: `http://127.0.0.1:8080`. */
  baseURL?: string;
  /** The server's `--max-client-batch-size` (texts per `/embed`, documents per `/rerank`). Default: 32. */
  maxClientBatchSize?: number;
}

interface TeiModelConfig extends ProviderModelConfig {
  maxClientBatchSize: number;
}

/**
 * A TEI reranker (`tei:BAAI/bge-reranker-base`; the server serves one model, the id names it in logs and
 * prices). Scores are TEI's sigmoid of the cross-encoder logit (0 to 1). TEI has no `top_n`: the top N are kept here.
 */
export class TextEmbeddingsInferenceRerankModel implements RerankModel {
  readonly provider: string;
  readonly modelId: string;
  readonly maxDocumentsPerCall: number;
  private readonly http: HttpClient;

  constructor(modelId: string, config: TeiModelConfig) {
    this.modelId = modelId;
    this.provider = config.provider;
    this.http = config.http;
    this.maxDocumentsPerCall = config.maxClientBatchSize;
  }

  /** `{ query, texts, raw_scores: false, return_text: false }`. */
  requestBody(options: RerankCallOptions): Record<string, unknown> {
    return { query: options.query, texts: options.documents, raw_scores: false, return_text: false };
  }

  async doRerank(options: RerankCallOptions): Promise<RerankResult> {
    const response = await this.http.postJson({
      path: "/rerank",
      model: this.modelId,
      body: this.requestBody(options),
      headers: options.headers,
      abortSignal: options.abortSignal,
      successfulResponseHandler: (text, context) => {
        const value = parseJsonChunk(text, teiRerankResponseSchema, context);
        return { value, results: rerankResults(value, options.documents.length, options.topN, context, text) };
      },
      failedResponseHandler: openaiFailedResponseHandler,
    });
    return { results: response.value.results, raw: response.value.value, response: { requestId: response.requestId } };
  }
}

/** A TEI embedding model (`tei:BAAI/bge-small-en-v1.5`): `POST /embed` with `{ inputs, normalize: true }`. */
export class TextEmbeddingsInferenceEmbeddingModel implements EmbeddingModel {
  readonly provider: string;
  readonly modelId: string;
  readonly maxEmbeddingsPerCall: number;
  readonly supportsParallelCalls = true;
  private readonly http: HttpClient;

  constructor(modelId: string, config: TeiModelConfig) {
    this.modelId = modelId;
    this.provider = config.provider;
    this.http = config.http;
    this.maxEmbeddingsPerCall = config.maxClientBatchSize;
  }

  async doEmbed(options: EmbedCallOptions): Promise<EmbedResult> {
    const body: Record<string, unknown> = { inputs: options.values, normalize: true };
    if (options.dimensions !== undefined) body.dimensions = options.dimensions;
    const response = await this.http.postJson({
      path: "/embed",
      model: this.modelId,
      body,
      headers: options.headers,
      abortSignal: options.abortSignal,
      successfulResponseHandler: (text, context) => parseJsonChunk(text, teiEmbedResponseSchema, context),
      failedResponseHandler: openaiFailedResponseHandler,
    });
    return { embeddings: response.value, usage: { inputTokens: undefined }, raw: response.value, response: { requestId: response.requestId } };
  }
}

/**
 * The `tei` provider: a Text Embeddings Inference server, for rerank (`tei:BAAI/bge-reranker-base`) and
 * embeddings (`tei:BAAI/bge-small-en-v1.5`). Base URL: `baseURL` (default `http://127.0.0.1:8080`); API key
 * optional (an Inference Endpoint takes your Hugging Face token as `apiKey`, sent as Bearer; it is not read
 * from the environment, so a token never goes to a server you did not name).
 */
export function createTextEmbeddingsInference(settings: TextEmbeddingsInferenceSettings = {}, context?: ProviderContext): ProviderDriver {
  const { maxClientBatchSize = teiDefaultMaxClientBatchSize, ...rest } = settings;
  const name = context?.name ?? "tei";
  if (!(Number.isInteger(maxClientBatchSize) && maxClientBatchSize >= 1)) {
    throw new ConfigError(`The ${name} provider's maxClientBatchSize must be a whole number >= 1 (the server's --max-client-batch-size), got ${String(maxClientBatchSize)}.`);
  }
  const { http } = resolveProviderSettings(rest, { name, defaultBaseURL: teiDefaultBaseURL, apiKeyRequired: false, authenticate: bearerAuthentication });
  return {
    name,
    embeddingModel: (modelId) => new TextEmbeddingsInferenceEmbeddingModel(modelId, { provider: name, http, maxClientBatchSize }),
    rerankModel: (modelId) => new TextEmbeddingsInferenceRerankModel(modelId, { provider: name, http, maxClientBatchSize }),
  };
}
