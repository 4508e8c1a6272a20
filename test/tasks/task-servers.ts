// Two loopback providers for the task tests: an OpenAI-compatible server (Chat Completions, `json_schema`
// structured output) and an Anthropic server (Messages API, structured output through a forced tool), behind
// one AI core. The tests assert the requests the tasks send and the results they parse.
import { afterAll, beforeEach } from "vitest";
import { createAI, type AI } from "../../src/ai/create-ai.js";
import { message } from "../providers/anthropic/anthropic-fixtures.js";
import { completionReply } from "../router/openai-wire.js";
import { startLoopbackServer, type LoopbackReply, type LoopbackServer, type RecordedRequest } from "../support/loopback-server.js";

/** The parts of a Chat Completions request body the task tests look at. */
export interface ChatCompletionsBody {
  model: string;
  messages: Array<{ role: string; content: string }>;
  temperature?: number;
  max_tokens?: number;
  seed?: number;
  response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: Record<string, unknown> } };
}

/** The parts of a Messages request body the task tests look at. */
export interface MessagesBody {
  model: string;
  system?: string | Array<{ type: string; text: string }>;
  messages: Array<{ role: string; content: string | Array<{ type: string; text?: string }> }>;
  temperature?: number;
  tools?: Array<{ name: string; input_schema: Record<string, unknown> }>;
  tool_choice?: { type: string; name?: string };
}

export interface TaskServers {
  /** Answers the `compat:` provider (OpenAI-compatible). */
  openai: LoopbackServer;
  /** Answers the `anthropic:` provider. */
  anthropic: LoopbackServer;
  /** A fresh AI core for each test (so the cache and ledger start empty). */
  ai(): AI;
}

/** Starts both servers for the current test file, resets them before each test and closes them after all. */
export async function useTaskServers(): Promise<TaskServers> {
  const openai = await startLoopbackServer();
  const anthropic = await startLoopbackServer();
  afterAll(async () => {
    await openai.close();
    await anthropic.close();
  });
  beforeEach(() => {
    openai.reset();
    anthropic.reset();
  });
  return {
    openai,
    anthropic,
    ai: () =>
      createAI({
        providers: {
          compat: { driver: "openai-compatible", baseURL: openai.url("/v1"), apiKey: "sk-task-test-0001", maxRetries: 0 },
          anthropic: { apiKey: "sk-ant-api03-tasktestkey0123456789", baseURL: anthropic.url("/v1"), maxRetries: 0 },
        },
      }),
  };
}

export const openaiModel = "compat:gpt-4o-mini";
export const anthropicModel = "anthropic:claude-haiku-4-5";

/** A Chat Completions reply whose message content is `text` (a JSON document for structured output). */
export function chatReply(text: string): LoopbackReply {
  return completionReply(text, "gpt-4o-mini", { prompt: 42, completion: 7 });
}

/** A Chat Completions reply whose content is `value` as JSON. */
export function jsonReply(value: unknown): LoopbackReply {
  return chatReply(JSON.stringify(value));
}

/** A Messages reply calling the structured-output tool `name` with `input`. */
export function anthropicToolReply(name: string, input: unknown): LoopbackReply {
  return { json: message([{ type: "tool_use", id: "toolu_task_1", name, input }], "tool_use") };
}

/** A Messages reply with one text block. */
export function anthropicTextReply(text: string): LoopbackReply {
  return { json: message([{ type: "text", text }]) };
}

export function chatBody(request: RecordedRequest | undefined): ChatCompletionsBody {
  if (request === undefined) throw new Error("no request was sent");
  return request.body as ChatCompletionsBody;
}

export function messagesBody(request: RecordedRequest | undefined): MessagesBody {
  if (request === undefined) throw new Error("no request was sent");
  return request.body as MessagesBody;
}

/** The system prompt of a Messages request, as one string. */
export function anthropicSystem(body: MessagesBody): string {
  return typeof body.system === "string" ? body.system : (body.system ?? []).map((block) => block.text).join("\n");
}

/** The text of the last user message of a Messages request. */
export function anthropicUserText(body: MessagesBody): string {
  const content = body.messages.at(-1)?.content ?? "";
  return typeof content === "string" ? content : content.map((block) => block.text ?? "").join("");
}
