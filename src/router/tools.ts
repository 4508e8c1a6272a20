// Tools and schemas as callers give them (zod or JSON Schema), converted to what drivers receive.
import { z } from "zod";
import type { ChatTool } from "../spec/chat-model.js";
import { ConfigError } from "../spec/errors/index.js";
import type { JSONSchema } from "../spec/shared-types.js";

/** A tool the model may call. */
export interface Tool {
  /** Name the model calls it by: letters, digits, `_` and `-` (at most 64 characters). */
  name: string;
  /** What the tool does and when to use it; the model reads this. */
  description?: string;
  /** The input: a zod object schema or a JSON Schema object. */
  parameters: z.ZodType | JSONSchema;
  /** Ask the provider to enforce the schema strictly where it can (OpenAI `strict`). */
  strict?: boolean;
}

/** Whether `value` is a zod (v4) schema. Checks the `_zod` marker, so it works across package copies. */
export function isZodSchema(value: unknown): value is z.ZodType {
  return typeof value === "object" && value !== null && "_zod" in value && typeof (value as { safeParse?: unknown }).safeParse === "function";
}

/** JSON Schema of a zod schema (its output shape: `additionalProperties: false`, defaults required, as strict structured output wants), or the JSON Schema itself; without the `$schema` key. */
export function toJSONSchema(schema: z.ZodType | JSONSchema): JSONSchema {
  const json = isZodSchema(schema) ? (z.toJSONSchema(schema, { unrepresentable: "any" }) as JSONSchema) : schema;
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new ConfigError("A tool or output schema must be a zod schema or a JSON Schema object.");
  }
  if (!("$schema" in json)) return json;
  const { $schema: _ignored, ...rest } = json;
  return rest;
}

const toolNamePattern = /^[A-Za-z0-9_-]{1,64}$/;

/** Converts tools to the drivers' form; a bad name or a duplicate is a `ConfigError`. */
export function toChatTools(tools: readonly Tool[]): ChatTool[] {
  const seen = new Set<string>();
  return tools.map((tool) => {
    if (!toolNamePattern.test(tool.name)) {
      throw new ConfigError(`Tool name ${JSON.stringify(tool.name)} is invalid; use 1 to 64 letters, digits, "_" or "-".`);
    }
    if (seen.has(tool.name)) throw new ConfigError(`Tool ${JSON.stringify(tool.name)} is defined twice; give each tool a unique name.`);
    seen.add(tool.name);
    const chatTool: ChatTool = { name: tool.name, inputSchema: toJSONSchema(tool.parameters) };
    if (tool.description !== undefined) chatTool.description = tool.description;
    if (tool.strict !== undefined) chatTool.strict = tool.strict;
    return chatTool;
  });
}
