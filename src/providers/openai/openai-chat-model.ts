// Chat Completions: one driver for OpenAI and every OpenAI-compatible server (Groq, Hugging Face, vLLM...).
import type { HttpClient } from "../../http/http-client.js";
import { createJsonResponseHandler, parseJsonChunk, type FailedResponseHandler } from "../../http/response-handlers.js";
import { parseSse } from "../../http/sse.js";
import type {
  CallWarning,
  ChatCallOptions,
  ChatCapabilities,
  ChatModel,
  ChatResult,
  ChatStreamEvent,
  ChatStreamResult,
} from "../../spec/chat-model.js";
import { mapCallSettings, type CallSettingNames } from "../shared/call-settings.js";
import { parseProviderOptions, providerOptionsKeys } from "../shared/provider-options.js";
import { ProviderResponseError } from "../../spec/errors/index.js";
import type { FinishReason, JSONSchema, Usage } from "../../spec/shared-types.js";
import { createUsage } from "../shared/usage.js";
import { fromFunctionToolCall } from "../shared/function-tools.js";
import { streamEndedEarlyError, streamEventError } from "../shared/stream-helpers.js";
import type { ProviderModelConfig } from "../shared/provider-settings.js";
import { StreamedToolCalls, toolCallKey } from "../shared/streamed-tool-calls.js";
import { toOpenAIMessages } from "./openai-convert-messages.js";
import { openaiChatChunkSchema, openaiChatResponseSchema, type OpenAIContent, type OpenAIUsage } from "./openai-api.js";
import { openaiProviderOptionsSchema, type OpenAIProviderOptions } from "./openai-options.js";
import { openaiFailedResponseHandler } from "./openai-error.js";

/** Parses a Chat Completions reply and keeps its JSON as sent for `raw` (one handler for every call, not a closure per call). */
const chatResponseHandler = createJsonResponseHandler(openaiChatResponseSchema, { raw: true });

/** How one OpenAI-compatible server differs from OpenAI. */
export interface OpenAIChatConfig extends ProviderModelConfig {
  /** Path of the endpoint under the base URL. Default: `/chat/completions`. */
  chatPath?: string;
  /**
   * `json-schema`: `response_format: { type: "json_schema" }`. `json`: JSON mode (`json_object`) with the schema
   * described in a system message (Groq). Default: `json-schema`.
   */
  structuredOutput?: "json-schema" | "json";
  /** Name of the output-length field: OpenAI `max_completion_tokens`, older servers `max_tokens`. Default: `max_completion_tokens`. */
  maxTokensField?: "max_completion_tokens" | "max_tokens";
  /** Send `stream_options: { include_usage: true }` when streaming. Default: true. */
  streamUsage?: boolean;
  /** Whether user messages may contain images. Default: true. */
  imageInput?: boolean;
  /** The driver name `providerOptions` are read under after the registered name (`groq`). Default: `openai`. */
  driverName?: string;
  /** Maps the server's error bodies to our errors (Mistral has its own). Default: `openaiFailedResponseHandler`. */
  failedResponseHandler?: FailedResponseHandler;
}

/** Chat Completions' names for the shared call settings, one table per output-length field; it has no topK. */
const openaiSettingNames = {
  max_completion_tokens: settingNames("max_completion_tokens"),
  max_tokens: settingNames("max_tokens"),
} as const;

function settingNames(maxTokensField: "max_completion_tokens" | "max_tokens"): CallSettingNames {
  return {
    maxOutputTokens: maxTokensField,
    temperature: "temperature",
    topP: "top_p",
    stopSequences: "stop",
    seed: "seed",
    frequencyPenalty: "frequency_penalty",
    presencePenalty: "presence_penalty",
    topK: null,
  };
}

/** Maps `finish_reason` to ours. */
export function mapOpenAIFinishReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case "stop":
      return "stop";
    case "length":
      return "length";
    case "tool_calls":
    case "function_call":
      return "tool-calls";
    case "content_filter":
      return "content-filter";
    case null:
    case undefined:
      return "unknown";
    default:
      return "other";
  }
}

/** Maps OpenAI `usage` to ours (`cached_tokens`, or DeepSeek's `prompt_cache_hit_tokens`, -> `cachedInputTokens`). */
export function mapOpenAIUsage(usage: OpenAIUsage): Usage {
  return createUsage({
    inputTokens: usage?.prompt_tokens ?? undefined,
    outputTokens: usage?.completion_tokens ?? undefined,
    cachedInputTokens: usage?.prompt_tokens_details?.cached_tokens ?? usage?.prompt_cache_hit_tokens ?? undefined,
    totalTokens: usage?.total_tokens ?? undefined,
  });
}

