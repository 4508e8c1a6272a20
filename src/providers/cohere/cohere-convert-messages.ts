// Our messages -> Cohere v2 chat messages.
import type { Message } from "../../spec/chat-model.js";
import { ConfigError } from "../../spec/errors/index.js";
import { toFunctionToolCalls, toolResultText, type FunctionToolCall } from "../shared/function-tools.js";
import { textAndImageUrlContent, type TextOrImageUrlPart } from "../shared/image-data.js";

/** A message as Cohere's v2 /chat takes it. */
export type CohereMessage =
  | { role: "system"; content: string }
  | { role: "user"; content: string | TextOrImageUrlPart[] }
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
          content: textAndImageUrlContent(message.content),
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
