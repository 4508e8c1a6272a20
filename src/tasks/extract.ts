// ai.extract: typed data out of free text, through generateObject with the caller's zod schema.
import type { z } from "zod";
import { ConfigError } from "../spec/errors/index.js";
import { isZodSchema } from "../router/tools.js";
import { delimit, systemPrompt } from "./prompts.js";
import { requireText, taskChatOptions, taskResponse, type TaskAI, type TaskOptions, type TaskResponse } from "./task-options.js";

/** Options of `ai.extract`. */
export interface ExtractOptions<Schema extends z.ZodType> extends TaskOptions {
  /** The text to extract from. */
  text: string;
  /** What to extract, as a zod schema (an object schema for the widest provider support); `object` is typed and validated by it. */
  schema: Schema;
  /** Name of the schema for providers that want one. Default: `"extraction"`. */
  schemaName?: string;
  /** What the schema describes, for providers that read it. */
  schemaDescription?: string;
}

/** The result of `ai.extract`. */
export interface ExtractResponse<T> extends TaskResponse {
  /** The extracted data, validated by the schema. */
  object: T;
}

/**
 * Extracts the data `schema` describes from `text`, using only what the text states. A reply that is not JSON
 * or does not match the schema is an `ObjectGenerationError`; bad options a `ConfigError` before any request.
 */
export async function extract<Schema extends z.ZodType>(ai: TaskAI, options: ExtractOptions<Schema>): Promise<ExtractResponse<z.output<Schema>>> {
  const { text, schema, schemaName, schemaDescription, ...taskOptions } = options;
  requireText("extract", "text", text);
  if (!isZodSchema(schema)) throw new ConfigError("ai.extract needs `schema`: a zod schema such as z.object({ name: z.string() }).");
  const data = delimit(text, "text");
  const system = systemPrompt(
    [
      "Extract the information the response schema asks for from the text.",
      "Use only what the text states; do not invent values. Where the text gives no value, use null or an empty list if the schema allows it.",
    ],
    [data.notice],
    taskOptions.instructions,
  );
  const response = await ai.generateObject({
    ...taskChatOptions(taskOptions, system, data.block),
    schema,
    schemaName: schemaName ?? "extraction",
    ...(schemaDescription === undefined ? {} : { schemaDescription }),
  });
  return { ...taskResponse(response), object: response.object };
}
