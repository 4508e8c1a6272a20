// Collects a streamed reply's text and tool calls, so the router can end every stream with the reply as an
// assistant message (`finish.message`), also for drivers that do not build one themselves.
import type { AssistantMessage, ChatStreamEvent, ToolCall } from "../spec/chat-model.js";
import { assistantMessage } from "./assistant-message.js";

export class StreamedReply {
  private text = "";
  private readonly toolCalls: ToolCall[] = [];

  add(event: ChatStreamEvent): void {
    if (event.type === "text-delta") this.text += event.delta;
    else if (event.type === "tool-call") {
      const call: ToolCall = { toolCallId: event.toolCallId, toolName: event.toolName, input: event.input };
      if (event.providerMetadata) call.providerMetadata = event.providerMetadata;
      this.toolCalls.push(call);
    }
  }

  message(): AssistantMessage {
    return assistantMessage({ text: this.text, toolCalls: this.toolCalls });
  }
}
