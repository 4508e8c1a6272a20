// ai.translate: a translation through structured output, with the detected source language when none is given.
import { z } from "zod";
import { delimit, systemPrompt } from "./prompts.js";
import { optionalText, requireText, taskChatOptions, taskResponse, type TaskAI, type TaskOptions, type TaskResponse } from "./task-options.js";

/** Options of `ai.translate`. */
export interface TranslateOptions extends TaskOptions {
  /** The text to translate. */
  text: string;
  /** The target language, as you would name it to a person: `"German"`, `"Brazilian Portuguese"`, `"ja"`. */
  to: string;
  /** The source language. Default: detected by the model (and returned as `detectedLanguage`). */
  from?: string;
}

/** The result of `ai.translate`. */
export interface TranslateResponse extends TaskResponse {
  /** The translation. */
  text: string;
  /** The language the model detected (English name, e.g. `"French"`); `undefined` when `from` was given. */
  detectedLanguage: string | undefined;
}

const withDetection = z.object({
  detectedLanguage: z.string().describe("English name of the language the text is written in"),
  translation: z.string(),
});
const withoutDetection = z.object({ translation: z.string() });

/**
 * Translates `text` into `to`, keeping its formatting, code, URLs and placeholders. A reply that does not match
 * `{ detectedLanguage, translation }` is an `ObjectGenerationError`; bad options a `ConfigError` before any request.
 */
export async function translate(ai: TaskAI, options: TranslateOptions): Promise<TranslateResponse> {
  const { text, to, from, ...taskOptions } = options;
  requireText("translate", "text", text);
  requireText("translate", "to", to);
  optionalText("translate", "from", from);
  const data = delimit(text, "text");
  const system = systemPrompt(
    [
      from === undefined
        ? `Translate the text into ${to.trim()}, and name the language it is written in.`
        : `Translate the text from ${from.trim()} into ${to.trim()}.`,
      "Keep its meaning, tone, line breaks and formatting (Markdown, HTML tags); leave code, URLs and placeholders such as {name} or %s unchanged.",
      "Give the translation only, without notes.",
    ],
    [data.notice],
    taskOptions.instructions,
  );
  const chatOptions = taskChatOptions(taskOptions, system, data.block);
  if (from === undefined) {
    const response = await ai.generateObject({ ...chatOptions, schema: withDetection, schemaName: "translation" });
    return { ...taskResponse(response), text: response.object.translation, detectedLanguage: response.object.detectedLanguage };
  }
  const response = await ai.generateObject({ ...chatOptions, schema: withoutDetection, schemaName: "translation" });
  return { ...taskResponse(response), text: response.object.translation, detectedLanguage: undefined };
}
