// The chat contract: messages, tools, structured output, results and stream events, and the ChatModel a driver implements.
import type { CallOptions, FinishReason, JSONSchema, ProviderMetadata, ResponseInfo, Usage } from "./shared-types.js";

/** Instructions for the model. Drivers put these where the provider wants them (a `system` field, a first message...). */
export interface SystemMessage {
  role: "system";
  content: string;
}

/** A text part of a user message. */
export interface TextPart {
  type: "text";
  text: string;
}

/** An image part of a user message, for models that accept images. */
export interface ImagePart {
  type: "image";
  /** An `https:` URL, a `data:` URL, or the raw bytes. */
  image: string | URL | Uint8Array;
  /** IANA media type, e.g. `image/png`. Required with raw bytes; inferred from a `data:` URL. */
  mediaType?: string;
}

/** What the user says: plain text, or parts (text and images). */
export interface UserMessage {
  role: "user";
  content: string | Array<TextPart | ImagePart>;
}

/** A tool call the model made: its id (to answer it), the tool name and the parsed JSON input. */
export interface ToolCall {
  /** Id the provider gave the call; a {@link ToolMessage} answers it by this id. */
  toolCallId: string;
  toolName: string;
  /** The arguments, parsed from JSON (or the raw string when the model produced invalid JSON). */
  input: unknown;
  /**
   * Provider state that must go back with this call on the next turn (Gemini's `thoughtSignature`, as
   * `{ google: { thoughtSignature } }`). Set by the driver; keep it when you send the call back.
   */
  providerMetadata?: ProviderMetadata;
}

/**
 * One block of the model's reasoning, as the provider returned it. Some providers need it back on the next
 * turn: Anthropic rejects a tool-use turn sent without its signed `thinking` blocks when thinking is on.
 */
export interface ReasoningPart {
  type: "reasoning";
  /** The reasoning text (a summary on some models); `""` when the provider sent it encrypted. */
  text: string;
  /**
   * What proves or holds the reasoning: Anthropic `{ anthropic: { signature } }` for a `thinking` block,
   * `{ anthropic: { redactedData } }` for a `redacted_thinking` block; Gemini `{ google: { thoughtSignature } }`.
   */
  providerMetadata?: ProviderMetadata;
}

/**
 * What the model said before: reasoning, text and/or the tool calls it made. Send back the one a result gives
 * (`result.message`, or {@link assistantMessage}) unchanged: it carries the provider state the next turn needs.
 */
export interface AssistantMessage {
  role: "assistant";
  /** The text of the reply; `""` or omitted when the turn only called tools. */
  content?: string;
  toolCalls?: ToolCall[];
  /**
   * The reasoning that came before the reply. A driver sends back the parts its provider signed (Anthropic
   * `thinking`/`redacted_thinking` blocks first in the turn, Gemini signed thought parts) and drops the others.
   */
  reasoning?: ReasoningPart[];
  /** Provider state on the reply's text (Gemini's `thoughtSignature` on a text part). Keep it as is. */
  providerMetadata?: ProviderMetadata;
}

/** The result of one tool call, sent back to the model. */
export interface ToolMessage {
  role: "tool";
  /** The {@link ToolCall.toolCallId} this answers. */
  toolCallId: string;
  /** The tool's name (Gemini and Cohere need it). */
  toolName: string;
  /** The result: a string is sent as is, anything else as JSON. */
  result: unknown;
  /** The tool failed and `result` describes the failure. Default: false. */
  isError?: boolean;
}

/** One message of a conversation. */
export type Message = SystemMessage | UserMessage | AssistantMessage | ToolMessage;

/** A tool as drivers receive it: parameters always as JSON Schema (the router converts zod schemas). */
export interface ChatTool {
  name: string;
  description?: string;
  /** JSON Schema of the tool's input object. */
  inputSchema: JSONSchema;
  /** Ask the provider to enforce the schema strictly where it can (OpenAI `strict`). Default: provider default. */
  strict?: boolean;
}

/** Which tools the model may call: any (`auto`), none, at least one (`required`), or one named tool. */
export type ToolChoice = "auto" | "none" | "required" | { type: "tool"; toolName: string };

/**
 * The reply format. `json` with a `schema` asks for structured output (OpenAI `json_schema`, Gemini
 * `responseSchema`, Ollama `format`, Anthropic a forced tool...); without a schema it asks for any JSON object.
 * Whatever the provider's mechanism, the driver returns the JSON document as the result's `text`.
 */
export type ResponseFormat =
  | { type: "text" }
  | {
      type: "json";
      /** JSON Schema the reply must follow. */
      schema?: JSONSchema;
      /** Name of the schema (OpenAI requires one; default `"response"`). */
      name?: string;
      description?: string;
    };

