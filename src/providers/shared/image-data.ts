// Image parts as providers want them: base64 plus media type, or a URL (Anthropic, Gemini); one URL, `data:` for
// bytes (Chat Completions, Cohere).
import type { ImagePart, TextPart } from "../../spec/chat-model.js";
import { ConfigError } from "../../spec/errors/index.js";

/** An image as base64 data with its media type, or as a remote URL (with the media type when the caller gave it). */
export type ImageData = { type: "base64"; mediaType: string; data: string } | { type: "url"; url: string; mediaType: string | undefined };

const dataUrlPattern = /^data:([^;,]+)((?:;[^;,]*)*?)(;base64)?,(.*)$/s;

/**
 * Resolves an {@link ImagePart}: raw bytes and `data:` URLs become base64 data (a `data:` URL's media type is
 * used when the part gives none), `https:` URLs stay URLs. Bytes without `mediaType` are a `ConfigError`.
 */
export function imageData(part: ImagePart): ImageData {
  if (part.image instanceof Uint8Array) {
    if (!part.mediaType) throw new ConfigError('An image given as bytes needs its `mediaType` (e.g. "image/png").');
    return { type: "base64", mediaType: part.mediaType, data: Buffer.from(part.image).toString("base64") };
  }
  const url = typeof part.image === "string" ? part.image : part.image.href;
  const match = dataUrlPattern.exec(url);
  if (match) {
    const [, mediaType, , base64, payload] = match;
    const data = base64 ? payload! : Buffer.from(decodeURIComponent(payload!), "utf8").toString("base64");
    return { type: "base64", mediaType: part.mediaType ?? mediaType!, data };
  }
  return { type: "url", url, mediaType: part.mediaType };
}

/** An image part as one URL (Chat Completions, Cohere): the URL itself, or a `data:` URL for bytes. */
export function imageUrl(part: ImagePart): string {
  if (typeof part.image === "string") return part.image;
  if (part.image instanceof URL) return part.image.href;
  if (!part.mediaType) throw new ConfigError('An image given as bytes needs its `mediaType` (e.g. "image/png").');
  return `data:${part.mediaType};base64,${Buffer.from(part.image).toString("base64")}`;
}

/** A user message's content part in the `image_url` shape (Chat Completions, Cohere v2). */
export type TextOrImageUrlPart = { type: "text"; text: string } | { type: "image_url"; image_url: { url: string } };

/** A user message's content for Chat Completions and Cohere: a string as is, parts as text and `image_url` parts. */
export function textAndImageUrlContent(content: string | ReadonlyArray<TextPart | ImagePart>): string | TextOrImageUrlPart[] {
  return typeof content === "string"
    ? content
    : content.map((part): TextOrImageUrlPart => (part.type === "text" ? { type: "text", text: part.text } : { type: "image_url", image_url: { url: imageUrl(part) } }));
}
