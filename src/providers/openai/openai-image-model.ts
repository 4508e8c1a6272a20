// POST /images/generations.
import type { HttpClient } from "../../http/http-client.js";
import { createJsonResponseHandler } from "../../http/response-handlers.js";
import type { ImageCallOptions, ImageModel, ImageResult } from "../../spec/image-model.js";
import { openaiImageResponseSchema } from "./openai-api.js";
import { openaiFailedResponseHandler } from "./openai-error.js";
import type { ProviderModelConfig } from "../shared/provider-settings.js";

/** An image model (`gpt-image-1`, `dall-e-3`, `dall-e-2`). Images come back as base64 PNG (or the `output_format` asked). */
export class OpenAIImageModel implements ImageModel {
  readonly provider: string;
  readonly modelId: string;
  /** DALL-E 3 makes one image per request; the others up to 10. */
  readonly maxImagesPerCall: number;
  private readonly http: HttpClient;
  private readonly handler = createJsonResponseHandler(openaiImageResponseSchema);

  constructor(modelId: string, config: ProviderModelConfig) {
    this.modelId = modelId;
    this.provider = config.provider;
    this.http = config.http;
    this.maxImagesPerCall = modelId === "dall-e-3" ? 1 : 10;
  }

  async doGenerate(options: ImageCallOptions): Promise<ImageResult> {
    const body: Record<string, unknown> = { model: this.modelId, prompt: options.prompt, n: options.n ?? 1 };
    if (options.size !== undefined) body.size = options.size;
    // DALL-E answers with URLs unless asked for base64; gpt-image-1 always answers base64 and rejects the field.
    if (this.modelId.startsWith("dall-e")) body.response_format = "b64_json";
    const extra = options.providerOptions?.[this.provider] ?? options.providerOptions?.openai;
    if (extra) Object.assign(body, extra);
    const response = await this.http.postJson({
      path: "/images/generations",
      model: this.modelId,
      body,
      headers: options.headers,
      abortSignal: options.abortSignal,
      successfulResponseHandler: this.handler,
      failedResponseHandler: openaiFailedResponseHandler,
    });
    const mediaType = `image/${response.value.output_format ?? "png"}`;
    return {
      images: response.value.data.map((image) => {
        const generated: ImageResult["images"][number] = {};
        if (image.b64_json) {
          generated.base64 = image.b64_json;
          generated.mediaType = mediaType;
        }
        if (image.url) generated.url = image.url;
        if (image.revised_prompt) generated.revisedPrompt = image.revised_prompt;
        return generated;
      }),
      raw: response.value,
      response: { requestId: response.requestId },
    };
  }
}
