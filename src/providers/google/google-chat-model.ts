// generateContent / streamGenerateContent?alt=sse: chat, SSE streaming, function calling, responseSchema.
import type { HttpClient } from "../../http/http-client.js";
import { createJsonResponseHandler, parseJsonChunk, type ResponseContext } from "../../http/response-handlers.js";
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
import type { ProviderError } from "../../spec/errors/index.js";
import type { FinishReason, Usage } from "../../spec/shared-types.js";
import { createUsage } from "../shared/usage.js";
import { streamEndedEarlyError, streamEventError } from "../shared/stream-helpers.js";
import { wholeToolCallEvents } from "../shared/streamed-tool-calls.js";
import type { ProviderModelConfig } from "../shared/provider-settings.js";
import { googleGenerateContentReplySchema, googleGenerateContentResponseSchema, type GoogleGenerateContentResponse, type GoogleUsageMetadata } from "./google-api.js";
import { googleProviderOptionsSchema } from "./google-options.js";
import { googleFailedResponseHandler } from "./google-error.js";
import { isEmptyObjectSchema, toGoogleSchema } from "./google-schema.js";
import { toGoogleContents } from "./google-convert-messages.js";
import { GoogleReplyBuilder } from "./google-reply.js";

/** Parses a generateContent reply (one handler for every call, not a closure per call). */
const generateContentHandler = createJsonResponseHandler(googleGenerateContentReplySchema);

/** Gemini's names for the shared call settings, all fields of `generationConfig`. */
const googleSettingNames: CallSettingNames = {
  temperature: "temperature",
  topP: "topP",
  topK: "topK",
  maxOutputTokens: "maxOutputTokens",
  stopSequences: "stopSequences",
  seed: "seed",
  frequencyPenalty: "frequencyPenalty",
  presencePenalty: "presencePenalty",
};

/** Maps Gemini's `finishReason` (safety and policy stops -> `content-filter`, `MALFORMED_FUNCTION_CALL` -> `error`). */
export function mapGoogleFinishReason(reason: string | null | undefined, hasToolCalls: boolean): FinishReason {
  switch (reason) {
    case "STOP":
      return hasToolCalls ? "tool-calls" : "stop";
    case "MAX_TOKENS":
      return "length";
    case "SAFETY":
    case "RECITATION":
    case "BLOCKLIST":
    case "PROHIBITED_CONTENT":
    case "SPII":
    case "IMAGE_SAFETY":
      return "content-filter";
    case "MALFORMED_FUNCTION_CALL":
    case "UNEXPECTED_TOOL_CALL":
      return "error";
    case null:
    case undefined:
      return hasToolCalls ? "tool-calls" : "unknown";
    default:
      return "other";
  }
}

/**
 * Maps `usageMetadata` to ours: `inputTokens` = `promptTokenCount` (cached content included, reported as
 * `cachedInputTokens`), `outputTokens` = `candidatesTokenCount` + `thoughtsTokenCount` (thinking is billed as
 * output), `totalTokens` = `totalTokenCount`.
 */
export function mapGoogleUsage(usage: GoogleUsageMetadata | null | undefined): Usage {
  const candidates = usage?.candidatesTokenCount ?? undefined;
  const thoughts = usage?.thoughtsTokenCount ?? undefined;
  return createUsage({
    inputTokens: usage?.promptTokenCount ?? undefined,
    outputTokens: candidates === undefined && thoughts === undefined ? undefined : (candidates ?? 0) + (thoughts ?? 0),
    cachedInputTokens: usage?.cachedContentTokenCount ?? undefined,
    totalTokens: usage?.totalTokenCount ?? undefined,
  });
}

/** The URL path of a model: `models/<id>`, or the id as given when it already names a resource (`tunedModels/...`). */
export function googleModelPath(modelId: string): string {
  return modelId.includes("/") ? modelId : `models/${modelId}`;
}

/** A Gemini model on generateContent. */
export class GoogleChatModel implements ChatModel {
  readonly provider: string;
  readonly modelId: string;
  readonly capabilities: ChatCapabilities = { streaming: true, tools: true, structuredOutput: "json-schema", imageInput: true };
  private readonly http: HttpClient;
  private readonly optionsKeys: readonly string[];

  constructor(modelId: string, config: ProviderModelConfig) {
    this.modelId = modelId;
    this.provider = config.provider;
    this.http = config.http;
    this.optionsKeys = providerOptionsKeys(config.provider, "google");
  }

