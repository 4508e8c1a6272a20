// An AI SDK language model (specification v3, or v2 of AI SDK 5) as our ChatModel: our messages, tools and
// response format mapped to its call options, its content, usage and stream parts mapped back.
import type {
  LanguageModelV2,
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3FilePart,
  LanguageModelV3Message,
  LanguageModelV3Prompt,
  LanguageModelV3StreamPart,
  LanguageModelV3TextPart,
  LanguageModelV3ToolResultOutput,
} from "@ai-sdk/provider";
import { buildAssistantMessage } from "../providers/shared/assistant-message.js";
import { createUsage } from "../providers/shared/usage.js";
import type { CallWarning, ChatCallOptions, ChatModel, ChatResult, ChatStreamEvent, ChatStreamResult, ImagePart, Message, ToolCall } from "../spec/chat-model.js";
import { ProviderResponseError } from "../spec/errors/index.js";
import type { FinishReason, ResponseInfo, Usage } from "../spec/shared-types.js";
import { toAIError } from "./ai-sdk-error.js";

/** An AI SDK language model: what `openai("gpt-4o")`, `anthropic(...)`... return (v3 in AI SDK 6, v2 in AI SDK 5). */
export type AISDKLanguageModel = LanguageModelV3 | LanguageModelV2;

/** Our chat model over an AI SDK language model. `provider` is the name it is registered under. */
export class ChatModelFromAISDK implements ChatModel {
  readonly capabilities = { streaming: true, tools: true, structuredOutput: "json-schema", imageInput: true } as const;
  readonly modelId: string;

  constructor(
    private readonly model: AISDKLanguageModel,
    readonly provider: string,
  ) {
    this.modelId = model.modelId;
  }

  async doGenerate(options: ChatCallOptions): Promise<ChatResult> {
    let result: Awaited<ReturnType<LanguageModelV3["doGenerate"]>>;
    try {
      result = await (this.model as LanguageModelV3).doGenerate(toCallOptions(options));
    } catch (error) {
      throw toAIError(error, this.provider, this.modelId, options.abortSignal);
    }
    const content = result.content as LanguageModelV3Content[];
    const text = content.map((part) => (part.type === "text" ? part.text : "")).join("");
    const reasoningParts = content.filter((part) => part.type === "reasoning");
    const toolCalls = content.filter((part) => part.type === "tool-call").map((part) => this.toolCall(part.toolCallId, part.toolName, part.input));
    const chat: ChatResult = {
      text,
      toolCalls,
      finishReason: toFinishReason(result.finishReason),
      usage: toUsage(result.usage),
      raw: result.response?.body,
      response: toResponseInfo(result.response),
      warnings: toWarnings(result.warnings),
      message: buildAssistantMessage({ text, toolCalls }),
    };
    if (reasoningParts.length > 0) chat.reasoning = reasoningParts.map((part) => part.text).join("");
    return chat;
  }

  async doStream(options: ChatCallOptions): Promise<ChatStreamResult> {
    let started: Awaited<ReturnType<LanguageModelV3["doStream"]>>;
    try {
      started = await (this.model as LanguageModelV3).doStream(toCallOptions(options));
    } catch (error) {
      throw toAIError(error, this.provider, this.modelId, options.abortSignal);
    }
    const stream = started.stream as ReadableStream<LanguageModelV3StreamPart>;
    const events = this.events(stream, options.abortSignal);
    return { stream: events, response: {}, warnings: [] };
  }