/** Splits `content` into its text and its reasoning: a string is all text; `thinking` chunks are reasoning. */
function splitContent(content: OpenAIContent): { text: string; reasoning: string } {
  if (typeof content === "string") return { text: content, reasoning: "" };
  let text = "";
  let reasoning = "";
  for (const chunk of content ?? []) {
    if (chunk.type === "text") text += chunk.text ?? "";
    else if (chunk.type === "thinking") {
      reasoning += typeof chunk.thinking === "string" ? chunk.thinking : (chunk.thinking ?? []).map((part) => part.text ?? "").join("");
    }
  }
  return { text, reasoning };
}

/** Whether OpenAI's strict mode accepts a schema: every object closed and all its properties required. */
export function isStrictCompatible(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.every(isStrictCompatible);
  if (typeof schema !== "object" || schema === null) return true;
  const node = schema as Record<string, unknown>;
  if (node.type === "object" || node.properties !== undefined) {
    const properties = Object.keys((node.properties as Record<string, unknown> | undefined) ?? {});
    const required = new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
    if (node.additionalProperties !== false || properties.some((name) => !required.has(name))) return false;
  }
  return Object.entries(node).every(([key, value]) => key === "required" || key === "enum" || key === "const" || isStrictCompatible(value));
}

/** A chat model on the Chat Completions API. */
export class OpenAIChatModel implements ChatModel {
  readonly provider: string;
  readonly modelId: string;
  readonly capabilities: ChatCapabilities;
  private readonly config: Required<Omit<OpenAIChatConfig, "http">> & { http: HttpClient };
  private readonly optionsKeys: readonly string[];

  constructor(modelId: string, config: OpenAIChatConfig) {
    this.modelId = modelId;
    this.provider = config.provider;
    this.config = {
      chatPath: "/chat/completions",
      structuredOutput: "json-schema",
      maxTokensField: "max_completion_tokens",
      streamUsage: true,
      imageInput: true,
      driverName: "openai",
      failedResponseHandler: openaiFailedResponseHandler,
      ...config,
    };
    this.optionsKeys = providerOptionsKeys(config.provider, this.config.driverName);
    this.capabilities = { streaming: true, tools: true, structuredOutput: this.config.structuredOutput, imageInput: this.config.imageInput };
  }

  /** The request body for `options` (exposed for tests and debugging). */
  requestBody(options: ChatCallOptions): { body: Record<string, unknown>; warnings: CallWarning[] } {
    const warnings: CallWarning[] = [];
    const providerOptions = this.providerOptions(options);
    const format = options.responseFormat;
    let jsonModeInstruction: string | undefined;
    let responseFormat: unknown;
    if (format?.type === "json") {
      if (format.schema !== undefined && this.config.structuredOutput === "json-schema") {
        const jsonSchema: Record<string, unknown> = {
          name: format.name ?? "response",
          schema: format.schema,
          strict: providerOptions.strictJsonSchema ?? isStrictCompatible(format.schema),
        };
        if (format.description !== undefined) jsonSchema.description = format.description;
        responseFormat = { type: "json_schema", json_schema: jsonSchema };
      } else {
        responseFormat = { type: "json_object" };
        jsonModeInstruction = jsonInstruction(format.schema, format.description);
      }
    }
    const body: Record<string, unknown> = { model: this.modelId, messages: toOpenAIMessages(options.messages, jsonModeInstruction) };
    Object.assign(body, mapCallSettings(options, openaiSettingNames[this.config.maxTokensField], { provider: this.provider, warnings }));
    if (responseFormat !== undefined) body.response_format = responseFormat;
    if (options.tools?.length) {
      body.tools = options.tools.map((tool) => {
        const fn: Record<string, unknown> = { name: tool.name, parameters: tool.inputSchema };
        if (tool.description !== undefined) fn.description = tool.description;
        if (tool.strict !== undefined) fn.strict = tool.strict;
        return { type: "function", function: fn };
      });
      const choice = options.toolChoice;
      if (choice !== undefined) body.tool_choice = typeof choice === "string" ? choice : { type: "function", function: { name: choice.toolName } };
      if (providerOptions.parallelToolCalls !== undefined) body.parallel_tool_calls = providerOptions.parallelToolCalls;
    }
    if (providerOptions.user !== undefined) body.user = providerOptions.user;
    if (providerOptions.reasoningEffort !== undefined) body.reasoning_effort = providerOptions.reasoningEffort;
    if (providerOptions.logitBias !== undefined) body.logit_bias = providerOptions.logitBias;
    if (providerOptions.serviceTier !== undefined) body.service_tier = providerOptions.serviceTier;
    if (providerOptions.store !== undefined) body.store = providerOptions.store;
    if (providerOptions.metadata !== undefined) body.metadata = providerOptions.metadata;
    return { body, warnings };
  }

