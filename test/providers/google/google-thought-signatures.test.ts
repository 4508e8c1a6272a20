// Gemini thought signatures across tool turns (https://ai.google.dev/gemini-api/docs/thought-signatures): a
// signature comes on the part it signs (a step's first function call; without calls, the last part, in a
// stream often an empty text part of the last chunk) and must go back on that part next turn.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { toGoogleContents } from "../../../src/providers/google/google-convert-messages.js";
import { createAI, type AI } from "../../../src/ai/create-ai.js";
import { assistantMessage } from "../../../src/router/assistant-message.js";
import type { ChatStreamEvent, Message } from "../../../src/spec/chat-model.js";
import { startLoopbackServer } from "../../support/loopback-server.js";
import { generateContentResponse, sseData } from "./google-fixtures.js";

const server = await startLoopbackServer();
afterAll(() => server.close());
beforeEach(() => server.reset());

function google(): AI {
  return createAI({ providers: { google: { apiKey: "AIzaSyLoopbackTestKey0123456789abcdef", baseURL: server.url("/v1beta") } } });
}
const model = "google:gemini-3-pro-preview";
const weatherTool = { name: "get_weather", description: "Current weather for a city", parameters: z.object({ city: z.string() }) };
// Signatures are base64 blobs; these stand-ins are as opaque.
const callSignature = "CiQB0e2Kb7Yk0rU1g0yY2kP3xNqXz9vT4fJw8mC6lH5sA1dE=";
const textSignature = "AY89a18iOcFus5wr5bW5xN6zZ4aUiCyhgmg6HE2YjtYDV/dwZ5oZlZHeTmiUKv34qq0=";

async function finishOf(stream: AsyncIterable<ChatStreamEvent>): Promise<Extract<ChatStreamEvent, { type: "finish" }>> {
  let finish: ChatStreamEvent | undefined;
  for await (const item of stream) finish = item;
  if (finish?.type !== "finish") throw new Error("no finish event");
  return finish;
}

function chunk(parts: unknown[], finishReason?: string): string {
  const candidate: Record<string, unknown> = { content: { parts, role: "model" }, index: 0 };
  if (finishReason) candidate.finishReason = finishReason;
  return sseData({ candidates: [candidate], usageMetadata: { promptTokenCount: 30, candidatesTokenCount: 5, totalTokenCount: 35 }, modelVersion: "gemini-3-pro-preview", responseId: "r1" });
}

