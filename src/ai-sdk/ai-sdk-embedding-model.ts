// An AI SDK embedding model (v3, or v2 of AI SDK 5) as our EmbeddingModel.
import type { EmbeddingModelV2, EmbeddingModelV3 } from "@ai-sdk/provider";
import type { EmbedCallOptions, EmbedResult, EmbeddingModel } from "../spec/embedding-model.js";
import type { ProviderOptions } from "../spec/shared-types.js";
import { toAIError } from "./ai-sdk-error.js";

/** An AI SDK embedding model: what `openai.embedding("text-embedding-3-small")` returns. */
export type AISDKEmbeddingModel = EmbeddingModelV3 | EmbeddingModelV2<string>;

/**
 * Our embedding model over an AI SDK one. `dimensions` is passed as `providerOptions[<provider>].dimensions`
 * (how `@ai-sdk/openai` takes it; `<provider>` is the part of the model's `provider` before the first dot); a
 * provider that ignores it returns its native size, and the router reports the mismatch. `inputType` is not
 * passed (the AI SDK has no common option for it).
 */
export class EmbeddingModelFromAISDK implements EmbeddingModel {
  readonly modelId: string;
  readonly maxEmbeddingsPerCall: number | undefined;
  readonly supportsParallelCalls: boolean;

  constructor(
    private readonly model: AISDKEmbeddingModel,
    readonly provider: string,
  ) {
    this.modelId = model.modelId;
    // Promise-valued limits (resolved per call by the AI SDK) are not known up front: no split, no parallel calls.
    this.maxEmbeddingsPerCall = typeof model.maxEmbeddingsPerCall === "number" ? model.maxEmbeddingsPerCall : undefined;
    this.supportsParallelCalls = typeof model.supportsParallelCalls === "boolean" ? model.supportsParallelCalls : false;
  }

  async doEmbed(options: EmbedCallOptions): Promise<EmbedResult> {
    let providerOptions = options.providerOptions as ProviderOptions | undefined;
    if (options.dimensions !== undefined) {
      const key = this.model.provider.split(".")[0]!;
      providerOptions = { ...providerOptions, [key]: { ...providerOptions?.[key], dimensions: options.dimensions } };
    }
    const call: Parameters<EmbeddingModelV3["doEmbed"]>[0] = { values: options.values };
    if (options.abortSignal !== undefined) call.abortSignal = options.abortSignal;
    if (options.headers !== undefined) call.headers = options.headers;
    if (providerOptions !== undefined) call.providerOptions = providerOptions as never;
    let result: Awaited<ReturnType<EmbeddingModelV3["doEmbed"]>>;
    try {
      result = await (this.model as EmbeddingModelV3).doEmbed(call);
    } catch (error) {
      throw toAIError(error, this.provider, this.modelId, options.abortSignal);
    }
    return {
      embeddings: result.embeddings,
      usage: { inputTokens: result.usage?.tokens },
      raw: result.response?.body,
      response: {},
    };
  }
}
