// What the fake provider answers, what it saw, and which failures it injects: the state fakeAI's drivers share.
import type { ChatCallOptions, ChatTool, Message, ResponseFormat, ToolChoice, ToolCall } from "../spec/chat-model.js";
import {
  AIError,
  AuthenticationError,
  ContextLengthError,
  ProviderError,
  RateLimitError,
  TimeoutError,
  type ProviderErrorOptions,
} from "../spec/errors/index.js";
import type { FinishReason, JSONSchema, Usage } from "../spec/shared-types.js";

/** What the script needs of recorded replies (FakeRecordings implements it; an interface here keeps the two modules acyclic). */
export interface RecordedReplies {
  chat(call: FakeChatCall, options: ChatCallOptions): Promise<FakeReplyParts>;
  embed(call: FakeEmbedCall): Promise<number[][]>;
}

/** One scripted reply: plain text, or the parts of a reply. */
export interface FakeReplyParts {
  /** The reply's text. Default: `""` when `toolCalls` or `object` are given. */
  text?: string;
  /** A structured reply: sent as its JSON text (what `generateObject`, `ai.extract` and `ai.classify` parse). */
  object?: unknown;
  /** Tool calls the model makes (`toolCallId` defaults to `call_<n>`). */
  toolCalls?: Array<{ toolName: string; input: unknown; toolCallId?: string }>;
  /** Reasoning text, returned as `reasoning` (and streamed as `reasoning-delta`). */
  reasoning?: string;
  /** Default: `tool-calls` when the reply calls tools, else `stop`. */
  finishReason?: FinishReason;
  /** Default: tokens estimated from the text (4 characters a token). */
  usage?: Partial<Usage>;
  /** How a streamed reply's text is cut into `text-delta` events. Default: by word (`["Hello", " world"]`). */
  chunks?: string[];
}

/** A scripted reply: a text, its parts, or a function of the call (which may return a promise). */
export type FakeReply = string | FakeReplyParts | ((call: FakeChatCall) => string | FakeReplyParts | Promise<string | FakeReplyParts>);

/**
 * Which chat calls a scripted reply or an assertion applies to: a substring of (or a RegExp tested on) the last
 * user message's text, or a predicate on the recorded call.
 */
export type FakeChatMatcher = string | RegExp | ((call: FakeChatCall) => boolean);

/** A recorded chat call (`ai.chat`, `ai.generateObject`, the tasks: `chat`; `ai.stream`: `stream`). */
export interface FakeChatCall {
  kind: "chat" | "stream";
  /** `"provider:model-id"` as asked for (`openai:gpt-4o-mini`). */
  model: string;
  provider: string;
  modelId: string;
  messages: Message[];
  /** The text of the last user message (text parts joined). */
  prompt: string;
  /** The system messages' text, joined by blank lines (`""` when none). */
  system: string;
  tools: ChatTool[];
  toolChoice: ToolChoice | undefined;
  responseFormat: ResponseFormat | undefined;
  temperature: number | undefined;
  maxOutputTokens: number | undefined;
  /** The failure injected into this call, when one was. */
  error?: AIError;
}

/** A recorded embedding call (one per batch the router sent). */
export interface FakeEmbedCall {
  kind: "embed";
  model: string;
  provider: string;
  modelId: string;
  values: string[];
  dimensions: number | undefined;
  inputType: "document" | "query" | undefined;
  error?: AIError;
}

export type FakeCall = FakeChatCall | FakeEmbedCall;
export type FakeCallKind = FakeCall["kind"];

/**
 * A failure to inject: the real error classes, as the HTTP layer throws them, so fallbacks, retries and the
 * worker's failure handling see what they would see from a provider. `rate-limit` (429, retryable),
 * `timeout` (retryable), `server-error` (500, retryable), `authentication` (401, not retryable),
 * `context-length` (400, not retryable), or any `AIError` of your own.
 */
