// Default models: which model a call without `model` uses (createAI({ defaults }), then environment variables).
import type { ChatModel } from "../spec/chat-model.js";
import type { EmbeddingModel } from "../spec/embedding-model.js";
import { ConfigError } from "../spec/errors/index.js";

/** The ready tasks that can have a default model of their own. */
export type TaskName = "classify" | "extract" | "summarize" | "translate" | "generateCode";

/** `createAI({ defaults })`: the models calls without `model` use. */
export interface DefaultModels {
  /**
   * Chat model of `ai.chat`, `ai.stream`, `ai.generateObject` and the tasks without `model`:
   * `"provider:model-id"` or a model object. Default: the `PRISMA_AI_DEFAULT_CHAT_MODEL` environment variable.
   */
  chat?: string | ChatModel;
  /**
   * Embedding model of `ai.embed` without `model`. Default: the `PRISMA_AI_DEFAULT_EMBEDDING_MODEL` environment
   * variable. (Annotated fields always carry their model in the generated metadata; see the generator's
   * `embeddingModel`.)
   */
  embedding?: string | EmbeddingModel;
  /** Per-task chat models, used before `chat`: `{ classify: "openai:gpt-4o-mini", summarize: "anthropic:claude-haiku-4-5" }`. Default: none. */
  tasks?: Partial<Record<TaskName, string | ChatModel>>;
}

/** The environment variables read when `defaults` leaves a model out (read once, by `createAI`). */
export const defaultModelEnvironmentVariables = {
  chat: "PRISMA_AI_DEFAULT_CHAT_MODEL",
  embedding: "PRISMA_AI_DEFAULT_EMBEDDING_MODEL",
} as const;

const taskNames: readonly TaskName[] = ["classify", "extract", "summarize", "translate", "generateCode"];

/**
 * `defaults` checked, with the environment variables filled in where it leaves a model out (explicit options
 * win). Throws `ConfigError` for a value that is neither a model string nor a model object, or an unknown task.
 */
export function resolveDefaultModels(defaults: DefaultModels | undefined, environment: Record<string, string | undefined> = process.env): DefaultModels {
  if (defaults !== undefined && (typeof defaults !== "object" || defaults === null)) {
    throw new ConfigError("createAI `defaults` must be an object like { chat: \"openai:gpt-4o-mini\", embedding: \"openai:text-embedding-3-small\" }.");
  }
  const check = (value: unknown, where: string) => {
    if (value === undefined || (typeof value === "string" && value.includes(":")) || (typeof value === "object" && value !== null && "modelId" in value)) return;
    throw new ConfigError(`createAI \`${where}\` must be a model string "provider:model-id" or a model object, got ${JSON.stringify(value)}.`);
  };
  const fromEnvironment = (name: string) => {
    const value = environment[name]?.trim();
    if (!value) return undefined;
    if (!value.includes(":")) throw new ConfigError(`The environment variable ${name} must be a model string "provider:model-id", got ${JSON.stringify(value)}.`);
    return value;
  };
  check(defaults?.chat, "defaults.chat");
  check(defaults?.embedding, "defaults.embedding");
  const tasks = defaults?.tasks ?? {};
  if (typeof tasks !== "object" || tasks === null) throw new ConfigError("createAI `defaults.tasks` must be an object from task name to model.");
  for (const [task, model] of Object.entries(tasks)) {
    if (!taskNames.includes(task as TaskName)) throw new ConfigError(`createAI \`defaults.tasks\` has an unknown task ${JSON.stringify(task)}; tasks: ${taskNames.join(", ")}.`);
    check(model, `defaults.tasks.${task}`);
  }
  const resolved: DefaultModels = { tasks: { ...tasks } };
  const chat = defaults?.chat ?? fromEnvironment(defaultModelEnvironmentVariables.chat);
  const embedding = defaults?.embedding ?? fromEnvironment(defaultModelEnvironmentVariables.embedding);
  if (chat !== undefined) resolved.chat = chat;
  if (embedding !== undefined) resolved.embedding = embedding;
  return resolved;
}

/**
 * The model a call uses: `explicit` when given, else the task's default (for a task), else the default of its
 * kind; a `ConfigError` saying how to set one when there is none. `caller` names the call (`ai.chat`, `classify`).
 */
export function pickModel(defaults: DefaultModels, kind: "embedding", explicit: string | EmbeddingModel | undefined, caller: string): string | EmbeddingModel;
export function pickModel(defaults: DefaultModels, kind: "chat", explicit: string | ChatModel | undefined, caller: string, task?: TaskName): string | ChatModel;
export function pickModel(
  defaults: DefaultModels,
  kind: "chat" | "embedding",
  explicit: string | ChatModel | EmbeddingModel | undefined,
  caller: string,
  task?: TaskName,
): string | ChatModel | EmbeddingModel {
  if (explicit !== undefined) return explicit;
  const chosen = kind === "embedding" ? defaults.embedding : ((task === undefined ? undefined : defaults.tasks?.[task]) ?? defaults.chat);
  if (chosen !== undefined) return chosen;
  const example = kind === "embedding" ? "openai:text-embedding-3-small" : "openai:gpt-4o-mini";
  const taskHint = task === undefined ? "" : ` (or defaults.tasks.${task})`;
  throw new ConfigError(
    `${caller} has no model: pass \`model: "${example}"\`, set createAI({ defaults: { ${kind}: "${example}" } })${taskHint}, or set the environment variable ${defaultModelEnvironmentVariables[kind]}.`,
  );
}
