// POST /embeddings.
import type { HttpClient } from "../../http/http-client.js";
import { createJsonResponseHandler, errorOptions, type FailedResponseHandler } from "../../http/response-handlers.js";
import type { EmbedCallOptions, EmbeddingModel, EmbedResult } from "../../spec/embedding-model.js";
import { ProviderResponseError } from "../../spec/errors/index.js";
import type { ProviderModelConfig } from "../shared/provider-settings.js";
import { decodeBase64Vector } from "../shared/vector-schemas.js";
import { openaiEmbeddingResponseSchema } from "./openai-api.js";
import { openaiFailedResponseHandler } from "./openai-error.js";

/** OpenAI's limits per request: 2,048 inputs and 300,000 tokens. */
export const openaiEmbeddingLimits = { maxEmbeddingsPerCall: 2_048, maxTokensPerCall: 300_000 } as const;

export interface OpenAIEmbeddingConfig extends ProviderModelConfig {
  /** Default: {@link openaiEmbeddingLimits} (compatible servers may accept fewer). */
  maxEmbeddingsPerCall?: number;
  maxTokensPerCall?: number;
  /** Maps the server's error bodies to our errors (Mistral has its own). Default: `openaiFailedResponseHandler`. */
  failedResponseHandler?: FailedResponseHandler;
  /**
   * `base64` (OpenAI: little-endian float32, about a quarter of the JSON text and far faster to decode) or
   * `float` (what every compatible server supports). Default: `float`.
   */
  encodingFormat?: "base64" | "float";
}

/** An embedding model on the OpenAI Embeddings API (`text-embedding-3-small`...). */
export class OpenAIEmbeddingModel implements EmbeddingModel {
  readonly provider: string;
  readonly modelId: string;
  readonly maxEmbeddingsPerCall: number;
  readonly maxTokensPerCall: number;
  readonly supportsParallelCalls = true;
  private readonly http: HttpClient;
  private readonly failedResponseHandler: FailedResponseHandler;
  private readonly encodingFormat: "base64" | "float";
  private readonly handler = createJsonResponseHandler(openaiEmbeddingResponseSchema);

  constructor(modelId: string, config: OpenAIEmbeddingConfig) {
    this.modelId = modelId;
    this.provider = config.provider;
    this.http = config.http;
    this.maxEmbeddingsPerCall = config.maxEmbeddingsPerCall ?? openaiEmbeddingLimits.maxEmbeddingsPerCall;
    this.maxTokensPerCall = config.maxTokensPerCall ?? openaiEmbeddingLimits.maxTokensPerCall;
    this.failedResponseHandler = config.failedResponseHandler ?? openaiFailedResponseHandler;
    this.encodingFormat = config.encodingFormat ?? "float";
  }

  /** The request body for `options` (servers with other field names, such as Mistral, override it). */
  requestBody(options: EmbedCallOptions): Record<string, unknown> {
    const body: Record<string, unknown> = { model: this.modelId, input: options.values, encoding_format: this.encodingFormat };
    if (options.dimensions !== undefined) body.dimensions = options.dimensions;
    const user = options.providerOptions?.[this.provider]?.user ?? options.providerOptions?.openai?.user;
    if (typeof user === "string") body.user = user;
    return body;
  }

  async doEmbed(options: EmbedCallOptions): Promise<EmbedResult> {
    const response = await this.http.postJson({
      path: "/embeddings",
      model: this.modelId,
      body: this.requestBody(options),
      headers: options.headers,
      abortSignal: options.abortSignal,
      successfulResponseHandler: (text, context) => {
        const value = this.handler(text, context);
        const data = value.data.every((item) => typeof item.index === "number") ? [...value.data].sort((a, b) => a.index! - b.index!) : value.data;
        const embeddings = data.map((item) => {
          if (typeof item.embedding !== "string") return item.embedding;
          const vector = decodeBase64Vector(item.embedding);
          if (vector === undefined) {
            throw new ProviderResponseError(
              `${context.provider} sent a base64 embedding that is not float32 data; use encoding_format "float" for this server.`,
              errorOptions(context, text.slice(0, 500)),
            );
          }
          return vector;
        });
        return { embeddings, value };
      },
      failedResponseHandler: this.failedResponseHandler,
    });
    const { embeddings, value } = response.value;
    return {
      embeddings,
      usage: { inputTokens: value.usage?.prompt_tokens ?? undefined },
      raw: value,
      response: { requestId: response.requestId, modelId: value.model ?? undefined },
    };
  }
}
