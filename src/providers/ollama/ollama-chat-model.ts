// POST /api/chat: non-streaming and NDJSON streaming, tools, `format` for structured output.
import type { HttpClient } from "../../http/http-client.js";
import { parseNdjson } from "../../http/ndjson.js";
import { createJsonResponseHandler, parseJsonChunk } from "../../http/response-handlers.js";
import type { CallWarning, ChatCallOptions, ChatCapabilities, ChatModel, ChatResult, ChatStreamEvent, ChatStreamResult, ToolCall } from "../../spec/chat-model.js";
import type { FinishReason, Usage } from "../../spec/shared-types.js";
import { createUsage } from "../shared/usage.js";
import { mapCallSettings, type CallSettingNames } from "../shared/call-settings.js";
import { onlyChosenTool, toFunctionTool } from "../shared/function-tools.js";
import { parseProviderOptions, providerOptionsKeys } from "../shared/provider-options.js";
import { parseJsonOrText, streamEndedEarlyError, streamEventError } from "../shared/stream-helpers.js";
import { wholeToolCallEvents } from "../shared/streamed-tool-calls.js";
import type { ProviderModelConfig } from "../shared/provider-settings.js";
import { ollamaChatChunkSchema, ollamaChatResponseSchema, type OllamaChatResponse } from "./ollama-api.js";
import { ollamaChatOptionsSchema } from "./ollama-options.js";
import { toOllamaMessages } from "./ollama-convert-messages.js";
import { ollamaFailedResponseHandler } from "./ollama-error.js";

/** Parses an /api/chat reply (one handler for every call, not a closure per call). */
const chatResponseHandler = createJsonResponseHandler(ollamaChatResponseSchema);

/** Ollama's names for the shared call settings, all runtime `options` of the model. */
const ollamaSettingNames: CallSettingNames = {
  temperature: "temperature",
  topP: "top_p",
  topK: "top_k",
  maxOutputTokens: "num_predict",
  stopSequences: "stop",
  seed: "seed",
  frequencyPenalty: "frequency_penalty",
  presencePenalty: "presence_penalty",
};

/** Maps `done_reason` to ours; a reply with tool calls finishes with `tool-calls` (Ollama says `stop`). */
export function mapOllamaFinishReason(reason: string | null | undefined, calledTools: boolean): FinishReason {
  if (calledTools) return "tool-calls";
  switch (reason) {
    case "stop":
      return "stop";
    case "length":
      return "length";
    case null:
    case undefined:
      return "unknown";
    default:
      return "other";
  }
}

/** Maps Ollama's counts: `prompt_eval_count` -> input, `eval_count` -> output. Ollama reports no cache hits. */
export function mapOllamaUsage(reply: Pick<OllamaChatResponse, "prompt_eval_count" | "eval_count">): Usage {
  return createUsage({ inputTokens: reply.prompt_eval_count ?? undefined, outputTokens: reply.eval_count ?? undefined });
}

type OllamaToolCallWire = NonNullable<NonNullable<OllamaChatResponse["message"]["tool_calls"]>>[number];

/** A tool call of the reply; Ollama's arguments are an object already. Calls without an id get `call_<n>`. */
function toToolCall(call: OllamaToolCallWire, index: number): ToolCall {
  const input = typeof call.function.arguments === "string" ? parseJsonOrText(call.function.arguments) : (call.function.arguments ?? {});
  return { toolCallId: call.id || `call_${index}`, toolName: call.function.name, input };
}

/** A chat model on a local or remote Ollama server (`ollama:llama3.2`, `ollama:qwen3:8b`). */
export class OllamaChatModel implements ChatModel {
  readonly provider: string;
  readonly modelId: string;
  readonly capabilities: ChatCapabilities = { streaming: true, tools: true, structuredOutput: "json-schema", imageInput: true };
  private readonly http: HttpClient;
  private readonly optionsKeys: readonly string[];

  constructor(modelId: string, config: ProviderModelConfig) {
    this.modelId = modelId;
    this.provider = config.provider;
    this.http = config.http;
    this.optionsKeys = providerOptionsKeys(config.provider, "ollama");
  }

