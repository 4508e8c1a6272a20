// The reply of a chat call as an assistant message, for the next turn of a conversation (tool loops).
import { buildAssistantMessage } from "../providers/shared/assistant-message.js";
import type { AssistantMessage, ChatResult } from "../spec/chat-model.js";

/**
 * The assistant message to append to `messages` after `result`: the driver's `message` when it gave one (with
 * reasoning and provider state), else one built from `text` and `toolCalls`. Works with `ai.chat` responses.
 */
export function assistantMessage(result: Pick<ChatResult, "text" | "toolCalls" | "message">): AssistantMessage {
  // Only text and calls: a response's `reasoning` is its joined text, not parts that could be sent back.
  return result.message ?? buildAssistantMessage({ text: result.text, toolCalls: result.toolCalls });
}