/** Sampling and length settings shared by the chat providers. Each is omitted from the request when undefined. */
export interface ChatSettings {
  /** Sampling temperature; 0 is (nearly) deterministic. Default: the provider's. */
  temperature?: number;
  /** Upper bound on generated tokens. Default: the provider's (Anthropic needs one: its driver defaults it). */
  maxOutputTokens?: number;
  topP?: number;
  topK?: number;
  stopSequences?: string[];
  seed?: number;
  frequencyPenalty?: number;
  presencePenalty?: number;
}

/** What a driver receives for one chat call (after the router resolved the model and converted schemas). */
export interface ChatCallOptions extends ChatSettings, CallOptions {
  messages: Message[];
  tools?: ChatTool[];
  /** Default: `auto` when tools are given. */
  toolChoice?: ToolChoice;
  /** Default: text. */
  responseFormat?: ResponseFormat;
}

/** A warning about the call that did not stop it (an unsupported setting that was dropped...). */
export interface CallWarning {
  type: "unsupported-setting" | "other";
  /** The setting concerned, when there is one. */
  setting?: string;
  message: string;
}

/** The result of a non-streaming chat call. */
export interface ChatResult {
  /** The text of the reply (`""` when the model only called tools). */
  text: string;
  /** The model's reasoning text, for providers that return it separately. */
  reasoning?: string;
  toolCalls: ToolCall[];
  /**
   * The reply as an assistant message, ready to append to `messages` for the next turn: text, tool calls,
   * reasoning parts and the provider state they need (Gemini thought signatures, Anthropic signed thinking).
   * Set by drivers whose provider returns such state (Google, Anthropic); {@link assistantMessage} gives one for
   * any result.
   */
  message?: AssistantMessage;
  finishReason: FinishReason;
  usage: Usage;
  /** The response body as the provider sent it (parsed JSON). Never contains the API key. */
  raw: unknown;
  response: ResponseInfo;
  warnings: CallWarning[];
}

/**
 * Events of a streamed chat reply, in order: any number of `text-delta`, `reasoning-delta`, `tool-call-delta`
 * and `tool-call` events (a `tool-call` follows the deltas of that call, with the complete parsed input), then
 * exactly one `finish` carrying usage and the finish reason. A stream that fails after it started (cut off,
 * malformed chunk, an error event from the provider) throws an `AIError` from the iterator instead: no
 * failure is ever silent, and there is no `finish` event without a complete reply.
 */
export type ChatStreamEvent =
  | { type: "response-metadata"; response: ResponseInfo }
  | { type: "text-delta"; delta: string }
  /** Thinking text, for providers that stream it separately. */
  | { type: "reasoning-delta"; delta: string }
  /** A piece of a tool call's JSON arguments as they arrive. */
  | { type: "tool-call-delta"; toolCallId: string; toolName: string; inputDelta: string }
  /** A complete tool call. */
  | ({ type: "tool-call" } & ToolCall)
  /**
   * The end of the reply. `message` is the whole reply as an assistant message, ready to append to
   * `messages` (see {@link ChatResult.message}); set by drivers whose provider returns state to carry.
   */
  | { type: "finish"; finishReason: FinishReason; usage: Usage; message?: AssistantMessage };

/** What `doStream` resolves to once the provider accepted the request (status 2xx, headers received). */
export interface ChatStreamResult {
  stream: AsyncIterable<ChatStreamEvent>;
  response: ResponseInfo;
  warnings: CallWarning[];
}

/** What a chat model can do; the router checks these before sending anything. */
export interface ChatCapabilities {
  /** Streaming replies (`doStream`). */
  streaming: boolean;
  /** Tool calling. */
  tools: boolean;
  /**
   * How structured output works: `json-schema` (the provider enforces a schema), `json` (JSON mode; the schema
   * is only described to the model and checked by the router), `tool` (a forced tool call), `none`.
   */
  structuredOutput: "json-schema" | "json" | "tool" | "none";
  /** Image parts in user messages. */
  imageInput: boolean;
}

/**
 * A chat model of one provider. Drivers implement it; callers use `ai.chat` / `ai.stream`, which pick the
 * model from a model string and check capabilities first. Drivers map requests and replies and throw
 * `AIError`s; they neither retry nor batch (the `http/` layer and the router do).
 */
export interface ChatModel {
  /** Provider name as registered, e.g. `openai`, or the name given to `ai.extend`. */
  readonly provider: string;
  /** The provider's model id, e.g. `gpt-4o-mini`. */
  readonly modelId: string;
  readonly capabilities: ChatCapabilities;
  /** One chat call. Rejects with an `AIError` (`ProviderError` subclasses for HTTP failures). */
  doGenerate(options: ChatCallOptions): Promise<ChatResult>;
  /**
   * Starts a streamed chat call; resolves when the provider accepted it. Failures before that (auth, rate
   * limits after retries) reject the promise; failures during the stream throw from the iterator.
   */
  doStream(options: ChatCallOptions): Promise<ChatStreamResult>;
}
