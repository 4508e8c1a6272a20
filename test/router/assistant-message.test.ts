import { describe, expect, expectTypeOf, it } from "vitest";
import type { ChatResponse } from "../../src/router/router-types.js";
import { buildAssistantMessage } from "../../src/providers/shared/assistant-message.js";
import { assistantMessage } from "../../src/router/assistant-message.js";
import type { AssistantMessage, ChatResult, ChatStreamEvent, Message } from "../../src/spec/chat-model.js";
import type { ProviderMetadata } from "../../src/spec/shared-types.js";

describe("assistantMessage", () => {
  it("returns the driver's message as is, reasoning and provider state included", () => {
    const message: AssistantMessage = {
      role: "assistant",
      content: "",
      toolCalls: [{ toolCallId: "c1", toolName: "t", input: {}, providerMetadata: { google: { thoughtSignature: "sig" } } }],
      reasoning: [{ type: "reasoning", text: "why", providerMetadata: { anthropic: { signature: "s" } } }],
    };
    expect(assistantMessage({ text: "", toolCalls: message.toolCalls!, message })).toBe(message);
  });

  it("builds one from text and tool calls when the driver gave none", () => {
    expect(assistantMessage({ text: "Hi", toolCalls: [] })).toEqual({ role: "assistant", content: "Hi" });
    const call = { toolCallId: "c1", toolName: "t", input: { a: 1 } };
    expect(assistantMessage({ text: "", toolCalls: [call] })).toEqual({ role: "assistant", content: "", toolCalls: [call] });
    const response = { text: "Hi", toolCalls: [], reasoning: "thought" };
    expect(assistantMessage(response)).toStrictEqual({ role: "assistant", content: "Hi" });
  });

  it("buildAssistantMessage keeps reasoning and provider metadata, in the key order drivers send, and omits empty parts", () => {
    const call = { toolCallId: "c1", toolName: "t", input: {} };
    const reasoning = [{ type: "reasoning" as const, text: "why" }];
    const built = buildAssistantMessage({ text: "ok", toolCalls: [call], reasoning, providerMetadata: { google: { thoughtSignature: "sig" } } });
    expect(built).toStrictEqual({ role: "assistant", content: "ok", toolCalls: [call], reasoning, providerMetadata: { google: { thoughtSignature: "sig" } } });
    expect(Object.keys(built)).toEqual(["role", "content", "toolCalls", "reasoning", "providerMetadata"]);
    expect(buildAssistantMessage({ text: "", toolCalls: [], reasoning: [] })).toStrictEqual({ role: "assistant", content: "" });
  });

  it("types: a response and the finish event give a message that is a Message; metadata holds JSON per provider", () => {
    expectTypeOf(assistantMessage).parameter(0).toExtend<Pick<ChatResult, "text" | "toolCalls" | "message">>();
    expectTypeOf<ChatResponse>().toExtend<Parameters<typeof assistantMessage>[0]>();
    expectTypeOf<ReturnType<typeof assistantMessage>>().toExtend<Message>();
    expectTypeOf<Extract<ChatStreamEvent, { type: "finish" }>["message"]>().toEqualTypeOf<AssistantMessage | undefined>();
    expectTypeOf<{ google: { thoughtSignature: string } }>().toExtend<ProviderMetadata>();
    expectTypeOf<{ google: { when: Date } }>().not.toExtend<ProviderMetadata>();
  });
});
