// Record/replay for fakeAI: real replies recorded once into a JSON fixture, answered from it afterwards.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { AI } from "../ai/create-ai.js";
import type { ChatCallOptions } from "../spec/chat-model.js";
import { ConfigError } from "../spec/errors/index.js";
import type { FakeChatCall, FakeEmbedCall, FakeReplyParts } from "./fake-script.js";

/** `fakeAI({ recordings })`: answer chat and embedding calls from a fixture file of real replies. */
export interface FakeRecordingOptions {
  /** The JSON fixture (commit it with your tests). */
  path: string;
  /**
   * `"replay"` (default): answer from the file; a call it does not hold fails with a `ConfigError` naming it
   * (nothing is sent anywhere). `"record"`: send each call the file does not hold to `from` and add the reply to
   * the file (written after each new recording).
   */
  mode?: "replay" | "record";
  /** The real AI core to record from (`createAI(...)` with your keys). Required with `mode: "record"`. */
  from?: Pick<AI, "chat" | "embed">;
}

interface RecordingFile {
  version: 1;
  /** Chat replies by request key. */
  chat: Record<string, { model: string; prompt: string; reply: FakeReplyParts }>;
  /** Embedding vectors by key of (model, dimensions, input type, text). */
  embeddings: Record<string, { model: string; text: string; vector: number[] }>;
}

/**
 * The recordings of one fakeAI. Scripted replies (`reply`, `replyWhen`) still come first; recordings answer
 * what the script does not. A streamed call is recorded as a plain chat call and replayed word by word.
 */
export class FakeRecordings {
  private readonly file: RecordingFile;
  private readonly mode: "replay" | "record";

  constructor(private readonly options: FakeRecordingOptions) {
    if (typeof options !== "object" || options === null || typeof options.path !== "string" || options.path === "") {
      throw new ConfigError("fakeAI `recordings` needs { path } of a JSON fixture file, e.g. { path: \"test/fixtures/ai-recordings.json\" }.");
    }
    this.mode = options.mode ?? "replay";
    if (this.mode !== "replay" && this.mode !== "record") throw new ConfigError(`fakeAI \`recordings.mode\` must be "replay" or "record", got ${JSON.stringify(options.mode)}.`);
    if (this.mode === "record" && (typeof options.from !== "object" || options.from === null || typeof options.from.chat !== "function")) {
      throw new ConfigError("fakeAI recordings in mode \"record\" need `from`: the real AI core to record from, e.g. createAI({ providers: { openai: { apiKey } } }).");
    }
    if (existsSync(options.path)) {
      const parsed = JSON.parse(readFileSync(options.path, "utf8")) as Partial<RecordingFile>;
      if (parsed.version !== 1) throw new ConfigError(`${options.path} is not a fakeAI recording file (version ${JSON.stringify(parsed.version)}); delete it and record again.`);
      this.file = { version: 1, chat: parsed.chat ?? {}, embeddings: parsed.embeddings ?? {} };
    } else if (this.mode === "replay") {
      throw new ConfigError(`fakeAI recordings: ${options.path} does not exist; record it first with recordings: { path, mode: "record", from: createAI(...) }.`);
    } else {
      this.file = { version: 1, chat: {}, embeddings: {} };
    }
  }

  /** The recorded (or, in record mode, newly recorded) reply of a chat call. */
  async chat(call: FakeChatCall, options: ChatCallOptions): Promise<FakeReplyParts> {
    const key = hash({
      model: call.model,
      messages: options.messages,
      tools: options.tools ?? [],
      toolChoice: options.toolChoice ?? null,
      responseFormat: options.responseFormat ?? null,
      settings: [options.temperature, options.maxOutputTokens, options.topP, options.topK, options.stopSequences, options.seed, options.frequencyPenalty, options.presencePenalty],
    });
    const found = this.file.chat[key];
    if (found) return found.reply;
    if (this.mode === "replay") throw this.missing(`the ${call.kind} call to ${call.model} with the prompt ${JSON.stringify(call.prompt.slice(0, 80))}`);
    const { messages, tools, toolChoice, responseFormat, abortSignal: _signal, headers: _headers, ...settings } = options;
    const chatOptions: Parameters<AI["chat"]>[0] = { ...settings, model: call.model, messages };
    if (tools !== undefined) chatOptions.tools = tools.map((tool) => ({ name: tool.name, description: tool.description, parameters: tool.inputSchema }));
    if (toolChoice !== undefined) chatOptions.toolChoice = toolChoice;
    if (responseFormat !== undefined) chatOptions.responseFormat = responseFormat;
    const response = await this.options.from!.chat(chatOptions);
    const reply: FakeReplyParts = {
      text: response.text,
      finishReason: response.finishReason,
      usage: response.usage,
    };
    if (response.toolCalls.length > 0) reply.toolCalls = response.toolCalls.map((toolCall) => ({ toolCallId: toolCall.toolCallId, toolName: toolCall.toolName, input: toolCall.input }));
    if (response.reasoning !== undefined) reply.reasoning = response.reasoning;
    this.file.chat[key] = { model: call.model, prompt: call.prompt.slice(0, 200), reply };
    this.save();
    return reply;
  }

  /** The recorded vectors of an embedding call, one per value (recording the missing ones in record mode). */
  async embed(call: FakeEmbedCall): Promise<number[][]> {
    const keys = call.values.map((text) => hash({ model: call.model, dimensions: call.dimensions ?? null, inputType: call.inputType ?? "document", text }));
    const missing = call.values.filter((_text, index) => this.file.embeddings[keys[index]!] === undefined);
    if (missing.length > 0) {
      if (this.mode === "replay") throw this.missing(`the embedding of ${JSON.stringify(missing[0]!.slice(0, 80))} with ${call.model}`);
      const embedOptions: Parameters<AI["embed"]>[0] = { model: call.model, input: missing };
      if (call.dimensions !== undefined) embedOptions.dimensions = call.dimensions;
      if (call.inputType !== undefined) embedOptions.inputType = call.inputType;
      const response = await this.options.from!.embed(embedOptions);
      missing.forEach((text, index) => {
        const key = hash({ model: call.model, dimensions: call.dimensions ?? null, inputType: call.inputType ?? "document", text });
        this.file.embeddings[key] = { model: call.model, text: text.slice(0, 200), vector: response.embeddings[index]! };
      });
      this.save();
    }
    return keys.map((key) => this.file.embeddings[key]!.vector);
  }

  private missing(what: string): ConfigError {
    return new ConfigError(`fakeAI recordings: ${this.options.path} has no recording of ${what}; record it with recordings: { path, mode: "record", from: createAI(...) }.`);
  }

  private save(): void {
    mkdirSync(dirname(this.options.path), { recursive: true });
    writeFileSync(this.options.path, `${JSON.stringify(this.file, null, 2)}\n`);
  }
}

/** sha256 of a value's JSON with object keys sorted (so key order does not change the key). */
function hash(value: unknown): string {
  return createHash("sha256").update(stableJson(value)).digest("hex").slice(0, 32);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => stableJson(item === undefined ? null : item)).join(",")}]`;
  if (value instanceof Uint8Array) return JSON.stringify(Buffer.from(value).toString("base64"));
  if (value instanceof URL) return JSON.stringify(value.href);
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}
