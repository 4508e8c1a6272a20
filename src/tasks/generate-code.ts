// ai.generateCode: code for a task, as a plain chat call whose reply is one fenced code block.
//
// Not structured output: models write measurably worse code when it has to be escaped inside JSON (Aider's
// benchmark "LLMs are bad at returning code in JSON", 2024), and a fenced block is what they are trained to
// produce. The block's info string gives the language when the caller did not name one.
import { delimit, systemPrompt } from "./prompts.js";
import { optionalText, requireText, taskChatOptions, taskResponse, type TaskAI, type TaskOptions, type TaskResponse } from "./task-options.js";

/** Options of `ai.generateCode`. */
export interface GenerateCodeOptions extends TaskOptions {
  /** What the code must do. Unlike the texts of the other tasks, this is an instruction to the model. */
  prompt: string;
  /** The programming language, e.g. `"typescript"`, `"sql"`. Default: the model chooses (and `language` says which). */
  language?: string;
  /** Existing code or documentation to build on (types, a schema, the file being edited). Sent as data. */
  context?: string;
}

/** The result of `ai.generateCode`. */
export interface GenerateCodeResponse extends TaskResponse {
  /** The code, without Markdown fences or explanations around it. */
  code: string;
  /** `language` as given, else the language the model tagged its code block with; `undefined` when it did not. */
  language: string | undefined;
}

/**
 * Generates code for `prompt`. The reply's first fenced code block is the code (an unclosed block, as after
 * `maxOutputTokens`, runs to the end: check `finishReason`); a reply without a fence is taken whole. Bad
 * options are a `ConfigError` before any request.
 */
export async function generateCode(ai: TaskAI, options: GenerateCodeOptions): Promise<GenerateCodeResponse> {
  const { prompt, language, context, ...taskOptions } = options;
  requireText("generateCode", "prompt", prompt);
  optionalText("generateCode", "language", language);
  optionalText("generateCode", "context", context);
  const fence = language === undefined ? "```<language>" : `\`\`\`${language.trim()}`;
  const sentences = [
    language === undefined ? "Write the code the task asks for." : `Write the code the task asks for, in ${language.trim()}.`,
    `Reply with the code only, in one Markdown code block that starts with ${fence}; no explanation before or after it.`,
  ];
  const data = context === undefined ? undefined : delimit(context, "context", "existing code (context for the task)");
  const system = systemPrompt(sentences, data ? [data.notice] : [], taskOptions.instructions);
  const user = data ? `${data.block}\n\n${prompt.trim()}` : prompt.trim();
  const response = await ai.chat(taskChatOptions(taskOptions, system, user));
  const extracted = extractCode(response.text);
  return { ...taskResponse(response), code: extracted.code, language: language?.trim() ?? extracted.language };
}

const openingFence = /^ {0,3}(`{3,}|~{3,})[ \t]*([^\s`]*)/;

/**
 * The content of the first fenced code block in `reply` (CommonMark fences: three or more backticks or
 * tildes, closed by at least as many), and its info string's first word as the language. Without a fence,
 * the whole reply, trimmed.
 */
export function extractCode(reply: string): { code: string; language: string | undefined } {
  const lines = reply.split(/\r?\n/);
  const start = lines.findIndex((line) => openingFence.test(line));
  if (start === -1) return { code: reply.trim(), language: undefined };
  const [, marker, info] = openingFence.exec(lines[start]!)!;
  const closing = new RegExp(`^ {0,3}${marker![0] === "`" ? "`" : "~"}{${marker!.length},}[ \\t]*$`);
  let end = lines.findIndex((line, index) => index > start && closing.test(line));
  if (end === -1) end = lines.length;
  return { code: lines.slice(start + 1, end).join("\n"), language: info === "" ? undefined : info };
}
