// Our messages -> Chat Completions messages.
import type { ImagePart, Message } from "../../spec/chat-model.js";
import { ConfigError } from "../../spec/errors/index.js";
import type { OpenAIMessage } from "./openai-api.js";

/** An image part as a URL Chat Completions accepts: the URL itself, or a `data:` URL for bytes. */
export function imageUrl(part: ImagePart): string {
  if (typeof part.image === "string") return part.image;
  if (part.image instanceof URL) return part.image.href;
  if (!part.mediaType) throw new ConfigError("An image given as bytes needs its `mediaType` (e.g. \"image/png\").");
  return `data:${part.mediaType};base64,${Buffer.from(part.image).toString("base64")}`;
}

/** Tool results travel as strings: strings as they are, anything else as JSON. */
export function toolResultText(result: unknown): string {
  return typeof result === "string" ? result : (JSON.stringify(result) ?? "null");
}

/** Converts our messages to Chat Completions messages (`extraSystem` is prepended as a system message). */
export function toOpenAIMessages(messages: readonly Message[], extraSystem?: string): OpenAIMessage[] {
  const result: OpenAIMessage[] = extraSystem === undefined ? [] : [{ role: "system", content: extraSystem }];
  for (const message of messages) {
    switch (message.role) {
      case "system":
        result.push({ role: "system", content: message.content });
        break;
      case "user":
        result.push({
          role: "user",
          content:
            typeof message.content === "string"
              ? message.content
              : message.content.map((part) => (part.type === "text" ? { type: "text", text: part.text } : { type: "image_url", image_url: { url: imageUrl(part) } })),
        });
        break;
      case "assistant": {
        const toolCalls = message.toolCalls ?? [];
        const converted: OpenAIMessage = { role: "assistant", content: message.content || (toolCalls.length ? null : "") };
        if (toolCalls.length) {
          converted.tool_calls = toolCalls.map((call) => ({
            id: call.toolCallId,
            type: "function",
            function: { name: call.toolName, arguments: typeof call.input === "string" ? call.input : JSON.stringify(call.input ?? {}) },
          }));
        }
        result.push(converted);
        break;
      }
      case "tool":
        result.push({ role: "tool", tool_call_id: message.toolCallId, content: toolResultText(message.result) });
        break;
      default:
        throw new ConfigError(`Unknown message role ${JSON.stringify((message as { role: unknown }).role)}; use system, user, assistant or tool.`);
    }
  }
  return result;
}
