// fromAISDK(): AI SDK model instances as one of our providers, for createAI({ providers: { name: fromAISDK(...) } }).
import type { ProviderConfig } from "../router/router-types.js";
import { ConfigError, UnsupportedCapabilityError } from "../spec/errors/index.js";
import type { ProviderContext, ProviderDriver } from "../spec/provider.js";
import { ChatModelFromAISDK, type AISDKLanguageModel } from "./ai-sdk-chat-model.js";
import { EmbeddingModelFromAISDK, type AISDKEmbeddingModel } from "./ai-sdk-embedding-model.js";

/** The AI SDK models of one provider entry: one model (any model id selects it) or several by model id. */
export interface FromAISDKOptions {
  /** `openai("gpt-4o")`, or `{ "gpt-4o": openai("gpt-4o"), fast: openai("gpt-4o-mini") }`. Default: no chat. */
  chat?: AISDKLanguageModel | Record<string, AISDKLanguageModel>;
  /** `openai.embedding("text-embedding-3-small")`, or several by id. Default: no embeddings. */
  embedding?: AISDKEmbeddingModel | Record<string, AISDKEmbeddingModel>;
}

/**
 * A provider entry for `createAI({ providers })` made of AI SDK models (`ai`'s `LanguageModel` and
 * `EmbeddingModel`, specification v3 or v2). With one model of a kind, any model id selects it (`"mine:any"`);
 * with a record, the model id must be one of its keys (`"mine:fast"`). Fallbacks, limits, cache, usage,
 * budget and the tasks apply as to any provider; requests go through the AI SDK model (its own fetch), so the
 * HTTP layer's retries do not: configure `fallbacks` (or the AI SDK provider's own fetch) for retries.
 *
 * ```ts
 * const ai = createAI({ providers: { mine: fromAISDK({ chat: openai("gpt-4o"), embedding: openai.embedding("text-embedding-3-small") }) } });
 * await ai.chat({ model: "mine:any", messages: [{ role: "user", content: "Hi" }] });
 * ```
 */
export function fromAISDK(options: FromAISDKOptions): ProviderConfig {
  if (typeof options !== "object" || options === null || (options.chat === undefined && options.embedding === undefined)) {
    throw new ConfigError("fromAISDK needs { chat } and/or { embedding }: AI SDK models such as openai(\"gpt-4o\") and openai.embedding(\"text-embedding-3-small\").");
  }
  const chat = modelTable("chat", options.chat, isLanguageModel);
  const embedding = modelTable("embedding", options.embedding, isEmbeddingModel);
  const factory = (_settings: unknown, context: ProviderContext): ProviderDriver => {
    const driver: ProviderDriver = { name: context.name };
    if (chat) driver.chatModel = (modelId) => new ChatModelFromAISDK(pick(chat, modelId, context.name, "chat"), context.name);
    if (embedding) driver.embeddingModel = (modelId) => new EmbeddingModelFromAISDK(pick(embedding, modelId, context.name, "embeddings"), context.name);
    return driver;
  };
  return { factory };
}

/** An AI SDK language model as our chat model, for `ai.chat({ model: aiSdkChatModel(openai("gpt-4o")) })`. */
export function aiSdkChatModel(model: AISDKLanguageModel, provider = model.provider): ChatModelFromAISDK {
  if (!isLanguageModel(model)) throw new ConfigError("aiSdkChatModel needs an AI SDK language model such as openai(\"gpt-4o\").");
  return new ChatModelFromAISDK(model, provider);
}

/** An AI SDK embedding model as ours, for `ai.embed({ model: aiSdkEmbeddingModel(openai.embedding("...")) })`. */
export function aiSdkEmbeddingModel(model: AISDKEmbeddingModel, provider = model.provider): EmbeddingModelFromAISDK {
  if (!isEmbeddingModel(model)) throw new ConfigError("aiSdkEmbeddingModel needs an AI SDK embedding model such as openai.embedding(\"text-embedding-3-small\").");
  return new EmbeddingModelFromAISDK(model, provider);
}

type Table<Model> = { single: Model } | { byId: Record<string, Model> };

function modelTable<Model>(kind: string, value: Model | Record<string, Model> | undefined, isModel: (value: unknown) => value is Model): Table<Model> | undefined {
  if (value === undefined) return undefined;
  if (isModel(value)) return { single: value };
  if (typeof value === "object" && value !== null && Object.keys(value).length > 0 && Object.values(value).every(isModel)) return { byId: value as Record<string, Model> };
  throw new ConfigError(`fromAISDK \`${kind}\` must be an AI SDK ${kind === "chat" ? "language" : "embedding"} model (specification v2 or v3) or a record of them by model id.`);
}

function pick<Model>(table: Table<Model>, modelId: string, provider: string, capability: "chat" | "embeddings"): Model {
  if ("single" in table) return table.single;
  const model = table.byId[modelId];
  if (model === undefined) {
    throw new UnsupportedCapabilityError({
      provider,
      capability,
      model: modelId,
      message: `Provider "${provider}" (fromAISDK) has no ${capability} model "${modelId}"; use one of ${Object.keys(table.byId).map((id) => `"${provider}:${id}"`).join(", ")}.`,
    });
  }
  return model;
}

function isLanguageModel(value: unknown): value is AISDKLanguageModel {
  const model = value as Partial<AISDKLanguageModel> | null;
  return typeof model === "object" && model !== null && (model.specificationVersion === "v3" || model.specificationVersion === "v2") && typeof model.doGenerate === "function" && typeof model.doStream === "function";
}

function isEmbeddingModel(value: unknown): value is AISDKEmbeddingModel {
  const model = value as Partial<AISDKEmbeddingModel> | null;
  return typeof model === "object" && model !== null && (model.specificationVersion === "v3" || model.specificationVersion === "v2") && typeof model.doEmbed === "function";
}
