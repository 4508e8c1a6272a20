// The tasks as methods of the AI core: `createAI()` (src/ai) returns an object with these methods, where
// `ai.classify(...)` is `classify(ai, ...)` with the same types.
import type { z } from "zod";
import type { ClassifyPreset, PresetLabel } from "./classify-presets.js";
import type { ClassifyOptions, ClassifyPresetOptions, ClassifyResponse, MultiClassifyResponse } from "./classify.js";
import type { ExtractFieldsOptions, ExtractOptions, ExtractResponse } from "./extract.js";
import type { GenerateCodeOptions, GenerateCodeResponse } from "./generate-code.js";
import type { SummarizeOptions, SummarizeResponse } from "./summarize.js";
import type { TranslateOptions, TranslateResponse } from "./translate.js";

/** The ready tasks, as methods of the AI core. Each is one chat call (retried, cached, limited and priced like `ai.chat`). */
export interface TaskMethods {
  /**
   * The label of `labels` that fits `text` best, typed as their union; with `multiple: true`, every label that
   * applies (`labels`, possibly empty). Structured output restricted to the labels; temperature 0 by default.
   * Throws `ConfigError` (empty text, fewer than two or duplicate labels) before any request, and
   * `ObjectGenerationError` when the model answers outside the labels. `labels` may name a ready set:
   * `"sentiment"` or `"topic"` (see `classifyPresets`).
   */
  classify<Preset extends ClassifyPreset>(options: ClassifyPresetOptions<Preset> & { multiple: true }): Promise<MultiClassifyResponse<PresetLabel<Preset>>>;
  classify<Preset extends ClassifyPreset>(options: ClassifyPresetOptions<Preset> & { multiple?: false }): Promise<ClassifyResponse<PresetLabel<Preset>>>;
  classify<const Label extends string>(options: ClassifyOptions<Label> & { multiple: true }): Promise<MultiClassifyResponse<Label>>;
  classify<const Label extends string>(options: ClassifyOptions<Label> & { multiple?: false }): Promise<ClassifyResponse<Label>>;
  classify<const Label extends string>(options: ClassifyOptions<Label>): Promise<ClassifyResponse<Label> | MultiClassifyResponse<Label>>;
  /**
   * The data `schema` describes, taken from `text` (`object`, typed by the schema), or with `fields: ["name", ...]`
   * an object of those fields (each a string, or `null` when the text does not state it). Built on `generateObject`.
   */
  extract<const Field extends string>(options: ExtractFieldsOptions<Field>): Promise<ExtractResponse<{ [Key in Field]: string | null }>>;
  extract<Schema extends z.ZodType>(options: ExtractOptions<Schema>): Promise<ExtractResponse<z.output<Schema>>>;
  /** A summary of `text` (`text`), as a paragraph or bullets, within `maxWords`, in `language`. A plain chat call. */
  summarize(options: SummarizeOptions): Promise<SummarizeResponse>;
  /** `text` translated into `to` (`text`), with the source language detected (`detectedLanguage`) unless `from` is given. */
  translate(options: TranslateOptions): Promise<TranslateResponse>;
  /** Code for `prompt` (`code`, without Markdown fences) and its `language`. */
  generateCode(options: GenerateCodeOptions): Promise<GenerateCodeResponse>;
}
