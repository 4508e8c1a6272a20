// The fake provider: a ProviderFactory like any driver's, whose models answer from a FakeScript in process.
import { buildAssistantMessage } from "../providers/shared/assistant-message.js";
import { createUsage } from "../providers/shared/usage.js";
import type { ChatCallOptions, ChatModel, ChatResult, ChatStreamEvent, ChatStreamResult } from "../spec/chat-model.js";
import type { EmbedCallOptions, EmbedResult, EmbeddingModel } from "../spec/embedding-model.js";
import type { ProviderContext, ProviderDriver, ProviderFactory } from "../spec/provider.js";
import type { Usage } from "../spec/shared-types.js";
import { fakeEmbedding } from "./fake-embedding.js";
import { textOf, type FakeChatCall, type FakeEmbedCall, type FakeReplyParts, type FakeScript } from "./fake-script.js";

/** A provider factory whose chat and embedding models answer from `script`. */
export function createFakeProvider(script: FakeScript): ProviderFactory<Record<string, unknown>> {
  return (_settings: Record<string, unknown>, context: ProviderContext): ProviderDriver => ({
    name: context.name,
    chatModel: (modelId) => new FakeChatModel(script, context.name, modelId),
    embeddingModel: (modelId) => new FakeEmbeddingModel(script, context.name, modelId),
  });
}

class FakeChatModel implements ChatModel {
  readonly capabilities = { streaming: true, tools: true, structuredOutput: "json-schema", imageInput: true } as const;

  constructor(
    private readonly script: FakeScript,
    readonly provider: string,
    readonly modelId: string,
  ) {}

  async doGenerate(options: ChatCallOptions): Promise<ChatResult> {
    const { parts, call } = await this.answer("chat", options);
    const text = textOfReply(parts);
    const toolCalls = this.script.toolCallsOf(parts);
    const usage = usageOf(parts, call, text);
    const result: ChatResult = {
      text,
      toolCalls,
      finishReason: parts.finishReason ?? (toolCalls.length > 0 ? "tool-calls" : "stop"),
      usage,
      raw: { fake: true, text, toolCalls },
      response: { id: `fake-${this.script.recorded.length}`, modelId: this.modelId },
      warnings: [],
      message: buildAssistantMessage({ text, toolCalls }),
    };
    if (parts.reasoning !== undefined) result.reasoning = parts.reasoning;
    return result;
  }

  async doStream(options: ChatCallOptions): Promise<ChatStreamResult> {
    const { parts, call } = await this.answer("stream", options);
    const text = textOfReply(parts);
    const toolCalls = this.script.toolCallsOf(parts);
    const usage = usageOf(parts, call, text);
    const chunks = parts.chunks ?? (text.match(/\s*\S+/g) ?? (text === "" ? [] : [text]));
    const finishReason = parts.finishReason ?? (toolCalls.length > 0 ? "tool-calls" : "stop");
    const response = { id: `fake-${this.script.recorded.length}`, modelId: this.modelId };
    async function* events(): AsyncGenerator<ChatStreamEvent> {
      yield { type: "response-metadata", response };
      if (parts.reasoning !== undefined) yield { type: "reasoning-delta", delta: parts.reasoning };
      for (const chunk of chunks) yield { type: "text-delta", delta: chunk };
      for (const toolCall of toolCalls) {
        yield { type: "tool-call-delta", toolCallId: toolCall.toolCallId, toolName: toolCall.toolName, inputDelta: JSON.stringify(toolCall.input) };
        yield { type: "tool-call", ...toolCall };
      }
      yield { type: "finish", finishReason, usage, message: buildAssistantMessage({ text, toolCalls }) };
    }
    return { stream: events(), response, warnings: [] };
  }

  /** Records the call, throws an injected fault, or returns the scripted reply. */
  private async answer(kind: "chat" | "stream", options: ChatCallOptions): Promise<{ parts: FakeReplyParts; call: FakeChatCall }> {
    options.abortSignal?.throwIfAborted();
    const lastUser = [...options.messages].reverse().find((message) => message.role === "user");
    const call: FakeChatCall = {
      kind,
      model: `${this.provider}:${this.modelId}`,
      provider: this.provider,
      modelId: this.modelId,
      messages: options.messages,
      prompt: textOf(lastUser),
      system: options.messages
        .filter((message) => message.role === "system")
        .map((message) => textOf(message))
        .join("\n\n"),
      tools: options.tools ?? [],
      toolChoice: options.toolChoice,
      responseFormat: options.responseFormat,
      temperature: options.temperature,
      maxOutputTokens: options.maxOutputTokens,
    };
    this.script.recorded.push(call);
    const error = this.script.takeFault(kind, this.provider, this.modelId);
    if (error) {
      call.error = error;
      throw error;
    }
    return { parts: await this.script.replyFor(call, options), call };
  }
}

class FakeEmbeddingModel implements EmbeddingModel {
  readonly maxEmbeddingsPerCall = 2_048;
  readonly supportsParallelCalls = true;

  constructor(
    private readonly script: FakeScript,
    readonly provider: string,
    readonly modelId: string,
  ) {}

  async doEmbed(options: EmbedCallOptions): Promise<EmbedResult> {
    options.abortSignal?.throwIfAborted();
    const model = `${this.provider}:${this.modelId}`;
    const recorded: FakeEmbedCall = {
      kind: "embed",
      model,
      provider: this.provider,
      modelId: this.modelId,
      values: [...options.values],
      dimensions: options.dimensions,
      inputType: options.inputType,
    };
    this.script.recorded.push(recorded);
    const error = this.script.takeFault("embed", this.provider, this.modelId);
    if (error) {
      recorded.error = error;
      throw error;
    }
    const dimensions = options.dimensions ?? this.script.nativeDimensions(model) ?? this.script.defaultDimensions;
    const embeddings = this.script.recordings ? await this.script.recordings.embed(recorded) : options.values.map((value) => fakeEmbedding(value, dimensions));
    let inputTokens = 0;
    for (const value of options.values) inputTokens += Math.ceil(value.length / 4);
    return { embeddings, usage: { inputTokens }, raw: { fake: true, count: embeddings.length }, response: { modelId: this.modelId } };
  }
}

/** The text of a reply: `text`, or `object` as JSON. */
function textOfReply(parts: FakeReplyParts): string {
  if (parts.text !== undefined) return parts.text;
  if (parts.object !== undefined) return JSON.stringify(parts.object);
  return "";
}

/** Usage as scripted, else estimated from the prompt and the reply (4 characters a token). */
function usageOf(parts: FakeReplyParts, call: FakeChatCall, text: string): Usage {
  let inputCharacters = 0;
  for (const message of call.messages) inputCharacters += message.role === "tool" ? JSON.stringify(message.result ?? "").length : textOf(message).length;
  return createUsage({ inputTokens: Math.ceil(inputCharacters / 4), outputTokens: Math.ceil(text.length / 4), ...parts.usage });
}
