// Our messages -> Cohere v2 chat messages.
import type { Message } from "../../spec/chat-model.js";
import { ConfigError } from "../../spec/errors/index.js";
import { toFunctionToolCalls, toolResultText, type FunctionToolCall } from "../shared/function-tools.js";
import { imageUrl } from "../shared/image-data.js";

/** A message as Cohere's v2 /chat takes it. */
export type CohereMessage =
  | { role: "system"; content: string }
  | { role: "user"; content: string | Array<{ type: "text"; text: string } | { type: "image_url"; image_url: { url: string } }> }
  | { role: "assistant"; content?: string; tool_plan?: string; tool_calls?: FunctionToolCall[] }
  | { role: "tool"; tool_call_id: string; content: string };

/**
 * Converts our messages. An assistant turn that called tools sends its text as `tool_plan` (what Cohere expects
 * next to `tool_calls`); tool results go back as `role: "tool"` with their `tool_call_id`.
 */
export function toCohereMessages(messages: readonly Message[]): CohereMessage[] {
  return messages.map((message): CohereMessage => {
    switch (message.role) {
      case "system":
        return { role: "system", content: message.content };
      case "user":
        return {
          role: "user",
          content:
            typeof message.content === "string"
              ? message.content
              : message.content.map((part) => (part.type === "text" ? { type: "text" as const, text: part.text } : { type: "image_url" as const, image_url: { url: imageUrl(part) } })),
        };
      case "assistant": {
        const calls = message.toolCalls ?? [];
        if (calls.length === 0) return { role: "assistant", content: message.content ?? "" };
        const converted: CohereMessage = {
          role: "assistant",
          tool_calls: toFunctionToolCalls(calls),
        };
        if (message.content) converted.tool_plan = message.content;
        return converted;
      }
      case "tool":
        return { role: "tool", tool_call_id: message.toolCallId, content: toolResultText(message.result) };
      default:
        throw new ConfigError(`Unknown message role ${JSON.stringify((message as { role: unknown }).role)}; use system, user, assistant or tool.`);
    }
  });
}
