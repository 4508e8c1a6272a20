// POST /api/embed: many inputs per call, one vector each, in order.
import type { HttpClient } from "../../http/http-client.js";
import { createJsonResponseHandler } from "../../http/response-handlers.js";
import type { EmbedCallOptions, EmbeddingModel, EmbedResult } from "../../spec/embedding-model.js";
import { parseProviderOptions, providerOptionsKeys } from "../shared/provider-options.js";
import type { ProviderModelConfig } from "../shared/provider-settings.js";
import { ollamaEmbedResponseSchema } from "./ollama-api.js";
import { ollamaEmbedOptionsSchema } from "./ollama-options.js";
import { ollamaFailedResponseHandler } from "./ollama-error.js";

/**
 * Inputs per /api/embed request. Ollama documents no limit; the server embeds a request's inputs one after
 * another, so this only bounds request size and keeps progress (and retries) granular.
 */
export const ollamaMaxEmbeddingsPerCall = 512;

/**
 * An embedding model on an Ollama server (`ollama:nomic-embed-text`, `ollama:embeddinggemma`). Calls run one at a
 * time (`supportsParallelCalls: false`): a local server computes one request at a time by default.
 */
export class OllamaEmbeddingModel implements EmbeddingModel {
  readonly provider: string;
  readonly modelId: string;
  readonly maxEmbeddingsPerCall = ollamaMaxEmbeddingsPerCall;
  readonly supportsParallelCalls = false;
  private readonly http: HttpClient;
  private readonly optionsKeys: readonly string[];
  private readonly handler = createJsonResponseHandler(ollamaEmbedResponseSchema);

  constructor(modelId: string, config: ProviderModelConfig) {
    this.modelId = modelId;
    this.provider = config.provider;
    this.http = config.http;
    this.optionsKeys = providerOptionsKeys(config.provider, "ollama");
  }

  /** `{ model, input, dimensions?, truncate?, keep_alive?, options? }`. */
  requestBody(options: EmbedCallOptions): Record<string, unknown> {
    const extra = parseProviderOptions(options.providerOptions, this.optionsKeys, ollamaEmbedOptionsSchema);
    const body: Record<string, unknown> = { model: this.modelId, input: options.values };
    if (options.dimensions !== undefined) body.dimensions = options.dimensions;
    if (extra.truncate !== undefined) body.truncate = extra.truncate;
    if (extra.keepAlive !== undefined) body.keep_alive = extra.keepAlive;
    if (extra.options !== undefined) body.options = extra.options;
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
      failedResponseHandler: ollamaFailedResponseHandler,
    });
    return {
      embeddings: response.value.embeddings,
      usage: { inputTokens: response.value.prompt_eval_count ?? undefined },
      raw: response.value,
      response: { requestId: response.requestId, modelId: response.value.model ?? undefined },
    };
  }
}
