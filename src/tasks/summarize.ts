// ai.summarize: a summary as free text (a plain chat call: there is no structure to enforce).
import { ConfigError } from "../spec/errors/index.js";
import { delimit, systemPrompt } from "./prompts.js";
import { describe, optionalText, requireText, taskChatOptions, taskResponse, type TaskAI, type TaskOptions, type TaskResponse } from "./task-options.js";

/** The shapes a summary can take. */
export const summaryFormats = ["paragraph", "bullets"] as const;
export type SummaryFormat = (typeof summaryFormats)[number];

/** Options of `ai.summarize`. */
export interface SummarizeOptions extends TaskOptions {
  /** The text to summarize. */
  text: string;
  /**
   * Length the model is asked to stay within, in words (a request to the model, not a cut: set
   * `maxOutputTokens` for a hard limit). Default: none (the model decides, briefly).
   */
  maxWords?: number;
  /** `paragraph` (prose) or `bullets` (one `- ` line per point). Default: `paragraph`. */
  format?: SummaryFormat;
  /** Language of the summary, e.g. `"German"`. Default: the language of the text. */
  language?: string;
}

/** The result of `ai.summarize`. */
export interface SummarizeResponse extends TaskResponse {
  /** The summary, trimmed of surrounding white space. */
  text: string;
}

/** Summarizes `text`. Bad options are a `ConfigError` before any request. */
export async function summarize(ai: TaskAI, options: SummarizeOptions): Promise<SummarizeResponse> {
  const { text, maxWords, format = "paragraph", language, ...taskOptions } = options;
  requireText("summarize", "text", text);
  if (maxWords !== undefined && !(Number.isInteger(maxWords) && maxWords > 0)) {
    throw new ConfigError(`ai.summarize \`maxWords\` must be a positive whole number, got ${describe(maxWords)}.`);
  }
  if (!summaryFormats.includes(format)) {
    throw new ConfigError(`ai.summarize \`format\` must be ${summaryFormats.map((name) => `"${name}"`).join(" or ")}, got ${describe(format)}.`);
  }
  optionalText("summarize", "language", language);
  const data = delimit(text, "text");
  const sentences = [
    format === "bullets"
      ? "Summarize the text as a list of its key points, one per line, each line starting with \"- \"."
      : "Summarize the text in one paragraph.",
    "Keep the facts of the text; add nothing it does not say. Reply with the summary only, without a title or preamble.",
  ];
  if (maxWords !== undefined) sentences.push(`Use at most ${maxWords} words.`);
  sentences.push(language === undefined ? "Write in the language of the text." : `Write in ${language.trim()}.`);
  const response = await ai.chat(taskChatOptions(taskOptions, systemPrompt(sentences, [data.notice], taskOptions.instructions), data.block));
  return { ...taskResponse(response), text: response.text.trim() };
}
