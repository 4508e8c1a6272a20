// Our messages -> Chat Completions messages.
import type { Message } from "../../spec/chat-model.js";
import { ConfigError } from "../../spec/errors/index.js";
import { toFunctionToolCalls, toolResultText } from "../shared/function-tools.js";
import { textAndImageUrlContent } from "../shared/image-data.js";
import type { OpenAIMessage } from "./openai-api.js";

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
          content: textAndImageUrlContent(message.content),
        });
        break;
      case "assistant": {
        const toolCalls = message.toolCalls ?? [];
        const converted: OpenAIMessage = { role: "assistant", content: message.content || (toolCalls.length ? null : "") };
        if (toolCalls.length) converted.tool_calls = toFunctionToolCalls(toolCalls);
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
