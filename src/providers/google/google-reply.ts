// Gemini reply parts -> our text, tool calls, reasoning and assistant message, keeping thought signatures where
// Gemini needs them next turn (https://ai.google.dev/gemini-api/docs/thought-signatures).
import { randomUUID } from "node:crypto";
import type { AssistantMessage, ReasoningPart, ToolCall } from "../../spec/chat-model.js";
import { buildAssistantMessage } from "../shared/assistant-message.js";
import type { ProviderMetadata } from "../../spec/shared-types.js";
import { reasoningText } from "../shared/reasoning-text.js";

/** The key of Gemini's state in `providerMetadata`, whatever name the provider was registered under. */
export const googleMetadataKey = "google";

/** A response part, as the response schema parses it. */
export interface GoogleReplyPart {
  text?: string | null;
  thought?: boolean | null;
  functionCall?: { id?: string | null; name: string; args?: unknown } | null;
  thoughtSignature?: string | null;
}

/** The `thoughtSignature` in `metadata`, when Gemini gave one. */
export function thoughtSignatureOf(metadata: ProviderMetadata | undefined): string | undefined {
  const signature = metadata?.[googleMetadataKey]?.thoughtSignature;
  return typeof signature === "string" && signature !== "" ? signature : undefined;
}

/**
 * Collects the parts of one reply, from one response or from a stream's chunks. Gemini signs one part of a
 * turn (each step's first function call; without calls, the last part, in a stream often an empty text part
 * of the last chunk), and wants the signature back on that very part, never merged into another part. So:
 * function calls keep their signature; a signed thought part stays a reasoning part of its own; and for text,
 * which we return as one string, the message records the signature with the length of the text the signed
 * part held (`signedTextLength`: the tail of the text, the signed part being the last), so the text can be
 * split back into the parts Gemini signed and did not.
 */
export class GoogleReplyBuilder {
  text = "";
  readonly toolCalls: ToolCall[] = [];
  readonly reasoning: ReasoningPart[] = [];
  private textSignature: { thoughtSignature: string; signedTextLength: number } | undefined;
  /** Unsigned thought text still arriving (stream chunks of one thought). */
  private openThought: ReasoningPart | undefined;

  /** Adds a part; returns the tool call it made, if any. */
  add(part: GoogleReplyPart): ToolCall | undefined {
    const signature = part.thoughtSignature || undefined;
    if (part.functionCall) {
      this.openThought = undefined;
      // Gemini gives no call id before its newest models, so one is made up.
      const call: ToolCall = { toolCallId: part.functionCall.id ?? `call_${randomUUID()}`, toolName: part.functionCall.name, input: part.functionCall.args ?? {} };
      if (signature) call.providerMetadata = { [googleMetadataKey]: { thoughtSignature: signature } };
      this.toolCalls.push(call);
      return call;
    }
    const text = part.text ?? "";
    if (part.thought) {
      if (signature) {
        this.openThought = undefined;
        this.reasoning.push({ type: "reasoning", text, providerMetadata: { [googleMetadataKey]: { thoughtSignature: signature } } });
      } else if (this.openThought) {
        this.openThought.text += text;
      } else if (text) {
        this.openThought = { type: "reasoning", text };
        this.reasoning.push(this.openThought);
      }
      return undefined;
    }
    this.openThought = undefined;
    this.text += text;
    if (signature) this.textSignature = { thoughtSignature: signature, signedTextLength: text.length };
    else if (this.textSignature && text) this.textSignature = undefined; // the signed part was not the last: a shape we cannot send back as it came
    return undefined;
  }

  /** The thought text, when the model returned thoughts (`includeThoughts`). */
  reasoningText(): string | undefined {
    return reasoningText(this.reasoning);
  }

  /** The reply as an assistant message, ready to send back. */
  message(): AssistantMessage {
    const providerMetadata = this.textSignature ? { [googleMetadataKey]: { ...this.textSignature } } : undefined;
    return buildAssistantMessage({ text: this.text, toolCalls: this.toolCalls, reasoning: this.reasoning, providerMetadata });
  }
}