export type FakeFault = "rate-limit" | "timeout" | "server-error" | "authentication" | "context-length" | AIError;

/** Which calls a fault applies to, and how often. */
export interface FakeFaultOptions {
  /** `"provider"` or `"provider:model-id"`. Default: every model. */
  model?: string;
  /** How many calls fail before the fault is used up. Default: 1 for `failNext`, unlimited for `fail` (until `recover()`). */
  times?: number;
}

interface ActiveFault {
  kinds: readonly FakeCallKind[];
  fault: FakeFault;
  model: string | undefined;
  left: number;
}

/** The shared state of one fakeAI: scripted replies, recorded calls, injected faults, embedding sizes. */
export class FakeScript {
  readonly recorded: FakeCall[] = [];
  private readonly matched: Array<{ matcher: FakeChatMatcher; reply: FakeReply }> = [];
  private readonly queued: FakeReply[] = [];
  private faults: ActiveFault[] = [];
  private toolCallCount = 0;

  constructor(
    /** Vector size when the call asks for none and the model's native size is unknown. */
    readonly defaultDimensions: number,
    /** Native vector size of a model, when known. */
    readonly nativeDimensions: (model: string) => number | undefined,
    /** Recorded replies, answering what the script does not. */
    readonly recordings?: RecordedReplies,
  ) {}

  replyWhen(matcher: FakeChatMatcher, reply: FakeReply): void {
    this.matched.push({ matcher, reply });
  }

  reply(replies: FakeReply[]): void {
    this.queued.push(...replies);
  }

  addFault(kinds: readonly FakeCallKind[], fault: FakeFault, options: FakeFaultOptions, defaultTimes: number): void {
    const times = options.times ?? defaultTimes;
    if (!(times === Infinity || (Number.isInteger(times) && times >= 1))) throw new RangeError(`fakeAI: \`times\` must be a whole number >= 1, got ${String(times)}.`);
    this.faults.push({ kinds, fault, model: options.model, left: times });
  }

  recover(): void {
    this.faults = [];
  }

  reset(): void {
    this.recorded.length = 0;
    this.matched.length = 0;
    this.queued.length = 0;
    this.faults = [];
    this.toolCallCount = 0;
  }

  /** The injected error for this call, if a fault applies (and uses one of its times up). */
  takeFault(kind: FakeCallKind, provider: string, modelId: string): AIError | undefined {
    const fault = this.faults.find((candidate) => candidate.kinds.includes(kind) && modelMatches(candidate.model, provider, modelId));
    if (!fault) return undefined;
    fault.left--;
    if (fault.left <= 0) this.faults = this.faults.filter((candidate) => candidate !== fault);
    return faultError(fault.fault, provider, modelId);
  }

  /** The reply for a chat call: the first matching `replyWhen`, else the next queued reply, else a default. */
  async replyFor(call: FakeChatCall, options: ChatCallOptions): Promise<FakeReplyParts> {
    const match = this.matched.find((candidate) => chatMatches(candidate.matcher, call));
    const scripted = match ? match.reply : this.queued.shift();
    const reply = typeof scripted === "function" ? await scripted(call) : scripted;
    if (reply === undefined) return this.recordings ? this.recordings.chat(call, options) : defaultReply(call, options);
    const parts: FakeReplyParts = typeof reply === "string" ? { text: reply } : reply;
    return parts;
  }

  nextToolCallId(): string {
    return `call_${++this.toolCallCount}`;
  }

  /** The tool calls of a reply, with ids. */
  toolCallsOf(parts: FakeReplyParts): ToolCall[] {
    return (parts.toolCalls ?? []).map((call) => ({ toolCallId: call.toolCallId ?? this.nextToolCallId(), toolName: call.toolName, input: call.input }));
  }
}

/** Whether a fault's model filter (`provider` or `provider:model-id`) covers the call. */
function modelMatches(filter: string | undefined, provider: string, modelId: string): boolean {
  return filter === undefined || filter === provider || filter === `${provider}:${modelId}`;
}