describe("google thought signatures", () => {
  it("sends a parallel call's signature back on the first functionCall part only, and a text signature on its text part", async () => {
    const ai = google();
    server.reply(
      {
        json: generateContentResponse([
          { functionCall: { name: "get_weather", args: { city: "Paris" } }, thoughtSignature: callSignature },
          { functionCall: { name: "get_weather", args: { city: "London" } } },
        ]),
      },
      { json: generateContentResponse([{ text: "Sunny in both.", thoughtSignature: textSignature }]) },
      { json: generateContentResponse([{ text: "You're welcome." }]) },
    );
    const messages: Message[] = [{ role: "user", content: "Weather in Paris and London?" }];
    const first = await ai.chat({ model, messages, tools: [weatherTool] });
    expect(first.toolCalls.map((call) => call.providerMetadata)).toEqual([{ google: { thoughtSignature: callSignature } }, undefined]);
    messages.push(assistantMessage(first));
    for (const call of first.toolCalls) messages.push({ role: "tool", toolCallId: call.toolCallId, toolName: call.toolName, result: { sky: "sunny" } });

    const second = await ai.chat({ model, messages, tools: [weatherTool] });
    expect((server.requests[1]!.body as { contents: unknown }).contents).toEqual([
      { role: "user", parts: [{ text: "Weather in Paris and London?" }] },
      {
        role: "model",
        parts: [
          { functionCall: { name: "get_weather", args: { city: "Paris" } }, thoughtSignature: callSignature },
          { functionCall: { name: "get_weather", args: { city: "London" } } },
        ],
      },
      {
        role: "user",
        parts: [
          { functionResponse: { name: "get_weather", response: { sky: "sunny" } } },
          { functionResponse: { name: "get_weather", response: { sky: "sunny" } } },
        ],
      },
    ]);

    expect(second.text).toBe("Sunny in both.");
    messages.push(assistantMessage(second), { role: "user", content: "Thanks" });
    await ai.chat({ model, messages });
    expect((server.requests[2]!.body as { contents: unknown[] }).contents.slice(3)).toEqual([
      { role: "model", parts: [{ text: "Sunny in both.", thoughtSignature: textSignature }] },
      { role: "user", parts: [{ text: "Thanks" }] },
    ]);
  });

  it("streams: the signature comes on the functionCall part, and for text in an empty last part; both go back where they came", async () => {
    const ai = google();
    server.reply(
      {
        sse: [
          chunk([{ text: "Checking the weather.", thought: true }]),
          chunk([{ functionCall: { name: "get_weather", args: { city: "Paris" } }, thoughtSignature: callSignature }], "STOP"),
        ],
        chunks: "bytes",
      },
      {
        sse: [chunk([{ text: "Sunny" }]), chunk([{ text: " today." }]), chunk([{ text: "", thoughtSignature: textSignature }], "STOP")],
      },
      { sse: [chunk([{ text: "Bye." }], "STOP")] },
    );
    const messages: Message[] = [{ role: "user", content: "Weather in Paris?" }];
    const events: ChatStreamEvent[] = [];
    for await (const item of ai.stream({ model, messages, tools: [weatherTool] })) events.push(item);
    const call = events.find((item) => item.type === "tool-call");
    expect(call).toMatchObject({ toolName: "get_weather", input: { city: "Paris" }, providerMetadata: { google: { thoughtSignature: callSignature } } });
    const first = events.at(-1) as Extract<ChatStreamEvent, { type: "finish" }>;
    messages.push(first.message!, { role: "tool", toolCallId: first.message!.toolCalls![0]!.toolCallId, toolName: "get_weather", result: "sunny" });

    const second = await finishOf(ai.stream({ model, messages, tools: [weatherTool] }));
    expect((server.requests[1]!.body as { contents: unknown[] }).contents.slice(1)).toEqual([
      // The unsigned thought summary is not sent back (Gemini reads nothing from it); the signature is.
      { role: "model", parts: [{ functionCall: { name: "get_weather", args: { city: "Paris" } }, thoughtSignature: callSignature }] },
      { role: "user", parts: [{ functionResponse: { name: "get_weather", response: { content: "sunny" } } }] },
    ]);

    expect(second.message).toEqual({ role: "assistant", content: "Sunny today.", providerMetadata: { google: { thoughtSignature: textSignature, signedTextLength: 0 } } });
    messages.push(second.message!, { role: "user", content: "Thanks" });
    await finishOf(ai.stream({ model, messages }));
    // The signed part was the empty last one: it goes back as it came, not merged into the text before it.
    expect((server.requests[2]!.body as { contents: unknown[] }).contents.slice(3, 4)).toEqual([
      { role: "model", parts: [{ text: "Sunny today." }, { text: "", thoughtSignature: textSignature }] },
    ]);
  });

  it("keeps a signed thought part whole and sends it back as a thought", async () => {
    server.reply({
      json: generateContentResponse([
        { text: "Plan: look it up.", thought: true, thoughtSignature: callSignature },
        { text: "Let me check. " },
        { functionCall: { name: "get_weather", args: { city: "Oslo" } } },
      ]),
    });
    const reply = await google().chat({ model, messages: [{ role: "user", content: "Oslo?" }], tools: [weatherTool] });
    expect(reply.reasoning).toBe("Plan: look it up.");
    expect(toGoogleContents([assistantMessage(reply)]).contents).toEqual([
      {
        role: "model",
        parts: [
          { text: "Plan: look it up.", thought: true, thoughtSignature: callSignature },
          { text: "Let me check. " },
          { functionCall: { name: "get_weather", args: { city: "Oslo" } } },
        ],
      },
    ]);
  });

  it("ignores other providers' state and sends signatures only from google metadata", () => {
    const { contents } = toGoogleContents([
      {
        role: "assistant",
        content: "Hi",
        reasoning: [{ type: "reasoning", text: "Thinking.", providerMetadata: { anthropic: { signature: "EqQBCgIYAh" } } }],
        toolCalls: [{ toolCallId: "toolu_1", toolName: "get_weather", input: { city: "Rome" }, providerMetadata: { openai: { itemId: "fc_1" } } }],
        providerMetadata: { anthropic: { something: true } },
      },
    ]);
    // No Gemini signature anywhere in the turn: the first call gets Google's documented placeholder (Gemini 3 requires one).
    expect(contents).toEqual([
      { role: "model", parts: [{ text: "Hi" }, { functionCall: { name: "get_weather", args: { city: "Rome" } }, thoughtSignature: "skip_thought_signature_validator" }] },
    ]);
  });
});
