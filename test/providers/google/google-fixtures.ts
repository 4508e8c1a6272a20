// Gemini API replies as Google documents them (https://ai.google.dev/api/generate-content,
// https://ai.google.dev/api/embeddings), for the loopback server. Gemini frames SSE events with CRLF.
import type { LoopbackReply } from "../../support/loopback-server.js";

export const usageMetadata = {
  promptTokenCount: 8,
  candidatesTokenCount: 3,
  cachedContentTokenCount: 2,
  thoughtsTokenCount: 20,
  totalTokenCount: 31,
  promptTokensDetails: [{ modality: "TEXT", tokenCount: 8 }],
};

/** A `GenerateContentResponse` with one candidate. */
export function generateContentResponse(parts: unknown[], finishReason: string | undefined = "STOP", extra: Record<string, unknown> = {}): Record<string, unknown> {
  const candidate: Record<string, unknown> = { content: { parts, role: "model" }, index: 0 };
  if (finishReason !== undefined) candidate.finishReason = finishReason;
  return { candidates: [candidate], usageMetadata, modelVersion: "gemini-2.5-flash", responseId: "mOncaPeYB5ax1dkPtL6A0Q4", ...extra };
}

/** One `data:` event as Gemini writes it (`\r\n\r\n` after each). */
export function sseData(value: unknown): string {
  return `data: ${JSON.stringify(value)}\r\n\r\n`;
}

/** A streamed "Hello, wörld ☃!": intermediate chunks carry partial usage, the last the finish reason and totals. */
export const textStream: string[] = [
  sseData({ candidates: [{ content: { parts: [{ text: "Hello, " }], role: "model" }, index: 0 }], usageMetadata: { promptTokenCount: 8, totalTokenCount: 8 }, modelVersion: "gemini-2.5-flash", responseId: "resp-1" }),
  sseData({ candidates: [{ content: { parts: [{ text: "wörld ☃!" }], role: "model" }, index: 0 }], usageMetadata: { promptTokenCount: 8, totalTokenCount: 8 }, modelVersion: "gemini-2.5-flash", responseId: "resp-1" }),
  sseData({ candidates: [{ content: { parts: [{ text: "" }], role: "model" }, finishReason: "STOP", index: 0 }], usageMetadata, modelVersion: "gemini-2.5-flash", responseId: "resp-1" }),
];

/** A streamed reply calling `get_weather({city: "Paris"})`: Gemini sends each call whole, in one part. */
export const functionCallStream: string[] = [
  sseData({
    candidates: [{ content: { parts: [{ functionCall: { name: "get_weather", args: { city: "Paris" } } }], role: "model" }, finishReason: "STOP", index: 0 }],
    usageMetadata: { promptTokenCount: 30, candidatesTokenCount: 5, totalTokenCount: 35 },
    modelVersion: "gemini-2.5-flash",
    responseId: "resp-2",
  }),
];

/** A google.rpc.Status error reply. */
export function errorReply(status: number, code: string, message: string, details: unknown[] = [], headers: Record<string, string> = {}): LoopbackReply {
  return { status, headers, json: { error: { code: status, message, status: code, details } } };
}
