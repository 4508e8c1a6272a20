// POST /messages: chat, SSE streaming, tools, and structured output through a forced tool call.
import type { HttpClient } from "../../http/http-client.js";
import { createJsonResponseHandler, parseJsonChunk } from "../../http/response-handlers.js";
import { parseSse } from "../../http/sse.js";
import {
  type CallWarning,
  type ChatCallOptions,
  type ChatCapabilities,
  type ChatModel,
  type ChatResult,
  type ChatStreamEvent,
  type ChatStreamResult,
  type ReasoningPart,
  type ToolCall,
} from "../../spec/chat-model.js";
import { buildAssistantMessage } from "../shared/assistant-message.js";
import { mapCallSettings, type CallSettingNames } from "../shared/call-settings.js";
import { parseProviderOptions, providerOptionsKeys } from "../shared/provider-options.js";
import { reasoningText } from "../shared/reasoning-text.js";
import type { FinishReason, Usage } from "../../spec/shared-types.js";
import { createUsage } from "../shared/usage.js";
import { parseToolInput, streamEndedEarlyError, streamEventError } from "../shared/stream-helpers.js";
import type { ProviderModelConfig } from "../shared/provider-settings.js";
import { anthropicMessageSchema, anthropicStreamEventSchema, type AnthropicUsage } from "./anthropic-api.js";
import { anthropicProviderOptionsSchema, type AnthropicProviderOptions } from "./anthropic-options.js";
import { anthropicFailedResponseHandler } from "./anthropic-error.js";
import { toAnthropicMessages } from "./anthropic-convert-messages.js";
import { anthropicMetadataKey, redactedThinkingPart, thinkingPart } from "./anthropic-thinking.js";

/** Parses a Messages reply (one handler for every call, not a closure per call). */
const messageResponseHandler = createJsonResponseHandler(anthropicMessageSchema);

/** `max_tokens` sent when the call gives no `maxOutputTokens` (the Messages API requires one). */
export const anthropicDefaultMaxOutputTokens = 4_096;

/** Name of the tool forced for structured output when the response format names none. */
export const anthropicJsonToolName = "json";

/** Anthropic's names for the shared call settings; it has no seed or penalties. */
const anthropicSettingNames: CallSettingNames = {
  maxOutputTokens: "max_tokens",
  temperature: "temperature",
  topP: "top_p",
  topK: "top_k",
  stopSequences: "stop_sequences",
  seed: null,
  frequencyPenalty: null,
  presencePenalty: null,
};

const knownEvents = new Set([
  "message_start",
  "content_block_start",
  "content_block_delta",
  "content_block_stop",
  "message_delta",
  "message_stop",
  "ping",
  "error",
]);

/** Maps `stop_reason` to ours (`refusal` -> `content-filter`, `pause_turn` -> `other`). */
export function mapAnthropicStopReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case "end_turn":
    case "stop_sequence":
      return "stop";
    case "max_tokens":
    case "model_context_window_exceeded":
      return "length";
    case "tool_use":
      return "tool-calls";
    case "refusal":
      return "content-filter";
    case null:
    case undefined:
      return "unknown";
    default:
      return "other";
  }
}

/**
 * Maps Anthropic usage to ours. Anthropic's `input_tokens` excludes prompt-cache reads and writes; ours
 * includes them (`inputTokens = input_tokens + cache_creation_input_tokens + cache_read_input_tokens`), with
 * the reads as `cachedInputTokens`.
 */
export function mapAnthropicUsage(usage: AnthropicUsage | null | undefined): Usage {
  const input = usage?.input_tokens ?? undefined;
  const cacheWrite = usage?.cache_creation_input_tokens ?? undefined;
  const cacheRead = usage?.cache_read_input_tokens ?? undefined;
  const inputTokens = input === undefined && cacheWrite === undefined && cacheRead === undefined ? undefined : (input ?? 0) + (cacheWrite ?? 0) + (cacheRead ?? 0);
  return createUsage({ inputTokens, outputTokens: usage?.output_tokens ?? undefined, cachedInputTokens: cacheRead });
}

/** A Claude model on the Messages API. */
export class AnthropicChatModel implements ChatModel {
  readonly provider: string;
  readonly modelId: string;
  readonly capabilities: ChatCapabilities = { streaming: true, tools: true, structuredOutput: "tool", imageInput: true };
  private readonly http: HttpClient;
  private readonly optionsKeys: readonly string[];

  constructor(modelId: string, config: ProviderModelConfig) {
    this.modelId = modelId;
    this.provider = config.provider;
    this.http = config.http;
    this.optionsKeys = providerOptionsKeys(config.provider, "anthropic");
  }

