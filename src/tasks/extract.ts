// ai.extract: typed data out of free text, through generateObject with the caller's zod schema.
import { z } from "zod";
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

/** Options of `ai.extract` with field names instead of a schema: `{ text, fields: ["name", "email"] }`. */
export interface ExtractFieldsOptions<Field extends string> extends Omit<ExtractOptions<z.ZodType>, "schema"> {
  /**
   * The fields to extract, by name (letters, digits, `_`, `-`; unique): each a string, or `null` when the text
   * does not state it. `object` is typed `{ [field]: string | null }`.
   */
  fields: readonly Field[];
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
export function extract<const Field extends string>(ai: TaskAI, options: ExtractFieldsOptions<Field>): Promise<ExtractResponse<{ [Key in Field]: string | null }>>;
export function extract<Schema extends z.ZodType>(ai: TaskAI, options: ExtractOptions<Schema>): Promise<ExtractResponse<z.output<Schema>>>;
export async function extract(ai: TaskAI, options: ExtractOptions<z.ZodType> | ExtractFieldsOptions<string>): Promise<ExtractResponse<unknown>> {
  const { text, schemaName, schemaDescription, ...rest } = options;
  const { schema: givenSchema, fields, ...taskOptions } = rest as Partial<ExtractOptions<z.ZodType> & ExtractFieldsOptions<string>>;
  requireText("extract", "text", text);
  if (givenSchema !== undefined && fields !== undefined) throw new ConfigError("ai.extract takes `schema` or `fields`, not both.");
  const schema = fields !== undefined ? fieldsSchema(fields) : givenSchema;
  if (!isZodSchema(schema)) throw new ConfigError("ai.extract needs `schema` (a zod schema such as z.object({ name: z.string() })) or `fields` (a list of names such as [\"name\", \"email\"]).");
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

const fieldNamePattern = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

/** The schema of `fields`: an object of nullable strings, in the order given. */
function fieldsSchema(fields: unknown): z.ZodType {
  if (!Array.isArray(fields) || fields.length === 0) throw new ConfigError("ai.extract `fields` must be a non-empty array of field names, e.g. [\"name\", \"email\"].");
  const shape: Record<string, z.ZodType> = {};
  for (const field of fields) {
    if (typeof field !== "string" || !fieldNamePattern.test(field)) {
      throw new ConfigError(`ai.extract field name ${JSON.stringify(field)} is invalid; use letters, digits, "_" or "-" (at most 64, starting with a letter or "_").`);
    }
    if (Object.hasOwn(shape, field)) throw new ConfigError(`ai.extract field ${JSON.stringify(field)} is given twice; list every field once.`);
    shape[field] = z.string().nullable();
  }
  return z.object(shape);
}
