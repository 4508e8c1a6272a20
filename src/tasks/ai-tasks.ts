// The tasks as methods of the AI core: `createAI()` returns an object of a class that extends `AITasks`, so
// `ai.classify(...)` is `classify(ai, ...)` with the same types.
import type { z } from "zod";
import type { ChatModelReference, ChatOptions, ChatResponse, GenerateObjectOptions, GenerateObjectResponse } from "../router/create-ai.js";
import type { TaskName } from "../router/default-models.js";
import type { ClassifyPreset, PresetLabel } from "./classify-presets.js";
import { classify, type ClassifyOptions, type ClassifyPresetOptions, type ClassifyResponse, type MultiClassifyResponse } from "./classify.js";
import { extract, type ExtractFieldsOptions, type ExtractOptions, type ExtractResponse } from "./extract.js";
import { generateCode, type GenerateCodeOptions, type GenerateCodeResponse } from "./generate-code.js";
import { summarize, type SummarizeOptions, type SummarizeResponse } from "./summarize.js";
import { translate, type TranslateOptions, type TranslateResponse } from "./translate.js";

/** The ready tasks, as methods of the AI core. Each is one chat call (retried, cached, limited and priced like `ai.chat`). */
export interface TaskMethods {
  /**
   * The label of `labels` that fits `text` best, typed as their union; with `multiple: true`, every label that
   * applies (`labels`, possibly empty). Structured output restricted to the labels; temperature 0 by default.
   * Throws `ConfigError` (empty text, fewer than two or duplicate labels) before any request, and
   * `ObjectGenerationError` when the model answers outside the labels.
   */
  classify<Preset extends ClassifyPreset>(options: ClassifyPresetOptions<Preset> & { multiple: true }): Promise<MultiClassifyResponse<PresetLabel<Preset>>>;
  classify<Preset extends ClassifyPreset>(options: ClassifyPresetOptions<Preset> & { multiple?: false }): Promise<ClassifyResponse<PresetLabel<Preset>>>;
  classify<const Label extends string>(options: ClassifyOptions<Label> & { multiple: true }): Promise<MultiClassifyResponse<Label>>;
  classify<const Label extends string>(options: ClassifyOptions<Label> & { multiple?: false }): Promise<ClassifyResponse<Label>>;
  classify<const Label extends string>(options: ClassifyOptions<Label>): Promise<ClassifyResponse<Label> | MultiClassifyResponse<Label>>;
  /** The data `schema` describes, taken from `text` (`object`, typed by the schema). Built on `generateObject`. */
  extract<const Field extends string>(options: ExtractFieldsOptions<Field>): Promise<ExtractResponse<{ [Key in Field]: string | null }>>;
  extract<Schema extends z.ZodType>(options: ExtractOptions<Schema>): Promise<ExtractResponse<z.output<Schema>>>;
  /** A summary of `text` (`text`), as a paragraph or bullets, within `maxWords`, in `language`. A plain chat call. */
  summarize(options: SummarizeOptions): Promise<SummarizeResponse>;
  /** `text` translated into `to` (`text`), with the source language detected (`detectedLanguage`) unless `from` is given. */
  translate(options: TranslateOptions): Promise<TranslateResponse>;
  /** Code for `prompt` (`code`, without Markdown fences) and its `language`. */
  generateCode(options: GenerateCodeOptions): Promise<GenerateCodeResponse>;
}

/** Implements {@link TaskMethods} over the subclass's `chat` and `generateObject`. */
export abstract class AITasks implements TaskMethods {
  abstract chat(options: ChatOptions): Promise<ChatResponse>;
  abstract generateObject<Schema extends z.ZodType>(options: GenerateObjectOptions<Schema>): Promise<GenerateObjectResponse<z.output<Schema>>>;

  /** The model of a task call: `model` when given, else the task's default (createAI overrides this). */
  protected taskModel(_task: TaskName, model: ChatModelReference | undefined): ChatModelReference | undefined {
    return model;
  }

  classify<Preset extends ClassifyPreset>(options: ClassifyPresetOptions<Preset> & { multiple: true }): Promise<MultiClassifyResponse<PresetLabel<Preset>>>;
  classify<Preset extends ClassifyPreset>(options: ClassifyPresetOptions<Preset> & { multiple?: false }): Promise<ClassifyResponse<PresetLabel<Preset>>>;
  classify<const Label extends string>(options: ClassifyOptions<Label> & { multiple: true }): Promise<MultiClassifyResponse<Label>>;
  classify<const Label extends string>(options: ClassifyOptions<Label> & { multiple?: false }): Promise<ClassifyResponse<Label>>;
  classify<const Label extends string>(options: ClassifyOptions<Label>): Promise<ClassifyResponse<Label> | MultiClassifyResponse<Label>>;
  async classify(options: ClassifyOptions): Promise<ClassifyResponse | MultiClassifyResponse> {
    return classify(this, { ...options, model: this.taskModel("classify", options.model) });
  }

  extract<const Field extends string>(options: ExtractFieldsOptions<Field>): Promise<ExtractResponse<{ [Key in Field]: string | null }>>;
  extract<Schema extends z.ZodType>(options: ExtractOptions<Schema>): Promise<ExtractResponse<z.output<Schema>>>;
  async extract(options: ExtractOptions<z.ZodType> | ExtractFieldsOptions<string>): Promise<ExtractResponse<unknown>> {
    return extract(this, { ...options, model: this.taskModel("extract", options.model) } as ExtractOptions<z.ZodType>);
  }

  async summarize(options: SummarizeOptions): Promise<SummarizeResponse> {
    return summarize(this, { ...options, model: this.taskModel("summarize", options.model) });
  }

  async translate(options: TranslateOptions): Promise<TranslateResponse> {
    return translate(this, { ...options, model: this.taskModel("translate", options.model) });
  }

  async generateCode(options: GenerateCodeOptions): Promise<GenerateCodeResponse> {
    return generateCode(this, { ...options, model: this.taskModel("generateCode", options.model) });
  }
}