  /**
   * The request body for `options`, and the name of the forced tool that carries structured output (when
   * `responseFormat` is JSON). Exposed for tests and debugging.
   */
  requestBody(options: ChatCallOptions): { body: Record<string, unknown>; warnings: CallWarning[]; jsonToolName: string | undefined } {
    const warnings: CallWarning[] = [];
    const providerOptions = this.providerOptions(options);
    const { system, messages } = toAnthropicMessages(options.messages);
    // `max_tokens` is required: the default holds its place and the call's `maxOutputTokens` replaces it there.
    const body: Record<string, unknown> = { model: this.modelId, max_tokens: anthropicDefaultMaxOutputTokens, messages };
    if (system !== undefined) body.system = system;
    Object.assign(body, mapCallSettings(options, anthropicSettingNames, { provider: this.provider, warnings }));
    if (providerOptions.thinking) {
      body.thinking = { type: "enabled", budget_tokens: providerOptions.thinking.budgetTokens };
      if (options.maxOutputTokens === undefined) body.max_tokens = anthropicDefaultMaxOutputTokens + providerOptions.thinking.budgetTokens;
    }
    if (providerOptions.userId !== undefined) body.metadata = { user_id: providerOptions.userId };

    const tools: Array<Record<string, unknown>> = (options.tools ?? []).map((tool) => {
      const converted: Record<string, unknown> = { name: tool.name, input_schema: tool.inputSchema };
      if (tool.description !== undefined) converted.description = tool.description;
      return converted;
    });
    let toolChoice: Record<string, unknown> | undefined;
    const choice = options.toolChoice;
    if (choice !== undefined && tools.length) {
      toolChoice = typeof choice === "object" ? { type: "tool", name: choice.toolName } : { type: choice === "required" ? "any" : choice };
    }
    let jsonToolName: string | undefined;
    const format = options.responseFormat;
    if (format?.type === "json") {
      jsonToolName = format.name ?? anthropicJsonToolName;
      tools.push({
        name: jsonToolName,
        description: format.description ?? "Respond with a JSON object: call this tool with the answer as its input.",
        input_schema: format.schema ?? { type: "object", additionalProperties: true },
      });
      if (choice !== undefined) warnings.push({ type: "other", setting: "toolChoice", message: "Structured output forces the response tool; toolChoice was ignored." });
      toolChoice = { type: "tool", name: jsonToolName };
    }
    if (providerOptions.disableParallelToolUse !== undefined && tools.length) {
      toolChoice = { ...(toolChoice ?? { type: "auto" }), disable_parallel_tool_use: providerOptions.disableParallelToolUse };
    }
    if (tools.length) body.tools = tools;
    if (toolChoice !== undefined) body.tool_choice = toolChoice;
    return { body, warnings, jsonToolName };
  }

  async doGenerate(options: ChatCallOptions): Promise<ChatResult> {
    const { body, warnings, jsonToolName } = this.requestBody(options);
    const response = await this.http.postJson({
      path: "/messages",
      model: this.modelId,
      body,
      headers: options.headers,
      abortSignal: options.abortSignal,
      successfulResponseHandler: messageResponseHandler,
      failedResponseHandler: anthropicFailedResponseHandler,
    });
    const message = response.value;
    let text = "";
    let jsonText: string | undefined;
    const toolCalls: ToolCall[] = [];
    const reasoning: ReasoningPart[] = [];
    for (const block of message.content) {
      if (block.type === "text" && block.text) text += block.text;
      else if (block.type === "thinking") reasoning.push(thinkingPart(block.thinking ?? "", block.signature));
      else if (block.type === "redacted_thinking" && block.data) reasoning.push(redactedThinkingPart(block.data));
      else if (block.type === "tool_use" && block.id && block.name) {
        if (block.name === jsonToolName && jsonText === undefined) jsonText = JSON.stringify(block.input ?? {});
        else toolCalls.push({ toolCallId: block.id, toolName: block.name, input: block.input ?? {} });
      }
    }
    let finishReason = mapAnthropicStopReason(message.stop_reason);
    if (jsonText !== undefined && finishReason === "tool-calls" && toolCalls.length === 0) finishReason = "stop";
    const thought = reasoningText(reasoning);
    return {
      text: jsonText ?? text,
      ...(thought === undefined ? {} : { reasoning: thought }),
      toolCalls,
      message: buildAssistantMessage({ text: jsonText ?? text, toolCalls, reasoning }),
      finishReason,
      usage: mapAnthropicUsage(message.usage),
      raw: message,
      response: { requestId: response.requestId, id: message.id ?? undefined, modelId: message.model ?? undefined },
      warnings,
    };
  }

