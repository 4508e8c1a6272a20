// Tool calls in a stream: in pieces keyed by an index (Chat Completions, Cohere), where the first piece of a
// call names it and later ones append argument text, or whole (Gemini, Ollama, and Mistral's Chat Completions
// stream, whose `tool_calls` entries carry no `index`).
import type { ChatStreamEvent, ToolCall } from "../../spec/chat-model.js";
import { parseToolInput } from "./stream-helpers.js";

/** One piece of a streamed tool call, as the wire gives it (any field may be missing). */
export interface ToolCallPiece {
  id?: string | null | undefined;
  name?: string | null | undefined;
  arguments?: string | null | undefined;
}

type ToolCallDeltaEvent = Extract<ChatStreamEvent, { type: "tool-call-delta" }>;
type ToolCallEvent = Extract<ChatStreamEvent, { type: "tool-call" }>;

/**
 * Which call a streamed piece belongs to: its `index` when the wire gives one; otherwise (Mistral sends each call
 * whole, without `index`) the call with the piece's id, a new call per id, and a piece with neither id nor index
 * belongs to the call at its position in the chunk's array.
 */
export type ToolCallKey = number | `id:${string}`;

/** The key of a piece: see {@link ToolCallKey}. `position` is the piece's position in its chunk's array. */
export function toolCallKey(index: number | null | undefined, id: string | null | undefined, position: number): ToolCallKey {
  if (typeof index === "number") return index;
  return id ? `id:${id}` : position;
}

/**
 * Accumulates the pieces of a stream's tool calls by key (see {@link ToolCallKey}) and gives the events to emit
 * for them. A piece whose id differs from the id of the call open under its key begins a new call: Ollama's
 * `/v1` streams several whole calls all under `index: 0`, each with its own id.
 */
export class StreamedToolCalls {
  private readonly calls: Array<{ toolCallId: string; toolName: string; input: string }> = [];
  private readonly open = new Map<ToolCallKey, { toolCallId: string; toolName: string; input: string }>();

  /** `provider` names the provider in the error for a malformed stream. */
  constructor(private readonly provider: string) {}

  /**
   * Adds a piece of call `index`; returns the `tool-call-delta` event for its argument text (none when it has
   * none). A call's first piece must carry its id and name: otherwise the stream is malformed and the error
   * `malformed(message)` builds from the message (which names the provider and the index) is thrown.
   */
  add(index: ToolCallKey, piece: ToolCallPiece | undefined, malformed: (message: string) => Error): ToolCallDeltaEvent | undefined {
    let call = this.open.get(index);
    if (!call || (piece?.id && piece.id !== call.toolCallId)) {
      if (!piece?.id || !piece.name) {
        throw malformed(`${this.provider} streamed arguments for tool call ${String(index)} before its id and name; the stream is malformed, retry the call.`);
      }
      call = { toolCallId: piece.id, toolName: piece.name, input: "" };
      this.open.set(index, call);
      this.calls.push(call);
    }
    const inputDelta = piece?.arguments;
    if (!inputDelta) return undefined;
    call.input += inputDelta;
    return { type: "tool-call-delta", toolCallId: call.toolCallId, toolName: call.toolName, inputDelta };
  }

  /** The `tool-call` event of the call open under `index` with its parsed input, or none when no piece of it came. */
  complete(index: ToolCallKey): ToolCallEvent | undefined {
    const call = this.open.get(index);
    return call && toolCallEvent(call);
  }

  /** The `tool-call` events of every call, in the order the calls began. */
  completeAll(): ToolCallEvent[] {
    return this.calls.map(toolCallEvent);
  }
}

/**
 * The events for a tool call that arrives whole (Gemini, Ollama): one `tool-call-delta` carrying all its input
 * as JSON, as if it had streamed, then the `tool-call` with everything the call has (provider metadata too).
 */
export function wholeToolCallEvents(call: ToolCall): [ToolCallDeltaEvent, ToolCallEvent] {
  return [
    { type: "tool-call-delta", toolCallId: call.toolCallId, toolName: call.toolName, inputDelta: JSON.stringify(call.input) },
    { type: "tool-call", ...call },
  ];
}

function toolCallEvent(call: { toolCallId: string; toolName: string; input: string }): ToolCallEvent {
  return { type: "tool-call", toolCallId: call.toolCallId, toolName: call.toolName, input: parseToolInput(call.input) };
}
