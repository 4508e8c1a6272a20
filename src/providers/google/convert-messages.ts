// Our messages -> Gemini `systemInstruction` + `contents`.
import type { Message } from "../../spec/chat-model.js";
import { ConfigError } from "../../spec/errors/index.js";
import { imageData } from "../shared/image-data.js";
import type { GoogleContent, GooglePart } from "./google-api.js";

/**
 * Converts our messages: system messages join into `systemInstruction`, the assistant is the `model` role,
 * tool results are `functionResponse` parts of a `user` content (a result that is not a JSON object is sent as
 * `{ content: result }`, a failure as `{ error: result }`), and consecutive contents of one role merge (a
 * turn's parallel function calls are answered together).
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
        const parts: GooglePart[] = [];
        if (message.content) parts.push({ text: message.content });
        for (const call of message.toolCalls ?? []) {
          parts.push({ functionCall: { name: call.toolName, args: typeof call.input === "string" ? { input: call.input } : (call.input ?? {}) } });
        }
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