  /** The request body for `options`, without `stream` (exposed for tests and debugging). */
  requestBody(options: ChatCallOptions): { body: Record<string, unknown>; warnings: CallWarning[] } {
    const warnings: CallWarning[] = [];
    const extra = parseProviderOptions(options.providerOptions, this.optionsKeys, ollamaChatOptionsSchema);
    // The shared settings go with the runtime `options` given under providerOptions, and win over them.
    const runtime: Record<string, unknown> = { ...extra.options, ...mapCallSettings(options, ollamaSettingNames, { provider: this.provider, warnings }) };

    const body: Record<string, unknown> = { model: this.modelId, messages: toOllamaMessages(options.messages) };
    let tools = options.tools ?? [];
    const choice = options.toolChoice;
    if (choice === "none") tools = [];
    else if (typeof choice === "object") tools = onlyChosenTool(tools, choice.toolName);
    if ((choice === "required" || typeof choice === "object") && tools.length) {
      warnings.push({ type: "unsupported-setting", setting: "toolChoice", message: "Ollama cannot force a tool call; the model may answer with text instead." });
    }
    if (tools.length) {
      body.tools = tools.map(toFunctionTool);
    }
    const format = options.responseFormat;
    if (format?.type === "json") body.format = format.schema ?? "json";
    if (Object.keys(runtime).length) body.options = runtime;
    if (extra.think !== undefined) body.think = extra.think;
    if (extra.keepAlive !== undefined) body.keep_alive = extra.keepAlive;
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
      failedResponseHandler: ollamaFailedResponseHandler,
    });
    const reply = response.value;
    const toolCalls = (reply.message.tool_calls ?? []).map(toToolCall);
    const result: ChatResult = {
      text: reply.message.content ?? "",
      toolCalls,
      finishReason: mapOllamaFinishReason(reply.done_reason, toolCalls.length > 0),
      usage: mapOllamaUsage(reply),
      raw: reply,
      response: { requestId: response.requestId, modelId: reply.model ?? undefined },
      warnings,
    };
    if (reply.message.thinking) result.reasoning = reply.message.thinking;
    return result;
  }

  async doStream(options: ChatCallOptions): Promise<ChatStreamResult> {
    const { body, warnings } = this.requestBody(options);
    // Ollama streams unless told otherwise; say it explicitly either way.
    body.stream = true;
    const response = await this.http.postStream({
      path: "/chat",
      model: this.modelId,
      body,
      accept: "application/x-ndjson",
      headers: options.headers,
      abortSignal: options.abortSignal,
      failedResponseHandler: ollamaFailedResponseHandler,
    });
    const { context } = response;
    const provider = this.provider;
    async function* events(): AsyncGenerator<ChatStreamEvent> {
      let calls = 0;
      let metadataSent = false;
      let lastLine: string | undefined;
      for await (const line of parseNdjson(response.body)) {
        lastLine = line;
        const chunk = parseJsonChunk(line, ollamaChatChunkSchema, context);
        if (chunk.error) {
          throw streamEventError(context, { provider, detail: chunk.error, data: line, isRetryable: true });
        }
        if (!metadataSent && chunk.model) {
          metadataSent = true;
          yield { type: "response-metadata", response: { requestId: context.requestId, modelId: chunk.model } };
        }
        const message = chunk.message;
        if (message?.thinking) yield { type: "reasoning-delta", delta: message.thinking };
        if (message?.content) yield { type: "text-delta", delta: message.content };
        for (const wire of message?.tool_calls ?? []) {
          const call = toToolCall(wire, calls++);
          yield* wholeToolCallEvents(call);
        }
        if (chunk.done === true) {
          yield { type: "finish", finishReason: mapOllamaFinishReason(chunk.done_reason, calls > 0), usage: mapOllamaUsage(chunk) };
          return;
        }
      }
      throw streamEndedEarlyError(context, lastLine);
    }
    return { stream: events(), response: { requestId: response.requestId }, warnings };
  }
}
