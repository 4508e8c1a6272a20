// Our messages and options -> the /api/chat request of Ollama.
import type { Message } from "../../spec/chat-model.js";
import { ConfigError } from "../../spec/errors/index.js";
import { imageData } from "../shared/image-data.js";
import { toolResultText } from "../shared/function-tools.js";
import type { OllamaMessage } from "./ollama-api.js";

/** Tool inputs travel as JSON objects in Ollama (not as strings). */
function toolArguments(input: unknown): Record<string, unknown> {
  let value = input;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return {};
    }
  }
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * Converts our messages: text parts joined by blank lines, images as base64 in `images` (Ollama takes no URLs),
 * assistant tool calls with object arguments, tool results as `role: "tool"` with `tool_name`.
 */
export function toOllamaMessages(messages: readonly Message[]): OllamaMessage[] {
  return messages.map((message): OllamaMessage => {
    switch (message.role) {
      case "system":
        return { role: "system", content: message.content };
      case "user": {
        if (typeof message.content === "string") return { role: "user", content: message.content };
        const texts: string[] = [];
        const images: string[] = [];
        for (const part of message.content) {
          if (part.type === "text") {
            texts.push(part.text);
            continue;
          }
          const image = imageData(part);
          if (image.type === "url") {
            throw new ConfigError(`Ollama takes images as bytes, not URLs (${image.url}); download the image and pass its bytes with mediaType.`);
          }
          images.push(image.data);
        }
        return images.length ? { role: "user", content: texts.join("\n\n"), images } : { role: "user", content: texts.join("\n\n") };
      }
      case "assistant": {
        const calls = message.toolCalls ?? [];
        const converted: OllamaMessage = { role: "assistant", content: message.content ?? "" };
        if (calls.length) converted.tool_calls = calls.map((call) => ({ function: { name: call.toolName, arguments: toolArguments(call.input) } }));
        return converted;
      }
      case "tool":
        return { role: "tool", content: toolResultText(message.result), tool_name: message.toolName };
      default:
        throw new ConfigError(`Unknown message role ${JSON.stringify((message as { role: unknown }).role)}; use system, user, assistant or tool.`);
    }
  });
}