  async doStream(options: ChatCallOptions): Promise<ChatStreamResult> {
    const { body, warnings, jsonToolName } = this.requestBody(options);
    body.stream = true;
    const response = await this.http.postStream({
      path: "/messages",
      model: this.modelId,
      body,
      headers: options.headers,
      abortSignal: options.abortSignal,
      failedResponseHandler: anthropicFailedResponseHandler,
    });
    const { context } = response;
    const provider = this.provider;
    async function* events(): AsyncGenerator<ChatStreamEvent> {
      const blocks = new Map<number, { kind: "text" | "tool" | "json" | "thinking" | "other"; id: string; name: string; input: string; part?: ReasoningPart }>();
      // What the finish event's message needs: the text (or the JSON of structured output), calls and reasoning, in order.
      let text = "";
      const toolCalls: ToolCall[] = [];
      const reasoning: ReasoningPart[] = [];
      let usage: AnthropicUsage = {};
      let stopReason: string | null | undefined;
      let sawJson = false;
      let jsonText: string | undefined;
      let lastData: string | undefined;
      for await (const sse of parseSse(response.body)) {
        lastData = sse.data;
        if (sse.event !== "message" && !knownEvents.has(sse.event)) continue; // new event kinds: ignore, as Anthropic asks
        const event = parseJsonChunk(sse.data, anthropicStreamEventSchema, context);
        switch (event.type) {
          case "message_start":
            usage = { ...event.message.usage };
            yield { type: "response-metadata", response: { requestId: context.requestId, id: event.message.id ?? undefined, modelId: event.message.model ?? undefined } };
            break;
          case "content_block_start": {
            const block = event.content_block;
            if (block.type === "text") {
              blocks.set(event.index, { kind: "text", id: "", name: "", input: "" });
              if (block.text) {
                text += block.text;
                yield { type: "text-delta", delta: block.text };
              }
            } else if (block.type === "thinking") {
              // The text arrives in `thinking_delta`s, the signature in a `signature_delta` before the block stops.
              const part = thinkingPart(block.thinking ?? "", block.signature);
              reasoning.push(part);
              blocks.set(event.index, { kind: "thinking", id: "", name: "", input: "", part });
              if (block.thinking) yield { type: "reasoning-delta", delta: block.thinking };
            } else if (block.type === "redacted_thinking" && block.data) {
              reasoning.push(redactedThinkingPart(block.data));
              blocks.set(event.index, { kind: "other", id: "", name: "", input: "" });
            } else if (block.type === "tool_use" && block.id && block.name) {
              const json = block.name === jsonToolName && !sawJson;
              if (json) sawJson = true;
              blocks.set(event.index, { kind: json ? "json" : "tool", id: block.id, name: block.name, input: "" });
            } else {
              blocks.set(event.index, { kind: "other", id: "", name: "", input: "" });
            }
            break;
          }
          case "content_block_delta": {
            const block = blocks.get(event.index);
            const delta = event.delta;
            if (delta.type === "text_delta" && delta.text) {
              if (block?.kind === "text") text += delta.text;
              yield { type: "text-delta", delta: delta.text };
            } else if (delta.type === "thinking_delta" && delta.thinking) {
              if (block?.part) block.part.text += delta.thinking;
              yield { type: "reasoning-delta", delta: delta.thinking };
            } else if (delta.type === "signature_delta" && delta.signature && block?.part) {
              block.part.providerMetadata = { [anthropicMetadataKey]: { signature: (thinkingSignature(block.part) ?? "") + delta.signature } };
            } else if (delta.type === "input_json_delta" && delta.partial_json && block) {
              block.input += delta.partial_json;
              if (block.kind === "json") yield { type: "text-delta", delta: delta.partial_json };
              else if (block.kind === "tool") yield { type: "tool-call-delta", toolCallId: block.id, toolName: block.name, inputDelta: delta.partial_json };
            }
            break;
          }
          case "content_block_stop": {
            const block = blocks.get(event.index);
            if (block?.kind === "tool") {
              const call: ToolCall = { toolCallId: block.id, toolName: block.name, input: parseToolInput(block.input) };
              toolCalls.push(call);
              yield { type: "tool-call", ...call };
            } else if (block?.kind === "json") {
              if (block.input === "") yield { type: "text-delta", delta: "{}" };
              jsonText = block.input === "" ? "{}" : block.input;
            }
            break;
          }
          case "message_delta":
            if (event.delta?.stop_reason !== undefined) stopReason = event.delta.stop_reason;
            for (const [key, value] of Object.entries(event.usage ?? {})) if (value !== null && value !== undefined) (usage as Record<string, unknown>)[key] = value;
            break;
          case "message_stop": {
            let finishReason = mapAnthropicStopReason(stopReason);
            if (sawJson && finishReason === "tool-calls" && toolCalls.length === 0) finishReason = "stop";
            yield { type: "finish", finishReason, usage: mapAnthropicUsage(usage), message: buildAssistantMessage({ text: jsonText ?? text, toolCalls, reasoning }) };
            return;
          }
          case "ping":
            break;
          case "error": {
            const kind = event.error.type ?? "error";
            const isRetryable = kind === "overloaded_error" || kind === "api_error" || kind === "rate_limit_error";
            throw streamEventError(context, { provider, detail: `${kind}: ${event.error.message}`, data: sse.data, isRetryable });
          }
        }
      }
      throw streamEndedEarlyError(context, lastData);
    }
    return { stream: events(), response: { requestId: response.requestId }, warnings };
  }

  private providerOptions(options: ChatCallOptions): AnthropicProviderOptions {
    return parseProviderOptions(options.providerOptions, this.optionsKeys, anthropicProviderOptionsSchema);
  }
}

/** The signature a streamed thinking part has so far. */
function thinkingSignature(part: ReasoningPart): string | undefined {
  const signature = part.providerMetadata?.[anthropicMetadataKey]?.signature;
  return typeof signature === "string" ? signature : undefined;
}