  private async *events(stream: ReadableStream<LanguageModelV3StreamPart>, signal: AbortSignal | undefined): AsyncGenerator<ChatStreamEvent> {
    const reader = stream.getReader();
    const toolNames = new Map<string, string>();
    const text: string[] = [];
    const toolCalls: ToolCall[] = [];
    let finished = false;
    try {
      for (;;) {
        let next: Awaited<ReturnType<typeof reader.read>>;
        try {
          next = await reader.read();
        } catch (error) {
          throw toAIError(error, this.provider, this.modelId, signal);
        }
        if (next.done) break;
        const part = next.value;
        switch (part.type) {
          case "response-metadata":
            yield { type: "response-metadata", response: toResponseInfo(part) };
            break;
          case "text-delta":
            if (part.delta === "") break;
            text.push(part.delta);
            yield { type: "text-delta", delta: part.delta };
            break;
          case "reasoning-delta":
            if (part.delta === "") break;
            yield { type: "reasoning-delta", delta: part.delta };
            break;
          case "tool-input-start":
            toolNames.set(part.id, part.toolName);
            break;
          case "tool-input-delta":
            yield { type: "tool-call-delta", toolCallId: part.id, toolName: toolNames.get(part.id) ?? "", inputDelta: part.delta };
            break;
          case "tool-call": {
            const call = this.toolCall(part.toolCallId, part.toolName, part.input);
            toolCalls.push(call);
            yield { type: "tool-call", ...call };
            break;
          }
          case "error":
            throw toAIError(part.error, this.provider, this.modelId, signal);
          case "finish":
            finished = true;
            yield {
              type: "finish",
              finishReason: toFinishReason(part.finishReason),
              usage: toUsage(part.usage),
              message: buildAssistantMessage({ text: text.join(""), toolCalls }),
            };
            break;
          default:
            break;
        }
      }
    } finally {
      reader.releaseLock();
    }
    if (!finished) {
      throw new ProviderResponseError(`${this.provider}:${this.modelId} (AI SDK model) ended its stream without a finish part; retry.`, {
        provider: this.provider,
        model: this.modelId,
        isRetryable: true,
      });
    }
  }

  /** A tool call with its JSON input parsed (the raw string kept when it is not JSON). */
  private toolCall(toolCallId: string, toolName: string, input: unknown): ToolCall {
    let parsed: unknown = input;
    if (typeof input === "string") {
      try {
        parsed = input === "" ? {} : JSON.parse(input);
      } catch {
        parsed = input;
      }
    }
    return { toolCallId, toolName, input: parsed };
  }
}

/** Our call options as the AI SDK's (the v2 and v3 call options have the same shape for what we send). */
function toCallOptions(options: ChatCallOptions): LanguageModelV3CallOptions {
  const call: LanguageModelV3CallOptions = { prompt: toPrompt(options.messages) };
  if (options.maxOutputTokens !== undefined) call.maxOutputTokens = options.maxOutputTokens;
  if (options.temperature !== undefined) call.temperature = options.temperature;
  if (options.topP !== undefined) call.topP = options.topP;
  if (options.topK !== undefined) call.topK = options.topK;
  if (options.stopSequences !== undefined) call.stopSequences = options.stopSequences;
  if (options.seed !== undefined) call.seed = options.seed;
  if (options.frequencyPenalty !== undefined) call.frequencyPenalty = options.frequencyPenalty;
  if (options.presencePenalty !== undefined) call.presencePenalty = options.presencePenalty;
  if (options.abortSignal !== undefined) call.abortSignal = options.abortSignal;
  if (options.headers !== undefined) call.headers = options.headers;
  if (options.providerOptions !== undefined) call.providerOptions = options.providerOptions as LanguageModelV3CallOptions["providerOptions"];
  if (options.tools !== undefined && options.tools.length > 0) {
    call.tools = options.tools.map((tool) => {
      const converted: NonNullable<LanguageModelV3CallOptions["tools"]>[number] = {
        type: "function",
        name: tool.name,
        inputSchema: tool.inputSchema as never,
      };
      if (tool.description !== undefined) converted.description = tool.description;
      if (tool.strict !== undefined) converted.strict = tool.strict;
      return converted;
    });
  }
  if (options.toolChoice !== undefined) call.toolChoice = typeof options.toolChoice === "string" ? { type: options.toolChoice } : options.toolChoice;
  const format = options.responseFormat;
  if (format?.type === "json") {
    const json: { type: "json"; schema?: never; name?: string; description?: string } = { type: "json" };
    if (format.schema !== undefined) json.schema = format.schema as never;
    if (format.name !== undefined) json.name = format.name;
    if (format.description !== undefined) json.description = format.description;
    call.responseFormat = json;
  }
  return call;
}

