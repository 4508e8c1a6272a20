// Tools in the `{ type: "function", function: {...} }` wire shape that Cohere and Ollama share, and the
// narrowing of a call's tools to the one `toolChoice` names, for providers that cannot name a tool.
import type { ChatTool } from "../../spec/chat-model.js";
import { ConfigError } from "../../spec/errors/index.js";

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
