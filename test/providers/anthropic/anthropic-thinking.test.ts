// Extended thinking with tools: the assistant turn that called a tool goes back with its `thinking` blocks
// (signature included) and `redacted_thinking` blocks, unmodified and first in its content
// (https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#preserving-thinking-blocks).
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { toAnthropicMessages } from "../../../src/providers/anthropic/anthropic-convert-messages.js";
import { toOpenAIMessages } from "../../../src/providers/openai/openai-convert-messages.js";
import { createAI, type AI } from "../../../src/ai/create-ai.js";
import { assistantMessage } from "../../../src/router/assistant-message.js";
import type { ChatStreamEvent, Message } from "../../../src/spec/chat-model.js";
import { startLoopbackServer } from "../../support/loopback-server.js";
import { event, message } from "./anthropic-fixtures.js";

const server = await startLoopbackServer();
afterAll(() => server.close());
beforeEach(() => server.reset());

function anthropic(): AI {
  return createAI({ providers: { anthropic: { apiKey: "sk-ant-api03-loopbacktestkey0123456789", baseURL: server.url("/v1") } } });
}
const model = "anthropic:claude-sonnet-4-5";
const weatherTool = { name: "get_weather", description: "Current weather for a city", parameters: z.object({ city: z.string() }) };
const thinking = { providerOptions: { anthropic: { thinking: { type: "enabled", budgetTokens: 2048 } } } };
const signature = "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds2Wt8k3Y0vQ==";
const redactedData = "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP==";
const toolUse = { type: "tool_use", id: "toolu_01CswdEQBMshySk6Y9DFKrfq", name: "get_weather", input: { city: "Paris" } };

describe("anthropic thinking across tool turns", () => {
  it("sends the thinking and redacted_thinking blocks back first and unmodified with the tool_use turn", async () => {
    const ai = anthropic();
    const thinkingBlock = { type: "thinking", thinking: "The user wants the weather in Paris; call get_weather.", signature };
    server.reply(
      { json: message([thinkingBlock, { type: "redacted_thinking", data: redactedData }, { type: "text", text: "Let me check." }, toolUse], "tool_use") },
      { json: message([{ type: "text", text: "It is sunny in Paris." }]) },
    );
    const messages: Message[] = [{ role: "user", content: "Weather in Paris?" }];
    const first = await ai.chat({ model, messages, tools: [weatherTool], ...thinking });
    expect(first.reasoning).toBe("The user wants the weather in Paris; call get_weather.");
    expect(first.message?.reasoning).toEqual([
      { type: "reasoning", text: thinkingBlock.thinking, providerMetadata: { anthropic: { signature } } },
      { type: "reasoning", text: "", providerMetadata: { anthropic: { redactedData } } },
    ]);
    messages.push(assistantMessage(first), { role: "tool", toolCallId: first.toolCalls[0]!.toolCallId, toolName: "get_weather", result: "sunny" });

    await ai.chat({ model, messages, tools: [weatherTool], ...thinking });
    const body = server.requests[1]!.body as { thinking: unknown; messages: unknown };
    expect(body.thinking).toEqual({ type: "enabled", budget_tokens: 2048 });
    expect(body.messages).toEqual([
      { role: "user", content: [{ type: "text", text: "Weather in Paris?" }] },
      { role: "assistant", content: [thinkingBlock, { type: "redacted_thinking", data: redactedData }, { type: "text", text: "Let me check." }, toolUse] },
      { role: "user", content: [{ type: "tool_result", tool_use_id: toolUse.id, content: "sunny" }] },
    ]);
  });

  it("streams: thinking_delta text and the signature_delta go back as one thinking block", async () => {
    const ai = anthropic();
    server.reply(
      {
        sse: [
          event("message_start", {
            message: { id: "msg_01", type: "message", role: "assistant", content: [], model: "claude-sonnet-4-5", stop_reason: null, stop_sequence: null, usage: { input_tokens: 40, output_tokens: 1 } },
          }),
          event("content_block_start", { index: 0, content_block: { type: "thinking", thinking: "" } }),
          event("content_block_delta", { index: 0, delta: { type: "thinking_delta", thinking: "The user wants Paris weather." } }),
          event("content_block_delta", { index: 0, delta: { type: "thinking_delta", thinking: " Call get_weather." } }),
          event("content_block_delta", { index: 0, delta: { type: "signature_delta", signature } }),
          event("content_block_stop", { index: 0 }),
          event("content_block_start", { index: 1, content_block: { type: "redacted_thinking", data: redactedData } }),
          event("content_block_stop", { index: 1 }),
          event("content_block_start", { index: 2, content_block: { type: "tool_use", id: toolUse.id, name: "get_weather", input: {} } }),
          event("content_block_delta", { index: 2, delta: { type: "input_json_delta", partial_json: '{"city": "Paris"}' } }),
          event("content_block_stop", { index: 2 }),
          event("message_delta", { delta: { stop_reason: "tool_use", stop_sequence: null }, usage: { output_tokens: 120 } }),
          event("message_stop"),
        ],
        chunks: "bytes",
      },
      { sse: [event("message_start", { message: { id: "msg_02", model: "claude-sonnet-4-5" } }), event("message_delta", { delta: { stop_reason: "end_turn" } }), event("message_stop")] },
    );
    const messages: Message[] = [{ role: "user", content: "Weather in Paris?" }];
    const events: ChatStreamEvent[] = [];
    for await (const item of ai.stream({ model, messages, tools: [weatherTool], ...thinking })) events.push(item);
    expect(events.filter((item) => item.type === "reasoning-delta").map((item) => item.delta)).toEqual(["The user wants Paris weather.", " Call get_weather."]);
    const finish = events.at(-1) as Extract<ChatStreamEvent, { type: "finish" }>;
    messages.push(finish.message!, { role: "tool", toolCallId: toolUse.id, toolName: "get_weather", result: "sunny" });

    for await (const _ of ai.stream({ model, messages, tools: [weatherTool], ...thinking })) void _;
    expect((server.requests[1]!.body as { messages: unknown[] }).messages.slice(1)).toEqual([
      {
        role: "assistant",
        content: [
          { type: "thinking", thinking: "The user wants Paris weather. Call get_weather.", signature },
          { type: "redacted_thinking", data: redactedData },
          toolUse,
        ],
      },
      { role: "user", content: [{ type: "tool_result", tool_use_id: toolUse.id, content: "sunny" }] },
    ]);
  });

  it("drops reasoning without Anthropic state, and other providers ignore Anthropic's and Google's", () => {
    const assistant: Message = {
      role: "assistant",
      content: "",
      reasoning: [
        { type: "reasoning", text: "Gemini thought.", providerMetadata: { google: { thoughtSignature: "CiQB0e2K" } } },
        { type: "reasoning", text: "Unsigned." },
        { type: "reasoning", text: "Signed.", providerMetadata: { anthropic: { signature } } },
      ],
      toolCalls: [{ toolCallId: "call_1", toolName: "get_weather", input: { city: "Rome" }, providerMetadata: { google: { thoughtSignature: "CiQB0e2K" } } }],
    };
    expect(toAnthropicMessages([assistant]).messages).toEqual([
      {
        role: "assistant",
        content: [
          { type: "thinking", thinking: "Signed.", signature },
          { type: "tool_use", id: "call_1", name: "get_weather", input: { city: "Rome" } },
        ],
      },
    ]);
    expect(toOpenAIMessages([assistant])).toEqual([
      { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Rome"}' } }] },
    ]);
  });
});