/** Whether `matcher` selects `call`. */
export function chatMatches(matcher: FakeChatMatcher, call: FakeChatCall): boolean {
  if (typeof matcher === "string") return call.prompt.includes(matcher);
  if (matcher instanceof RegExp) return matcher.test(call.prompt);
  return matcher(call);
}

/** The real error class for a fault, as the HTTP layer would build it from the provider's response. */
function faultError(fault: FakeFault, provider: string, model: string): AIError {
  if (AIError.isInstance(fault)) return fault;
  const options: ProviderErrorOptions = { provider, model, url: `fake://${provider}` };
  switch (fault) {
    case "rate-limit":
      return new RateLimitError(`${provider} rate limit reached for ${model} (429, injected by fakeAI); retry after the delay or use a fallback.`, {
        ...options,
        status: 429,
        retryAfterMs: 1_000,
      });
    case "timeout":
      return new TimeoutError(`${provider}:${model} did not answer in time (injected by fakeAI); retry, or raise timeoutMs.`, options);
    case "server-error":
      return new ProviderError(`${provider}:${model} failed with HTTP 500 (injected by fakeAI); retry later.`, { ...options, status: 500 });
    case "authentication":
      return new AuthenticationError(`${provider} rejected the API key (401, injected by fakeAI); check the key.`, { ...options, status: 401 });
    case "context-length":
      return new ContextLengthError(`${provider}:${model}: the input is longer than the context window (injected by fakeAI); shorten it.`, { ...options, status: 400 });
    default:
      throw new RangeError(`fakeAI: unknown fault ${JSON.stringify(fault)}; use "rate-limit", "timeout", "server-error", "authentication", "context-length" or an AIError.`);
  }
}

/**
 * The reply when nothing is scripted: for structured output, the simplest value the JSON Schema allows (first
 * enum value, `null` where allowed, `""`, `0`, `false`, `[]`); for text, `fake reply to: <prompt>`.
 */
function defaultReply(call: FakeChatCall, options: ChatCallOptions): FakeReplyParts {
  const format = options.responseFormat;
  if (format?.type === "json") return { object: format.schema ? sampleOf(format.schema) : {} };
  return { text: `fake reply to: ${call.prompt.slice(0, 200)}` };
}

/** The simplest value a JSON Schema accepts (enough for the schemas zod and the tasks produce). */
export function sampleOf(schema: JSONSchema): unknown {
  const node = schema as Record<string, unknown>;
  if ("const" in node) return node.const;
  if (Array.isArray(node.enum) && node.enum.length > 0) return node.enum[0];
  const variants = (node.anyOf ?? node.oneOf) as JSONSchema[] | undefined;
  if (Array.isArray(variants) && variants.length > 0) {
    const nullable = variants.find((variant) => (variant as Record<string, unknown>).type === "null");
    return nullable ? null : sampleOf(variants[0]!);
  }
  const type = Array.isArray(node.type) ? (node.type.includes("null") ? "null" : node.type[0]) : node.type;
  switch (type) {
    case "null":
      return null;
    case "string":
      return "";
    case "number":
    case "integer":
      return typeof node.minimum === "number" ? node.minimum : 0;
    case "boolean":
      return false;
    case "array": {
      const min = typeof node.minItems === "number" ? node.minItems : 0;
      return Array.from({ length: min }, () => sampleOf((node.items as JSONSchema | undefined) ?? {}));
    }
    case "object":
    default: {
      const properties = (node.properties ?? {}) as Record<string, JSONSchema>;
      return Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, sampleOf(value)]));
    }
  }
}

/** The text of a message's content (text parts joined). */
export function textOf(message: Message | undefined): string {
  if (!message || message.role === "tool") return "";
  const content = message.content;
  if (typeof content === "string") return content;
  if (content === undefined) return "";
  return content.map((part) => (part.type === "text" ? part.text : "")).join("");
}
