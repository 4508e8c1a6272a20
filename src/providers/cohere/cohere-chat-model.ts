// POST /v2/chat: non-streaming and SSE streaming (typed events), tools, JSON output with a schema.
import type { HttpClient } from "../../http/http-client.js";
import { createJsonResponseHandler, errorOptions, parseJsonChunk } from "../../http/response-handlers.js";
import { parseSse } from "../../http/sse.js";
import type { CallWarning, ChatCallOptions, ChatCapabilities, ChatModel, ChatResult, ChatStreamEvent, ChatStreamResult } from "../../spec/chat-model.js";
import { ProviderError } from "../../spec/errors/index.js";
import type { FinishReason, Usage } from "../../spec/shared-types.js";
import { createUsage } from "../shared/usage.js";
import { mapCallSettings, type CallSettingNames } from "../shared/call-settings.js";
import { fromFunctionToolCall, onlyChosenTool, toFunctionTool } from "../shared/function-tools.js";
import { parseProviderOptions, providerOptionsKeys } from "../shared/provider-options.js";
import { streamEndedEarlyError, streamEventError } from "../shared/stream-helpers.js";
import { StreamedToolCalls } from "../shared/streamed-tool-calls.js";
import type { ProviderModelConfig } from "../shared/provider-settings.js";
import { cohereChatResponseSchema, cohereStreamEventSchema, type CohereUsage } from "./cohere-api.js";
import { cohereChatOptionsSchema } from "./cohere-options.js";
import { toCohereMessages } from "./cohere-convert-messages.js";
import { cohereFailedResponseHandler } from "./cohere-error.js";

/** Parses a v2 /chat reply (one handler for every call, not a closure per call). */
const chatResponseHandler = createJsonResponseHandler(cohereChatResponseSchema);

/** Cohere's names for the shared call settings (it has them all). */
const cohereSettingNames: CallSettingNames = {
  temperature: "temperature",
  maxOutputTokens: "max_tokens",
  topP: "p",
  topK: "k",
  stopSequences: "stop_sequences",
  seed: "seed",
  frequencyPenalty: "frequency_penalty",
  presencePenalty: "presence_penalty",
};

/** Maps Cohere's `finish_reason` to ours. */
export function mapCohereFinishReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case "COMPLETE":
    case "STOP_SEQUENCE":
      return "stop";
    case "MAX_TOKENS":
      return "length";
    case "TOOL_CALL":
      return "tool-calls";
    case "ERROR":
    case "TIMEOUT":
      return "error";
    case null:
    case undefined:
      return "unknown";
    default:
      return "other";
  }
}

/**
 * Maps Cohere's usage: the billed units (what the call costs; the model's own `tokens` count when nothing was
 * billed, as with some deployments), and `cached_tokens` as the cached part of the input.
 */
export function mapCohereUsage(usage: CohereUsage): Usage {
  return createUsage({
    inputTokens: usage?.billed_units?.input_tokens ?? usage?.tokens?.input_tokens ?? undefined,
    outputTokens: usage?.billed_units?.output_tokens ?? usage?.tokens?.output_tokens ?? undefined,
    cachedInputTokens: usage?.cached_tokens ?? undefined,
  });
}

/** A Cohere chat model (`cohere:command-a-03-2025`, `cohere:command-r7b-12-2024`). */
export class CohereChatModel implements ChatModel {
  readonly provider: string;
  readonly modelId: string;
  readonly capabilities: ChatCapabilities = { streaming: true, tools: true, structuredOutput: "json-schema", imageInput: true };
  private readonly http: HttpClient;
  private readonly optionsKeys: readonly string[];

  constructor(modelId: string, config: ProviderModelConfig) {
    this.modelId = modelId;
    this.provider = config.provider;
    this.http = config.http;
    this.optionsKeys = providerOptionsKeys(config.provider, "cohere");
  }

  /** The request body for `options`, without `stream` (exposed for tests and debugging). */
  requestBody(options: ChatCallOptions): { body: Record<string, unknown>; warnings: CallWarning[] } {
    const warnings: CallWarning[] = [];
    const extra = parseProviderOptions(options.providerOptions, this.optionsKeys, cohereChatOptionsSchema);
    const body: Record<string, unknown> = { model: this.modelId, messages: toCohereMessages(options.messages) };
    Object.assign(body, mapCallSettings(options, cohereSettingNames, { provider: this.provider, warnings }));
    let tools = options.tools ?? [];
    const choice = options.toolChoice;
    // Cohere cannot name a tool: send only that one and require a call.
    if (typeof choice === "object") tools = onlyChosenTool(tools, choice.toolName);
    if (tools.length) {
      body.tools = tools.map(toFunctionTool);
      if (choice === "none") body.tool_choice = "NONE";
      else if (choice === "required" || typeof choice === "object") body.tool_choice = "REQUIRED";
    }
    const format = options.responseFormat;
    if (format?.type === "json") body.response_format = format.schema === undefined ? { type: "json_object" } : { type: "json_object", json_schema: format.schema };
    if (extra.safetyMode !== undefined) body.safety_mode = extra.safetyMode;
    if (extra.strictTools !== undefined) body.strict_tools = extra.strictTools;
    if (extra.thinking !== undefined) {
      body.thinking = extra.thinking.tokenBudget === undefined ? { type: extra.thinking.type } : { type: extra.thinking.type, token_budget: extra.thinking.tokenBudget };
    }
    return { body, warnings };
  }

