// Our messages -> Anthropic Messages API `system` + `messages`.
import type { Message } from "../../spec/chat-model.js";
import { ConfigError } from "../../spec/errors/index.js";
import { toolResultText } from "../shared/function-tools.js";
import { imageData } from "../shared/image-data.js";
import type { AnthropicRequestBlock, AnthropicRequestMessage } from "./anthropic-api.js";
import { thinkingBlocks } from "./anthropic-thinking.js";

/**
 * Converts our messages: system messages join into the top-level `system` (Anthropic has no system role), tool
 * results become `tool_result` blocks of a user message, and consecutive messages of the same role merge into
 * one (the API wants roles to alternate, and every result of a turn's tool calls in the next user message).
 * An assistant message's signed thinking blocks go first in its content, unmodified (see `thinkingBlocks`).
 */
export function toAnthropicMessages(messages: readonly Message[]): { system: string | undefined; messages: AnthropicRequestMessage[] } {
  const system: string[] = [];
  const result: AnthropicRequestMessage[] = [];
  const push = (role: "user" | "assistant", blocks: AnthropicRequestBlock[]) => {
    const last = result.at(-1);
    if (last?.role === role) last.content.push(...blocks);
    else result.push({ role, content: blocks });
  };
  for (const message of messages) {
    switch (message.role) {
      case "system":
        system.push(message.content);
        break;
      case "user": {
        if (typeof message.content === "string") {
          push("user", [{ type: "text", text: message.content }]);
          break;
        }
        push(
          "user",
          message.content.map((part): AnthropicRequestBlock => {
            if (part.type === "text") return { type: "text", text: part.text };
            const image = imageData(part);
            return image.type === "base64"
              ? { type: "image", source: { type: "base64", media_type: image.mediaType, data: image.data } }
              : { type: "image", source: { type: "url", url: image.url } };
          }),
        );
        break;
      }
      case "assistant": {
        const blocks = thinkingBlocks(message.reasoning);
        if (message.content) blocks.push({ type: "text", text: message.content });
        for (const call of message.toolCalls ?? []) {
          blocks.push({ type: "tool_use", id: call.toolCallId, name: call.toolName, input: typeof call.input === "string" ? parseObject(call.input) : (call.input ?? {}) });
        }
        if (blocks.length) push("assistant", blocks);
        break;
      }
      case "tool": {
        const block: AnthropicRequestBlock = { type: "tool_result", tool_use_id: message.toolCallId, content: toolResultText(message.result) };
        if (message.isError) block.is_error = true;
        push("user", [block]);
        break;
      }
      default:
        throw new ConfigError(`Unknown message role ${JSON.stringify((message as { role: unknown }).role)}; use system, user, assistant or tool.`);
    }
  }
  return { system: system.length ? system.join("\n\n") : undefined, messages: result };
}

/** A tool call's input kept as a raw string (invalid JSON from the model) goes back as an object. */
function parseObject(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { input: text };
  }
}
