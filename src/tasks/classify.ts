// ai.classify: one label (or several) out of a fixed list, through structured output with an enum schema.
import { z } from "zod";
import { ConfigError } from "../spec/errors/index.js";
import { classifyPresets, type ClassifyPreset, type PresetLabel } from "./classify-presets.js";
import { delimit, systemPrompt } from "./prompts.js";
import { describe, requireText, taskChatOptions, taskResponse, type TaskAI, type TaskOptions, type TaskResponse } from "./task-options.js";

/** The labels to choose from: a list, or an object from each label to a description the model reads. */
export type ClassifyLabels<Label extends string> = readonly Label[] | { readonly [Key in Label]: string };

/** Options of `ai.classify`. */
export interface ClassifyOptions<Label extends string = string> extends TaskOptions {
  /** The text to classify. */
  text: string;
  /**
   * At least two distinct, non-empty labels: `["bug", "feature", "question"]`, or with descriptions
   * `{ bug: "something is broken", feature: "a request for something new", question: "asks how to..." }`.
   * The result's label is typed as their union. Or a ready set by name: `"sentiment"` (positive, negative,
   * neutral, mixed) or `"topic"` (see `classifyPresets`).
   */
  labels: ClassifyLabels<Label> | ClassifyPreset;
  /** Every label that applies (`labels`, possibly empty) instead of the single best one (`label`). Default: false. */
  multiple?: boolean;
}

/** Options of `ai.classify` with a ready label set: `{ text, labels: "sentiment" }`. */
export interface ClassifyPresetOptions<Preset extends ClassifyPreset> extends Omit<ClassifyOptions, "labels"> {
  labels: Preset;
}

/** The result of `ai.classify`: the one label that fits best. */
export interface ClassifyResponse<Label extends string = string> extends TaskResponse {
  label: Label;
}

/** The result of `ai.classify({ multiple: true })`: every label that applies, in the order of `labels`, possibly none. */
export interface MultiClassifyResponse<Label extends string = string> extends TaskResponse {
  labels: Label[];
}

/**
 * Classifies `text` into one of `labels` (or, with `multiple: true`, every label that applies). The model
 * answers through structured output restricted to the labels (`{"label": <enum>}` or `{"labels": [<enum>...]}`);
 * an answer outside them is an `ObjectGenerationError`. Bad options are a `ConfigError` before any request.
 */
export function classify<Preset extends ClassifyPreset>(ai: TaskAI, options: ClassifyPresetOptions<Preset> & { multiple: true }): Promise<MultiClassifyResponse<PresetLabel<Preset>>>;
export function classify<Preset extends ClassifyPreset>(ai: TaskAI, options: ClassifyPresetOptions<Preset> & { multiple?: false }): Promise<ClassifyResponse<PresetLabel<Preset>>>;
export function classify<const Label extends string>(ai: TaskAI, options: ClassifyOptions<Label> & { multiple: true }): Promise<MultiClassifyResponse<Label>>;
export function classify<const Label extends string>(ai: TaskAI, options: ClassifyOptions<Label> & { multiple?: false }): Promise<ClassifyResponse<Label>>;
export function classify<const Label extends string>(ai: TaskAI, options: ClassifyOptions<Label>): Promise<ClassifyResponse<Label> | MultiClassifyResponse<Label>>;
export async function classify(ai: TaskAI, options: ClassifyOptions): Promise<ClassifyResponse | MultiClassifyResponse> {
  const { text, labels: labelOption, multiple = false, ...taskOptions } = options;
  requireText("classify", "text", text);
  const { labels, descriptions } = checkLabels(labelOption);
  if (typeof multiple !== "boolean") throw new ConfigError(`ai.classify \`multiple\` must be true or false, got ${describe(multiple)}.`);

  const data = delimit(text, "text");
  const labelList = descriptions
    ? ["Labels:", ...labels.map((label, index) => `- ${JSON.stringify(label)}: ${descriptions[index]}`)]
    : [`Labels: ${JSON.stringify(labels)}`];
  const task = multiple
    ? "Classify the text: answer with every label from the list below that applies to it, or an empty list when none does."
    : "Classify the text: answer with the one label from the list below that fits it best.";
  const system = systemPrompt([task, ...labelList], [data.notice], taskOptions.instructions);
  const chatOptions = taskChatOptions(taskOptions, system, data.block);
  const allowed = z.enum(labels as [string, ...string[]]);

  if (multiple) {
    const response = await ai.generateObject({ ...chatOptions, schema: z.object({ labels: z.array(allowed) }), schemaName: "classification" });
    const chosen = new Set(response.object.labels);
    return { ...taskResponse(response), labels: labels.filter((label) => chosen.has(label)) };
  }
  const response = await ai.generateObject({ ...chatOptions, schema: z.object({ label: allowed }), schemaName: "classification" });
  return { ...taskResponse(response), label: response.object.label };
}

/** The labels in order, and their descriptions when given as an object; a `ConfigError` for anything unusable. */
function checkLabels(option: unknown): { labels: string[]; descriptions: string[] | undefined } {
  let labels: unknown[];
  let descriptions: string[] | undefined;
  if (typeof option === "string") {
    if (!Object.hasOwn(classifyPresets, option)) {
      throw new ConfigError(`ai.classify has no label set named ${JSON.stringify(option)}; use ${Object.keys(classifyPresets).map((name) => JSON.stringify(name)).join(" or ")}, or pass the labels as an array.`);
    }
    option = classifyPresets[option as ClassifyPreset];
  }
  if (Array.isArray(option)) labels = option;
  else if (typeof option === "object" && option !== null) {
    const entries = Object.entries(option);
    labels = entries.map(([label]) => label);
    descriptions = entries.map(([label, description]) => {
      if (typeof description !== "string") throw new ConfigError(`ai.classify label ${JSON.stringify(label)} has a description that is not a string (${describe(description)}).`);
      return description.trim();
    });
  } else throw new ConfigError(`ai.classify needs \`labels\`: an array of at least two labels, an object from label to description, or "sentiment" / "topic"; got ${describe(option)}.`);
  if (labels.length < 2) throw new ConfigError(`ai.classify needs at least two labels to choose from, got ${labels.length}.`);
  const seen = new Set<string>();
  for (const label of labels) {
    if (typeof label !== "string" || label.trim() === "") throw new ConfigError(`ai.classify labels must be non-empty strings, got ${describe(label)}.`);
    if (seen.has(label)) throw new ConfigError(`ai.classify label ${JSON.stringify(label)} is given twice; make every label unique.`);
    seen.add(label);
  }
  return { labels: labels as string[], descriptions };
}