  async doGenerate(options: ChatCallOptions): Promise<ChatResult> {
    const { body, warnings } = this.requestBody(options);
    body.stream = false;
    const response = await this.http.postJson({
      path: "/chat",
      model: this.modelId,
      body,
      headers: options.headers,
      abortSignal: options.abortSignal,
      successfulResponseHandler: chatResponseHandler,
      failedResponseHandler: cohereFailedResponseHandler,
    });
    const reply = response.value;
    const content = reply.message.content ?? [];
    const toolCalls = (reply.message.tool_calls ?? []).map(fromFunctionToolCall);
    const reasoning = [reply.message.tool_plan ?? "", ...content.filter((block) => block.type === "thinking").map((block) => block.thinking ?? "")].join("");
    const result: ChatResult = {
      text: content
        .filter((block) => block.type === "text")
        .map((block) => block.text ?? "")
        .join(""),
      toolCalls,
      finishReason: mapCohereFinishReason(reply.finish_reason),
      usage: mapCohereUsage(reply.usage),
      raw: reply,
      response: { requestId: response.requestId, id: reply.id ?? undefined },
      warnings,
    };
    if (reasoning) result.reasoning = reasoning;
    return result;
  }

  async doStream(options: ChatCallOptions): Promise<ChatStreamResult> {
    const { body, warnings } = this.requestBody(options);
    body.stream = true;
    const response = await this.http.postStream({
      path: "/chat",
      model: this.modelId,
      body,
      headers: options.headers,
      abortSignal: options.abortSignal,
      failedResponseHandler: cohereFailedResponseHandler,
    });
    const { context } = response;
    const provider = this.provider;
    async function* events(): AsyncGenerator<ChatStreamEvent> {
      const calls = new StreamedToolCalls(provider);
      let lastData: string | undefined;
      for await (const sse of parseSse(response.body)) {
        lastData = sse.data;
        const event = parseJsonChunk(sse.data, cohereStreamEventSchema, context);
        const message = event.delta?.message;
        switch (event.type) {
          case "message-start":
            yield { type: "response-metadata", response: { requestId: context.requestId, id: event.id ?? undefined } };
            break;
          case "content-delta": {
            const block = message?.content;
            if (block && !Array.isArray(block)) {
              if (block.thinking) yield { type: "reasoning-delta", delta: block.thinking };
              if (block.text) yield { type: "text-delta", delta: block.text };
            }
            break;
          }
          case "tool-plan-delta":
            if (message?.tool_plan) yield { type: "reasoning-delta", delta: message.tool_plan };
            break;
          case "tool-call-start":
          case "tool-call-delta": {
            const part = Array.isArray(message?.tool_calls) ? undefined : message?.tool_calls;
            const piece = part ? { id: part.id, name: part.function?.name, arguments: part.function?.arguments } : undefined;
            const delta = calls.add(event.index ?? 0, piece, streamProtocolError);
            if (delta) yield delta;
            break;
          }
          case "tool-call-end": {
            const call = calls.complete(event.index ?? 0);
            if (call) yield call;
            break;
          }
          case "message-end": {
            const delta = event.delta;
            if (delta?.finish_reason === "ERROR" && delta.error) {
              throw streamEventError(context, { provider, detail: delta.error, data: sse.data, isRetryable: true });
            }
            yield { type: "finish", finishReason: mapCohereFinishReason(delta?.finish_reason), usage: mapCohereUsage(delta?.usage) };
            return;
          }
          default:
            // content-start/-end, citation-start/-end and future events carry nothing we map.
            break;
        }
      }
      throw streamEndedEarlyError(context, lastData);

      function streamProtocolError(message: string): ProviderError {
        return new ProviderError(message, { ...errorOptions(context, lastData), provider, isRetryable: true });
      }
    }
    return { stream: events(), response: { requestId: response.requestId }, warnings };
  }
}
