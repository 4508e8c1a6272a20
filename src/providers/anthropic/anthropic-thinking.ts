// Anthropic `thinking` / `redacted_thinking` blocks <-> our reasoning parts. With extended thinking and tools,
// the assistant turn that called a tool must go back with these blocks, unmodified and first, or the API
// answers 400 (https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#preserving-thinking-blocks).
import type { ReasoningPart } from "../../spec/chat-model.js";
import type { AnthropicRequestBlock } from "./anthropic-api.js";

/** The key of Anthropic's state in `providerMetadata`, whatever name the provider was registered under. */
export const anthropicMetadataKey = "anthropic";

/** A `thinking` block (its text and the signature that authenticates it) as a reasoning part. */
export function thinkingPart(thinking: string, signature: string | null | undefined): ReasoningPart {
  const part: ReasoningPart = { type: "reasoning", text: thinking };
  if (signature) part.providerMetadata = { [anthropicMetadataKey]: { signature } };
  return part;
}

/** A `redacted_thinking` block (encrypted: only `data` travels) as a reasoning part with no text. */
export function redactedThinkingPart(data: string): ReasoningPart {
  return { type: "reasoning", text: "", providerMetadata: { [anthropicMetadataKey]: { redactedData: data } } };
}

/**
 * The blocks to send back for reasoning parts: the ones Anthropic signed or encrypted, as they came. Parts
 * without Anthropic state (another provider's reasoning, or unsigned) are dropped: the API rejects them.
 */
export function thinkingBlocks(parts: readonly ReasoningPart[] | undefined): AnthropicRequestBlock[] {
  const blocks: AnthropicRequestBlock[] = [];
  for (const part of parts ?? []) {
    const state = part.providerMetadata?.[anthropicMetadataKey];
    if (typeof state?.redactedData === "string") blocks.push({ type: "redacted_thinking", data: state.redactedData });
    else if (typeof state?.signature === "string" && state.signature !== "") blocks.push({ type: "thinking", thinking: part.text, signature: state.signature });
  }
  return blocks;
}
