// createAI(): the routing core with the ready tasks as methods, by composition: the AI object holds a router,
// passes the calls on to it, and runs each task over itself, so `ai.classify(...)` is `classify(ai, ...)`.
import type { z } from "zod";
import { createRouter, type RoutingCore } from "../router/router.js";
import type {
  AIRouter,
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
} from "../router/router-types.js";
import type { UsageReport } from "../router/usage-ledger.js";
import type { ChatStreamEvent } from "../spec/chat-model.js";
import type { ProviderFactory, ProviderSettings } from "../spec/provider.js";
import type { ClassifyPreset, PresetLabel } from "../tasks/classify-presets.js";
import { classify, type ClassifyOptions, type ClassifyPresetOptions, type ClassifyResponse, type MultiClassifyResponse } from "../tasks/classify.js";
import { extract, type ExtractFieldsOptions, type ExtractOptions, type ExtractResponse } from "../tasks/extract.js";
import { generateCode, type GenerateCodeOptions, type GenerateCodeResponse } from "../tasks/generate-code.js";
import { summarize, type SummarizeOptions, type SummarizeResponse } from "../tasks/summarize.js";
import type { TaskMethods } from "../tasks/task-methods.js";
import { translate, type TranslateOptions, type TranslateResponse } from "../tasks/translate.js";

/** The AI core: every provider behind one typed interface ({@link AIRouter}), plus the ready tasks ({@link TaskMethods}). Build it with {@link createAI}. */
export interface AI extends AIRouter, TaskMethods {
  /**
   * Registers a provider under `name` (letters, digits, `.`, `_`, `-`), used like the built-ins:
   * `ai.chat({ model: "name:model-id" })`. Its settings come from `createAI({ providers: { name: {...} } })`
   * when given there, else `settings`. Replaces a built-in of the same name. Returns the same `ai`.
   */
  extend<Settings extends ProviderSettings>(name: string, factory: ProviderFactory<Settings>, settings?: Settings): AI;
}

/**
 * Creates the AI core. Configured providers are built (and their settings checked) now, so a missing API key
 * fails here with a `ConfigError` naming the environment variable, not at the first call.
 *
 * ```ts
 * const ai = createAI({ providers: { openai: { apiKey: process.env.OPENAI_API_KEY } } });
 * const reply = await ai.chat({ model: "openai:gpt-4o-mini", messages: [{ role: "user", content: "Hi" }] });
 * ```
 */
export function createAI(options: CreateAIOptions = {}): AI {
  return new AICore(createRouter(options));
}

/**
 * {@link AI}: the router's calls passed on, the tasks run over this object with their model resolved first
 * (`model`, else `defaults.tasks[task]`, else `defaults.chat`). The task methods are async, so a missing model
 * is a rejected promise like every other error of a call.
 */
class AICore implements AI {
  constructor(private readonly router: RoutingCore) {}

  chat(options: ChatOptions): Promise<ChatResponse> {
    return this.router.chat(options);
  }

  stream(options: ChatOptions): AsyncIterable<ChatStreamEvent> {
    return this.router.stream(options);
  }

  generateObject<Schema extends z.ZodType>(options: GenerateObjectOptions<Schema>): Promise<GenerateObjectResponse<z.output<Schema>>> {
    return this.router.generateObject(options);
  }

  embed(options: EmbedOptions): Promise<EmbedResponse> {
    return this.router.embed(options);
  }

  image(options: ImageOptions): Promise<ImageResponse> {
    return this.router.image(options);
  }

  moderate(options: ModerateOptions): Promise<ModerateResponse> {
    return this.router.moderate(options);
  }

  extend<Settings extends ProviderSettings>(name: string, factory: ProviderFactory<Settings>, settings?: Settings): AI {
    this.router.extend(name, factory, settings);
    return this;
  }

  providers(): string[] {
    return this.router.providers();
  }

  usage(): UsageReport {
    return this.router.usage();
  }

  classify<Preset extends ClassifyPreset>(options: ClassifyPresetOptions<Preset> & { multiple: true }): Promise<MultiClassifyResponse<PresetLabel<Preset>>>;
  classify<Preset extends ClassifyPreset>(options: ClassifyPresetOptions<Preset> & { multiple?: false }): Promise<ClassifyResponse<PresetLabel<Preset>>>;
  classify<const Label extends string>(options: ClassifyOptions<Label> & { multiple: true }): Promise<MultiClassifyResponse<Label>>;
  classify<const Label extends string>(options: ClassifyOptions<Label> & { multiple?: false }): Promise<ClassifyResponse<Label>>;
  classify<const Label extends string>(options: ClassifyOptions<Label>): Promise<ClassifyResponse<Label> | MultiClassifyResponse<Label>>;
  async classify(options: ClassifyOptions): Promise<ClassifyResponse | MultiClassifyResponse> {
    return classify(this, { ...options, model: this.router.taskModel("classify", options.model) });
  }

  extract<const Field extends string>(options: ExtractFieldsOptions<Field>): Promise<ExtractResponse<{ [Key in Field]: string | null }>>;
  extract<Schema extends z.ZodType>(options: ExtractOptions<Schema>): Promise<ExtractResponse<z.output<Schema>>>;
  async extract(options: ExtractOptions<z.ZodType> | ExtractFieldsOptions<string>): Promise<ExtractResponse<unknown>> {
    return extract(this, { ...options, model: this.router.taskModel("extract", options.model) } as ExtractOptions<z.ZodType>);
  }

  async summarize(options: SummarizeOptions): Promise<SummarizeResponse> {
    return summarize(this, { ...options, model: this.router.taskModel("summarize", options.model) });
  }

  async translate(options: TranslateOptions): Promise<TranslateResponse> {
    return translate(this, { ...options, model: this.router.taskModel("translate", options.model) });
  }

  async generateCode(options: GenerateCodeOptions): Promise<GenerateCodeResponse> {
    return generateCode(this, { ...options, model: this.router.taskModel("generateCode", options.model) });
  }
}
