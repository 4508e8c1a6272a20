// What every ready task (classify, extract, summarize, translate, generateCode) accepts and returns, and the
// helpers that turn a task's options into one chat call. Shared so that no task re-implements them.
import type { AIRouter, ChatModelReference, ChatOptions, ChatResponse } from "../router/router-types.js";
import type { ChatSettings, Message } from "../spec/chat-model.js";
import { ConfigError } from "../spec/errors/index.js";
import type { CallOptions } from "../spec/shared-types.js";

/** The part of the AI core the tasks need: tests (and custom routers) can pass a stand-in. */
export type TaskAI = Pick<AIRouter, "chat" | "generateObject">;

/** Options every task accepts: the model, the usual sampling settings and per-call options, and extra instructions. */
export interface TaskOptions extends Omit<ChatSettings, "temperature">, CallOptions {
  /**
   * `"provider:model-id"` (fallbacks, limits, cache and budget of `createAI` apply) or a model object. Default:
   * `createAI({ defaults: { tasks: { <task> } } })`, else `defaults.chat`, else `PRISMA_AI_DEFAULT_CHAT_MODEL`.
   */
  model?: ChatModelReference;
  /**
   * Sampling temperature. Default: 0, so answers are reproducible and, with `createAI({ cache })`, cacheable.
   * `null` sends none (the provider's default): reasoning models such as OpenAI o3 or gpt-5 accept only theirs.
   */
  temperature?: number | null;
  /** Extra guidance added to the task's system prompt: label definitions, tone, a glossary, what to focus on. */
  instructions?: string;
}

/**
 * What every task returns besides its answer: the metadata of the chat call behind it (`usage`, `provider`,
 * `model`, `finishReason`, `costUsd`, `cached`, `failedAttempts`, `response`, `warnings`, `raw`). The reply
 * itself (`text`, tool calls, reasoning, the reply as a message) is left out: each task returns its answer
 * under its own name.
 */
export type TaskResponse = Omit<ChatResponse, "text" | "toolCalls" | "reasoning" | "message">;

/** The task's system prompt and user message as one chat call, with the caller's settings passed through. */
export function taskChatOptions(options: TaskOptions, system: string, user: string): ChatOptions {
  const { temperature, instructions: _instructions, ...rest } = options;
  const messages: Message[] = [
    { role: "system", content: system },
    { role: "user", content: user },
  ];
  const chatOptions: ChatOptions = { ...rest, messages };
  if (temperature !== null) chatOptions.temperature = temperature ?? 0;
  return chatOptions;
}

/** The call metadata of a chat or generateObject response, without the reply itself. */
export function taskResponse(response: ChatResponse): TaskResponse {
  // generateObject's `object` is the task's answer, returned under the task's own name; `message` (the reply
  // as an assistant message, for the next turn of a conversation) has no use after a one-shot task.
  const { text: _text, toolCalls: _toolCalls, reasoning: _reasoning, message: _message, object: _object, ...rest } = response as ChatResponse & { object?: unknown };
  return rest;
}

/** Throws a `ConfigError` unless `value` is a string with something other than white space in it. */
export function requireText(task: string, name: string, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new ConfigError(`ai.${task} needs \`${name}\`: a non-empty string, got ${describe(value)}.`);
  }
  return value;
}

/** Throws a `ConfigError` unless `value` is undefined or a non-empty string. */
export function optionalText(task: string, name: string, value: unknown): string | undefined {
  return value === undefined ? undefined : requireText(task, name, value);
}

/** A short description of a bad value for error messages (never the whole of a long text). */
export function describe(value: unknown): string {
  if (typeof value === "string") return value.trim() === "" ? "an empty string" : JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (value === null || value === undefined) return String(value);
  return Array.isArray(value) ? "an array" : typeof value;
}
