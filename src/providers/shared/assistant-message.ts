// The assistant message of a reply, from its parts: what drivers give as a result's `message`.
import type { AssistantMessage, ReasoningPart, ToolCall } from "../../spec/chat-model.js";
import type { ProviderMetadata } from "../../spec/shared-types.js";

/**
 * An assistant message from a reply's parts, leaving out empty `toolCalls` / `reasoning` and absent metadata
 * (keys in the order role, content, toolCalls, reasoning, providerMetadata). What drivers give as `message`.
 */
export function buildAssistantMessage(reply: {
  text: string;
  toolCalls: ToolCall[];
  reasoning?: ReasoningPart[];
  providerMetadata?: ProviderMetadata;
}): AssistantMessage {
  const message: AssistantMessage = { role: "assistant", content: reply.text };
  if (reply.toolCalls.length) message.toolCalls = reply.toolCalls;
  if (reply.reasoning?.length) message.reasoning = reply.reasoning;
  if (reply.providerMetadata) message.providerMetadata = reply.providerMetadata;
  return message;
}
