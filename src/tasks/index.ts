// Ready tasks over the AI core: classify, extract, summarize, translate, generate code. Each takes the part of
// the AI it needs (`chat`, `generateObject`), so it works with any provider and with stand-ins in tests.
// The prompt helpers stay internal; `createAI` exposes the tasks as `ai.classify`, `ai.extract`...
export type { TaskAI, TaskOptions, TaskResponse } from "./task-options.js";
export { classifyPresets, type ClassifyPreset, type PresetLabel } from "./classify-presets.js";
export { classify, type ClassifyLabels, type ClassifyOptions, type ClassifyPresetOptions, type ClassifyResponse, type MultiClassifyResponse } from "./classify.js";
export { extract, type ExtractFieldsOptions, type ExtractOptions, type ExtractResponse } from "./extract.js";
export { summarize, summaryFormats, type SummarizeOptions, type SummaryFormat, type SummarizeResponse } from "./summarize.js";
export { translate, type TranslateOptions, type TranslateResponse } from "./translate.js";
export type { TaskMethods } from "./task-methods.js";
export { extractCode, generateCode, type GenerateCodeOptions, type GenerateCodeResponse } from "./generate-code.js";
