// Tools and tool calls in the `{ type: "function", function: {...} }` wire shape that Chat Completions, Cohere
// and Ollama share, tool results as text, and the narrowing of a call's tools to the one `toolChoice` names,
// for providers that cannot name a tool.
import type { ChatTool, ToolCall } from "../../spec/chat-model.js";
import { ConfigError } from "../../spec/errors/index.js";
import { parseToolInput } from "./stream-helpers.js";

/** A tool call as Chat Completions and Cohere send and take it; `arguments` is the input as JSON text. */
export interface FunctionToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

/** `{ type: "function", function: { name, description?, parameters } }`, keys in that order. */
export function toFunctionTool(tool: ChatTool): { type: "function"; function: Record<string, unknown> } {
  return {
    type: "function",
    function: { name: tool.name, ...(tool.description === undefined ? {} : { description: tool.description }), parameters: tool.inputSchema },
  };
}

/**
 * The tools a provider that cannot name one tool should get for `toolChoice: { toolName }`: only that tool.
 * A `ConfigError` before any request when it is not among `tools`.
 */
export function onlyChosenTool(tools: readonly ChatTool[], toolName: string): ChatTool[] {
  const chosen = tools.filter((tool) => tool.name === toolName);
  if (chosen.length === 0) throw new ConfigError(`toolChoice names tool "${toolName}", which is not among the tools given; add it to \`tools\`.`);
  return chosen;
}

/** Our tool calls in the wire shape (`arguments`: a string input as is, anything else as JSON). */
export function toFunctionToolCalls(calls: readonly ToolCall[]): FunctionToolCall[] {
  return calls.map((call) => ({
    id: call.toolCallId,
    type: "function",
    function: { name: call.toolName, arguments: typeof call.input === "string" ? call.input : JSON.stringify(call.input ?? {}) },
  }));
}

/** A tool call of a reply: `arguments` parsed as JSON, kept as the raw text when they are not valid JSON. */
export function fromFunctionToolCall(call: { id: string; function: { name: string; arguments?: string | null } }): ToolCall {
  return { toolCallId: call.id, toolName: call.function.name, input: parseToolInput(call.function.arguments ?? "") };
}

/** Tool results travel as strings: strings as they are, anything else as JSON. */
export function toolResultText(result: unknown): string {
  return typeof result === "string" ? result : (JSON.stringify(result) ?? "null");
}
