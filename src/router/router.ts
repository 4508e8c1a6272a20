// The routing core behind `createAI()`: the model registry and the routing state, with one module per call
// (chat and stream, generateObject, embed, image and moderate). Knows nothing of the tasks: `src/ai/` adds them.
import type { z } from "zod";
import type { ChatStreamEvent } from "../spec/chat-model.js";
import type { ProviderFactory, ProviderSettings } from "../spec/provider.js";
import { chat, stream } from "./chat.js";
import { pickModel, type TaskName } from "./default-models.js";
import { embed } from "./embed.js";
import { generateObject } from "./generate-object.js";
import { image, moderate } from "./image-and-moderation.js";
import { ModelRegistry } from "./model-registry.js";
import type {
  AIRouter,
  ChatModelReference,
  ChatOptions,
  ChatResponse,
  CreateAIOptions,
  EmbedOptions,
  EmbedResponse,
  GenerateObjectOptions,
  GenerateObjectResponse,
  ImageOptions,
  ImageResponse,
  ModerateOptions,
  ModerateResponse,
  ProviderConfig,
} from "./router-types.js";
import { checkEmbedConcurrency, Routing, type RouterContext } from "./routing.js";
import type { UsageReport } from "./usage-ledger.js";

/** The routing core as `createAI` holds it: {@link AIRouter} plus the default model of a task call. */
export interface RoutingCore extends AIRouter {
  /**
   * The model of a task call: `model` when given, else `defaults.tasks[task]`, else `defaults.chat` (or the
   * environment variable); a `ConfigError` saying how to set one when there is none.
   */
  taskModel(task: TaskName, model: ChatModelReference | undefined): ChatModelReference;
}

/**
 * Builds the routing core. Configured providers are built (and their settings checked) now, so a missing API key
 * fails here with a `ConfigError` naming the environment variable, not at the first call.
 */
export function createRouter(options: CreateAIOptions = {}): RoutingCore {
  return new Router(options);
}

class Router implements RoutingCore, RouterContext {
  readonly registry: ModelRegistry;
  readonly routing: Routing;

  constructor(options: CreateAIOptions) {
    const embedConcurrency = checkEmbedConcurrency(options.embedConcurrency);
    this.registry = new ModelRegistry(options.providers as Record<string, ProviderConfig> | undefined);
    this.routing = new Routing(options, embedConcurrency, this.registry);
  }

  chat(options: ChatOptions): Promise<ChatResponse> {
    return chat(this, options);
  }

  stream(options: ChatOptions): AsyncIterable<ChatStreamEvent> {
    return stream(this, options);
  }

  generateObject<Schema extends z.ZodType>(options: GenerateObjectOptions<Schema>): Promise<GenerateObjectResponse<z.output<Schema>>> {
    return generateObject(this, options);
  }

  embed(options: EmbedOptions): Promise<EmbedResponse> {
    return embed(this, options);
  }

  image(options: ImageOptions): Promise<ImageResponse> {
    return image(this, options);
  }

  moderate(options: ModerateOptions): Promise<ModerateResponse> {
    return moderate(this, options);
  }

  extend<Settings extends ProviderSettings>(name: string, factory: ProviderFactory<Settings>, settings?: Settings): AIRouter {
    this.registry.extend(name, factory, settings);
    return this;
  }

  providers(): string[] {
    return this.registry.providers();
  }

  usage(): UsageReport {
    return this.routing.usage();
  }

  taskModel(task: TaskName, model: ChatModelReference | undefined): ChatModelReference {
    return pickModel(this.routing.defaults, "chat", model, `ai.${task}`, task);
  }
}
