// Our messages -> Gemini `systemInstruction` + `contents`.
import type { AssistantMessage, Message } from "../../spec/chat-model.js";
import { ConfigError } from "../../spec/errors/index.js";
import { imageData } from "../shared/image-data.js";
import type { GoogleContent, GooglePart } from "./google-api.js";
import { googleMetadataKey, thoughtSignatureOf } from "./google-reply.js";

/**
 * Converts our messages: system messages join into `systemInstruction`, the assistant is the `model` role,
 * tool results are `functionResponse` parts of a `user` content (a result that is not a JSON object is sent as
 * `{ content: result }`, a failure as `{ error: result }`), and consecutive contents of one role merge (a
 * turn's parallel function calls are answered together). Thought signatures from an earlier reply go back on
 * the parts they came on (see {@link modelParts}).
 */
export function toGoogleContents(messages: readonly Message[]): { systemInstruction: { parts: Array<{ text: string }> } | undefined; contents: GoogleContent[] } {
  const system: string[] = [];
  const contents: GoogleContent[] = [];
  const push = (role: "user" | "model", parts: GooglePart[]) => {
    const last = contents.at(-1);
    if (last?.role === role) last.parts.push(...parts);
    else contents.push({ role, parts });
  };
  for (const message of messages) {
    switch (message.role) {
      case "system":
        system.push(message.content);
        break;
      case "user":
        if (typeof message.content === "string") {
          push("user", [{ text: message.content }]);
          break;
        }
        push(
          "user",
          message.content.map((part): GooglePart => {
            if (part.type === "text") return { text: part.text };
            const image = imageData(part);
            if (image.type === "base64") return { inlineData: { mimeType: image.mediaType, data: image.data } };
            if (!image.mediaType) throw new ConfigError(`Gemini needs the \`mediaType\` of an image given by URL (${image.url}); add it to the image part, e.g. "image/jpeg".`);
            return { fileData: { mimeType: image.mediaType, fileUri: image.url } };
          }),
        );
        break;
      case "assistant": {
        const parts = modelParts(message);
        if (parts.length) push("model", parts);
        break;
      }
      case "tool": {
        const result = message.result;
        const response =
          message.isError === true
            ? { error: result }
            : typeof result === "object" && result !== null && !Array.isArray(result)
              ? (result as Record<string, unknown>)
              : { content: result };
        push("user", [{ functionResponse: { name: message.toolName, response } }]);
        break;
      }
      default:
        throw new ConfigError(`Unknown message role ${JSON.stringify((message as { role: unknown }).role)}; use system, user, assistant or tool.`);
    }
  }
  return { systemInstruction: system.length ? { parts: [{ text: system.join("\n\n") }] } : undefined, contents };
}

/**
 * The signature Google documents for a first function call that has none ("skip_thought_signature_validator",
 * accepted by the Gemini API and Vertex AI; https://ai.google.dev/gemini-api/docs/thought-signatures, FAQ).
 */
export const placeholderThoughtSignature = "skip_thought_signature_validator";

/**
 * An assistant message as `model` parts, in Gemini's order: signed thoughts (unsigned thought text is not
 * sent: Gemini reads nothing from it), text, function calls. Each `thoughtSignature` goes back on its part:
 * a call's on that call; the text's on the tail of the text the signed part held (`signedTextLength`), the
 * text before it as an unsigned part, as Gemini sent them. Other providers' metadata is ignored. In a turn with
 * no signature at all, the first function call gets {@link placeholderThoughtSignature}.
 */
function modelParts(message: AssistantMessage): GooglePart[] {
  const parts: GooglePart[] = [];
  for (const reasoning of message.reasoning ?? []) {
    const thoughtSignature = thoughtSignatureOf(reasoning.providerMetadata);
    if (thoughtSignature !== undefined) parts.push({ text: reasoning.text, thought: true, thoughtSignature });
  }
  const text = message.content ?? "";
  const thoughtSignature = thoughtSignatureOf(message.providerMetadata);
  if (thoughtSignature === undefined) {
    if (text) parts.push({ text });
  } else {
    const length = message.providerMetadata?.[googleMetadataKey]?.signedTextLength;
    const signedLength = typeof length === "number" && Number.isInteger(length) && length >= 0 && length <= text.length ? length : text.length;
    const unsigned = text.slice(0, text.length - signedLength);
    if (unsigned) parts.push({ text: unsigned });
    parts.push({ text: text.slice(text.length - signedLength), thoughtSignature });
  }
  // A turn Gemini signed keeps its signatures where they were; a turn with none at all (begun with another
  // provider, or calls written by hand) gets Google's placeholder on its first call, which Gemini 3 requires.
  const signed = parts.some((part) => "thoughtSignature" in part) || (message.toolCalls ?? []).some((call) => thoughtSignatureOf(call.providerMetadata) !== undefined);
  (message.toolCalls ?? []).forEach((call, index) => {
    const part: GooglePart = { functionCall: { name: call.toolName, args: typeof call.input === "string" ? { input: call.input } : (call.input ?? {}) } };
    const callSignature = thoughtSignatureOf(call.providerMetadata);
    if (callSignature !== undefined) part.thoughtSignature = callSignature;
    else if (index === 0 && !signed) part.thoughtSignature = placeholderThoughtSignature;
    parts.push(part);
  });
  return parts;
}