  async doGenerate(options: ChatCallOptions): Promise<ChatResult> {
    const { body, warnings } = this.requestBody(options);
    const response = await this.config.http.postJson({
      path: this.config.chatPath,
      model: this.modelId,
      body,
      headers: options.headers,
      abortSignal: options.abortSignal,
      successfulResponseHandler: chatResponseHandler,
      failedResponseHandler: this.config.failedResponseHandler,
    });
    const { value: reply, raw } = response.value;
    const choice = reply.choices[0]!;
    const toolCalls = (choice.message.tool_calls ?? []).map(fromFunctionToolCall);
    const content = splitContent(choice.message.content);
    const reasoning = choice.message.reasoning_content ?? choice.message.reasoning ?? content.reasoning;
    if (choice.message.refusal) warnings.push({ type: "other", message: `The model refused: ${choice.message.refusal}` });
    return {
      text: content.text,
      ...(reasoning ? { reasoning } : {}),
      toolCalls,
      finishReason: mapOpenAIFinishReason(choice.finish_reason),
      usage: mapOpenAIUsage(reply.usage),
      raw,
      response: { requestId: response.requestId, id: reply.id ?? undefined, modelId: reply.model ?? undefined },
      warnings,
    };
  }

  async doStream(options: ChatCallOptions): Promise<ChatStreamResult> {
    const { body, warnings } = this.requestBody(options);
    body.stream = true;
    if (this.config.streamUsage) body.stream_options = { include_usage: true };
    const response = await this.config.http.postStream({
      path: this.config.chatPath,
      model: this.modelId,
      body,
      headers: options.headers,
      abortSignal: options.abortSignal,
      failedResponseHandler: this.config.failedResponseHandler,
    });
    const { context } = response;
    const provider = this.provider;
    async function* events(): AsyncGenerator<ChatStreamEvent> {
      const toolCalls = new StreamedToolCalls(provider);
      let finishReason: FinishReason = "unknown";
      let usage: Usage = createUsage();
      let metadataSent = false;
      let lastData: string | undefined;
      for await (const event of parseSse(response.body)) {
        lastData = event.data;
        if (event.data === "[DONE]") {
          yield* toolCalls.completeAll();
          yield { type: "finish", finishReason, usage };
          return;
        }
        const chunk = parseJsonChunk(event.data, openaiChatChunkSchema, context);
        if (chunk.error) {
          throw streamEventError(context, { provider, detail: chunk.error.message, data: event.data, isRetryable: true });
        }
        if (!metadataSent && (chunk.id || chunk.model)) {
          metadataSent = true;
          yield { type: "response-metadata", response: { requestId: context.requestId, id: chunk.id ?? undefined, modelId: chunk.model ?? undefined } };
        }
        const chunkUsage = chunk.usage ?? chunk.x_groq?.usage;
        if (chunkUsage) usage = mapOpenAIUsage(chunkUsage);
        const choice = chunk.choices?.[0];
        if (!choice) continue;
        if (choice.finish_reason) finishReason = mapOpenAIFinishReason(choice.finish_reason);
        const delta = choice.delta;
        if (!delta) continue;
        const content = splitContent(delta.content);
        const reasoning = delta.reasoning_content ?? delta.reasoning ?? content.reasoning;
        if (reasoning) yield { type: "reasoning-delta", delta: reasoning };
        if (content.text) yield { type: "text-delta", delta: content.text };
        for (const [position, part] of (delta.tool_calls ?? []).entries()) {
          const piece = { id: part.id, name: part.function?.name, arguments: part.function?.arguments };
          const callDelta = toolCalls.add(toolCallKey(part.index, part.id, position), piece, (message) => {
            return new ProviderResponseError(message, { provider, model: context.model, status: context.status, requestId: context.requestId, body: context.redact(event.data) });
          });
          if (callDelta) yield callDelta;
        }
      }
      throw streamEndedEarlyError(context, lastData);
    }
    return { stream: events(), response: { requestId: response.requestId }, warnings };
  }

  private providerOptions(options: ChatCallOptions): OpenAIProviderOptions {
    return parseProviderOptions(options.providerOptions, this.optionsKeys, openaiProviderOptionsSchema);
  }
}

/** The system instruction of JSON mode: ask for JSON, and describe the schema when there is one. */
function jsonInstruction(schema: JSONSchema | undefined, description: string | undefined): string {
  const about = description ? ` ${description}` : "";
  return schema === undefined
    ? `Answer with one JSON object only, no other text.${about}`
    : `Answer with one JSON object only, no other text, that matches this JSON Schema:${about}\n${JSON.stringify(schema)}`;
}
