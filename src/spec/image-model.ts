// The image generation contract (OpenAI images today).
import type { CallOptions, ResponseInfo } from "./shared-types.js";

/** What a driver receives for one image generation call. */
export interface ImageCallOptions extends CallOptions {
  prompt: string;
  /** Number of images (at most `maxImagesPerCall`). Default: 1. */
  n?: number;
  /** `"1024x1024"` and the like; the provider's default when omitted. */
  size?: string;
}

/** One generated image: base64 data (with its media type) or a URL, as the provider returned it. */
export interface GeneratedImage {
  base64?: string;
  url?: string;
  /** IANA media type of `base64`, e.g. `image/png`. */
  mediaType?: string;
  /** The prompt as the provider rewrote it, when it did. */
  revisedPrompt?: string;
}

export interface ImageResult {
  images: GeneratedImage[];
  /** The response body; base64 data included. */
  raw: unknown;
  response: ResponseInfo;
}

/** An image generation model. */
export interface ImageModel {
  readonly provider: string;
  readonly modelId: string;
  /** Most images one call returns (DALL-E 3: 1). */
  readonly maxImagesPerCall: number;
  doGenerate(options: ImageCallOptions): Promise<ImageResult>;
}
