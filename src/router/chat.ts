// ai.chat and ai.stream: capability checks, the caller's options converted to the driver's, and one call through
// the cache, the budget, the rate limits and the ledger (`sendChat`, also used by generateObject).
import { assistantMessage } from "./assistant-message.js";
import type { AssistantMessage, ChatCallOptions, ChatModel, ChatResult, ChatStreamEvent } from "../spec/chat-model.js";
import { ConfigError, UnsupportedCapabilityError } from "../spec/errors/index.js";
import type { Capability } from "../spec/provider.js";
import type { Usage } from "../spec/shared-types.js";
import { pickModel } from "./default-models.js";
import { estimateChatTokens } from "./rate-limiter.js";
import { ResponseCache } from "./response-cache.js";
import type { ChatOptions, ChatResponse } from "./router-types.js";
import { withChatFallbacks, type RouterContext } from "./routing.js";
import { StreamedReply } from "./streamed-reply.js";
import { toChatTools } from "./tools.js";

/** `ai.chat`. */
export async function chat(context: RouterContext, options: ChatOptions): Promise<ChatResponse> {
  const reference = options.model ?? pickModel(context.routing.defaults, "chat", undefined, "ai.chat");
  if (!context.routing.hasFallbacks(reference)) {
    // The common case, without the fallback loop's closures and async frames.
    const model = context.registry.chatModel(reference);
    const { result, cached, costUsd } = await sendChat(context, model, chatCallOptions(model, options));
    return withRouting(result, { cached, costUsd, provider: model.provider, model: model.modelId, failedAttempts: [] });
  }
  const { result, model, failedAttempts } = await withChatFallbacks(context, reference, options.abortSignal, (model) =>
    sendChat(context, model, chatCallOptions(model, options)),
  );
  return withRouting(result.result, { cached: result.cached, costUsd: result.costUsd, provider: model.provider, model: model.modelId, failedAttempts });
}

/** `ai.stream`. */
export function stream(context: RouterContext, options: ChatOptions): AsyncIterable<ChatStreamEvent> {
  const { routing } = context;
  const reference = options.model ?? pickModel(routing.defaults, "chat", undefined, "ai.stream");
  const open = async (model: ChatModel, callOptions = streamCallOptions(model, options)) => {
    const admitted = routing.admit(model, estimateChatTokens, callOptions, options.abortSignal);
    const lease = admitted === undefined ? undefined : await admitted;
    try {
      return { stream: (await model.doStream(callOptions)).stream, lease };
    } catch (error) {
      lease?.release();
      throw error;
    }
  };
  let first: ChatModel | undefined;
  let firstCallOptions: ChatCallOptions | undefined;
  if (!routing.hasFallbacks(reference)) {
    // Unknown providers and missing capabilities throw now, synchronously; the options built are the ones sent.
    first = context.registry.chatModel(reference);
    firstCallOptions = streamCallOptions(first, options);
  }
  const ledger = routing.ledger;
  const openWithFallbacks = () => withChatFallbacks(context, reference, options.abortSignal, open);
  return (async function* () {
    const { result, model } = first ? { result: await open(first, firstCallOptions), model: first } : await openWithFallbacks();
    let usage: Usage | undefined;
    const reply = new StreamedReply();
    try {
      for await (const event of result.stream) {
        if (event.type === "finish") {
          usage = event.usage;
          // Every stream ends with the reply as an assistant message, whichever driver sent it.
          yield event.message ? event : { ...event, message: reply.message() };
          continue;
        }
        reply.add(event);
        yield event;
      }
    } finally {
      result.lease?.release(usage?.totalTokens);
      if (usage !== undefined) ledger.record(model.provider, model.modelId, usage);
    }
  })();
}

/**
 * One non-streaming chat call through the cache, the budget, the rate limits and the ledger. `accept` may
 * throw to reject the result; a rejected result is not cached. The result is returned beside the routing
 * fields, not spread into a copy: the caller builds the response object once.
 */
export async function sendChat(
  context: RouterContext,
  model: ChatModel,
  callOptions: ChatCallOptions,
  accept?: (result: ChatResult) => void,
): Promise<{ result: ChatResult; cached: boolean; costUsd: number | undefined }> {
  const { routing } = context;
  const cache = routing.cache;
  const key = cache !== undefined && ResponseCache.isCacheableChat(callOptions) ? cache.chatKey(model.provider, model.modelId, callOptions) : undefined;
  if (key !== undefined) {
    const hit = cache!.getChat(key);
    if (hit !== undefined) {
      accept?.(hit);
      routing.ledger.recordCacheHits(model.provider, model.modelId);
      return { result: hit, cached: true, costUsd: 0 };
    }
  }
  const admitted = routing.admit(model, estimateChatTokens, callOptions, callOptions.abortSignal);
  const lease = admitted === undefined ? undefined : await admitted;
  let result: ChatResult;
  try {
    result = await model.doGenerate(callOptions);
  } catch (error) {
    lease?.release();
    throw error;
  }
  const costUsd = routing.settle(model, lease, result.usage.totalTokens, result.usage);
  accept?.(result);
  if (key !== undefined) cache!.setChat(key, result);
  return { result, cached: false, costUsd };
}

/** Checks capabilities and converts the caller's options to what the driver receives. */
export function chatCallOptions(model: ChatModel, options: Omit<ChatOptions, "model">): ChatCallOptions {
  if (!Array.isArray(options.messages) || options.messages.length === 0) {
    throw new ConfigError("A chat call needs `messages`: a non-empty array like [{ role: \"user\", content: \"Hi\" }].");
  }
  const { model: _model, tools, ...rest } = options as ChatOptions;
  const callOptions: ChatCallOptions = rest;
  if (tools !== undefined && tools.length > 0) {
    if (!model.capabilities.tools) throw unsupported(model, "tools");
    callOptions.tools = toChatTools(tools);
  }
  if (options.responseFormat?.type === "json" && model.capabilities.structuredOutput === "none") throw unsupported(model, "structured-output");
  if (!model.capabilities.imageInput) {
    for (const message of options.messages) {
      if (message.role === "user" && Array.isArray(message.content) && message.content.some((part) => part.type === "image")) throw unsupported(model, "image-input");
    }
  }
  return callOptions;
}

/** {@link chatCallOptions} for a stream: the model must be able to stream. */
function streamCallOptions(model: ChatModel, options: ChatOptions): ChatCallOptions {
  if (!model.capabilities.streaming) throw unsupported(model, "streaming");
  return chatCallOptions(model, options);
}

/**
 * `{ ...result, ...routing }`, built with `Object.assign`: Node 20's V8 copies a driver's fresh result object on
 * a slow path when it is spread (about 4 µs a call and a new hidden class each time; see the
 * driver-overhead-chat bench), `Object.assign` in about 0.2 µs.
 */
export function withRouting<Routing extends object>(result: ChatResult, routing: Routing): ChatResult & Routing & { message: AssistantMessage } {
  return Object.assign({}, result, routing, { message: assistantMessage(result) });
}

/** The error for a capability `model` lacks. */
function unsupported(model: ChatModel, capability: Capability): UnsupportedCapabilityError {
  return new UnsupportedCapabilityError({ provider: model.provider, model: model.modelId, capability });
}