/** Our messages as an AI SDK prompt. */
function toPrompt(messages: Message[]): LanguageModelV3Prompt {
  return messages.map((message): LanguageModelV3Message => {
    switch (message.role) {
      case "system":
        return { role: "system", content: message.content };
      case "user":
        return {
          role: "user",
          content:
            typeof message.content === "string"
              ? [{ type: "text", text: message.content }]
              : message.content.map((part): LanguageModelV3TextPart | LanguageModelV3FilePart => (part.type === "text" ? { type: "text", text: part.text } : toFilePart(part))),
        };
      case "assistant": {
        const content: Extract<LanguageModelV3Message, { role: "assistant" }>["content"] = [];
        for (const reasoning of message.reasoning ?? []) if (reasoning.text !== "") content.push({ type: "reasoning", text: reasoning.text });
        if (message.content) content.push({ type: "text", text: message.content });
        for (const call of message.toolCalls ?? []) content.push({ type: "tool-call", toolCallId: call.toolCallId, toolName: call.toolName, input: call.input });
        return { role: "assistant", content };
      }
      case "tool":
        return { role: "tool", content: [{ type: "tool-result", toolCallId: message.toolCallId, toolName: message.toolName, output: toToolOutput(message.result, message.isError ?? false) }] };
    }
  });
}

function toToolOutput(result: unknown, isError: boolean): LanguageModelV3ToolResultOutput {
  if (typeof result === "string") return { type: isError ? "error-text" : "text", value: result };
  const value = JSON.parse(JSON.stringify(result ?? null, (_key, item: unknown) => (typeof item === "bigint" ? item.toString() : item))) as never;
  return { type: isError ? "error-json" : "json", value };
}

/** An image part as an AI SDK file part (URLs as URL objects, `data:` URLs as their base64 data). */
function toFilePart(part: ImagePart): LanguageModelV3FilePart {
  if (part.image instanceof Uint8Array) return { type: "file", data: part.image, mediaType: part.mediaType ?? "image/png" };
  const text = String(part.image);
  const dataUrl = /^data:([^;,]+);base64,(.*)$/s.exec(text);
  if (dataUrl) return { type: "file", data: dataUrl[2]!, mediaType: part.mediaType ?? dataUrl[1]! };
  return { type: "file", data: new URL(text), mediaType: part.mediaType ?? "image/*" };
}

/** v3 `{ unified, raw }` or v2's string. */
function toFinishReason(reason: unknown): FinishReason {
  const value = typeof reason === "object" && reason !== null ? (reason as { unified?: string }).unified : reason;
  switch (value) {
    case "stop":
    case "length":
    case "tool-calls":
    case "content-filter":
    case "error":
    case "other":
      return value;
    default:
      return "unknown";
  }
}

/** v3 nested token counts or v2's flat ones. */
function toUsage(usage: unknown): Usage {
  const value = (usage ?? {}) as Record<string, unknown>;
  const input = value.inputTokens;
  const output = value.outputTokens;
  if (typeof input === "object" && input !== null) {
    const nestedInput = input as { total?: number; cacheRead?: number };
    const nestedOutput = (output ?? {}) as { total?: number };
    return createUsage({ inputTokens: nestedInput.total, outputTokens: nestedOutput.total, cachedInputTokens: nestedInput.cacheRead });
  }
  return createUsage({
    inputTokens: input as number | undefined,
    outputTokens: output as number | undefined,
    cachedInputTokens: value.cachedInputTokens as number | undefined,
    totalTokens: value.totalTokens as number | undefined,
  });
}

function toResponseInfo(response: { id?: string; modelId?: string; headers?: Record<string, string | undefined> } | undefined): ResponseInfo {
  const info: ResponseInfo = {};
  if (response?.id !== undefined) info.id = response.id;
  if (response?.modelId !== undefined) info.modelId = response.modelId;
  const requestId = response?.headers?.["x-request-id"] ?? response?.headers?.["request-id"];
  if (requestId !== undefined) info.requestId = requestId;
  return info;
}

function toWarnings(warnings: ReadonlyArray<{ type: string; feature?: string; setting?: string; details?: string; message?: string }> | undefined): CallWarning[] {
  return (warnings ?? []).map((warning) => {
    const setting = warning.feature ?? warning.setting;
    const message = warning.message ?? warning.details ?? `${warning.type}${setting ? `: ${setting}` : ""}`;
    return setting !== undefined && (warning.type === "unsupported" || warning.type === "unsupported-setting")
      ? { type: "unsupported-setting", setting, message }
      : { type: "other", message };
  });
}