  /** The request body for `options` (exposed for tests and debugging). */
  requestBody(options: ChatCallOptions): { body: Record<string, unknown>; warnings: CallWarning[] } {
    const warnings: CallWarning[] = [];
    const providerOptions = parseProviderOptions(options.providerOptions, this.optionsKeys, googleProviderOptionsSchema);
    const { systemInstruction, contents } = toGoogleContents(options.messages);
    const generationConfig = mapCallSettings(options, googleSettingNames, { provider: this.provider, warnings });
    const format = options.responseFormat;
    if (format?.type === "json") {
      generationConfig.responseMimeType = "application/json";
      if (format.schema !== undefined) {
        const converted = providerOptions.jsonSchema ? undefined : toGoogleSchema(format.schema);
        if (converted === undefined) generationConfig.responseJsonSchema = format.schema;
        else generationConfig.responseSchema = converted;
      }
    }
    if (providerOptions.thinkingConfig) generationConfig.thinkingConfig = providerOptions.thinkingConfig;

    const body: Record<string, unknown> = { contents };
    if (systemInstruction) body.systemInstruction = systemInstruction;
    if (Object.keys(generationConfig).length) body.generationConfig = generationConfig;
    if (options.tools?.length) {
      const functionDeclarations = options.tools.map((tool) => {
        const declaration: Record<string, unknown> = { name: tool.name };
        if (tool.description !== undefined) declaration.description = tool.description;
        const converted = providerOptions.jsonSchema ? undefined : toGoogleSchema(tool.inputSchema);
        if (converted === undefined) declaration.parametersJsonSchema = tool.inputSchema;
        else if (!isEmptyObjectSchema(converted)) declaration.parameters = converted;
        return declaration;
      });
      body.tools = [{ functionDeclarations }];
      const choice = options.toolChoice;
      if (choice !== undefined) {
        body.toolConfig = {
          functionCallingConfig:
            typeof choice === "object" ? { mode: "ANY", allowedFunctionNames: [choice.toolName] } : { mode: choice === "required" ? "ANY" : choice.toUpperCase() },
        };
      }
    }
    if (providerOptions.safetySettings) body.safetySettings = providerOptions.safetySettings;
    if (providerOptions.cachedContent !== undefined) body.cachedContent = providerOptions.cachedContent;
    return { body, warnings };
  }

  async doGenerate(options: ChatCallOptions): Promise<ChatResult> {
    const { body, warnings } = this.requestBody(options);
    const response = await this.http.postJson({
      path: `/${googleModelPath(this.modelId)}:generateContent`,
      model: this.modelId,
      body,
      headers: options.headers,
      abortSignal: options.abortSignal,
      successfulResponseHandler: generateContentHandler,
      failedResponseHandler: googleFailedResponseHandler,
    });
    const reply = response.value;
    const candidate = reply.candidates?.[0];
    const builder = new GoogleReplyBuilder();
    for (const part of candidate?.content?.parts ?? []) builder.add(part);
    const blocked = !candidate && reply.promptFeedback?.blockReason;
    const reasoning = builder.reasoningText();
    return {
      text: builder.text,
      ...(reasoning === undefined ? {} : { reasoning }),
      toolCalls: builder.toolCalls,
      message: builder.message(),
      finishReason: blocked ? "content-filter" : mapGoogleFinishReason(candidate?.finishReason, builder.toolCalls.length > 0),
      usage: mapGoogleUsage(reply.usageMetadata),
      raw: reply,
      response: { requestId: response.requestId, id: reply.responseId ?? undefined, modelId: reply.modelVersion ?? undefined },
      warnings,
    };
  }

  async doStream(options: ChatCallOptions): Promise<ChatStreamResult> {
    const { body, warnings } = this.requestBody(options);
    const response = await this.http.postStream({
      path: `/${googleModelPath(this.modelId)}:streamGenerateContent?alt=sse`,
      model: this.modelId,
      body,
      headers: options.headers,
      abortSignal: options.abortSignal,
      failedResponseHandler: googleFailedResponseHandler,
    });
    const { context } = response;
    const provider = this.provider;
    async function* events(): AsyncGenerator<ChatStreamEvent> {
      let usage: GoogleUsageMetadata | null | undefined;
      let finishReason: string | undefined;
      let blocked = false;
      const builder = new GoogleReplyBuilder();
      let metadataSent = false;
      let lastData: string | undefined;
      for await (const sse of parseSse(response.body)) {
        lastData = sse.data;
        const chunk = parseJsonChunk(sse.data, googleGenerateContentResponseSchema, context);
        if (chunk.error) throw streamError(provider, context, chunk, sse.data);
        if (!metadataSent && (chunk.responseId || chunk.modelVersion)) {
          metadataSent = true;
          yield { type: "response-metadata", response: { requestId: context.requestId, id: chunk.responseId ?? undefined, modelId: chunk.modelVersion ?? undefined } };
        }
        if (chunk.usageMetadata) usage = chunk.usageMetadata;
        const candidate = chunk.candidates?.[0];
        if (!candidate && chunk.promptFeedback?.blockReason) blocked = true;
        for (const part of candidate?.content?.parts ?? []) {
          // Signatures arrive on the part they sign: a function call's own part, or (text) often an empty last part.
          const call = builder.add(part);
          if (call) {
            yield* wholeToolCallEvents(call);
          } else if (part.text) {
            yield part.thought ? { type: "reasoning-delta", delta: part.text } : { type: "text-delta", delta: part.text };
          }
        }
        if (candidate?.finishReason) finishReason = candidate.finishReason;
      }
      // Gemini sends no end marker: the stream is complete when a chunk gave the finish reason (or the prompt was blocked).
      if (finishReason === undefined && !blocked) throw streamEndedEarlyError(context, lastData);
      yield {
        type: "finish",
        finishReason: blocked ? "content-filter" : mapGoogleFinishReason(finishReason, builder.toolCalls.length > 0),
        usage: mapGoogleUsage(usage),
        message: builder.message(),
      };
    }
    return { stream: events(), response: { requestId: response.requestId }, warnings };
  }
}

function streamError(provider: string, context: ResponseContext, chunk: GoogleGenerateContentResponse, data: string): ProviderError {
  const error = chunk.error!;
  const retryable = error.code === 429 || (error.code ?? 0) >= 500 || error.status === "UNAVAILABLE" || error.status === "RESOURCE_EXHAUSTED" || error.status === "INTERNAL";
  return streamEventError(context, { provider, detail: `${error.status ?? error.code ?? "error"}: ${error.message}`, data, isRetryable: retryable });
}
