// The reasoning text of a reply, from its reasoning parts.
import type { ReasoningPart } from "../../spec/chat-model.js";

/** The parts' text joined, or `undefined` when there is none (a reply without reasoning has no `reasoning` key). */
export function reasoningText(parts: readonly ReasoningPart[]): string | undefined {
  const text = parts.map((part) => part.text).join("");
  return text === "" ? undefined : text;
}
