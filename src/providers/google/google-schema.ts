// JSON Schema -> the OpenAPI 3.0 subset Gemini's `responseSchema` and function `parameters` accept.
import type { JSONSchema } from "../../spec/shared-types.js";

const copiedKeys = ["title", "description", "enum", "minItems", "maxItems", "minimum", "maximum", "minLength", "maxLength", "pattern", "minProperties", "maxProperties", "default", "example"];

/**
 * Converts a JSON Schema (as zod's `toJSONSchema` writes it) to Gemini's `Schema` object: `type: [x, "null"]`
 * and `anyOf` with `{type: "null"}` become `nullable`, `const` becomes a one-value `enum`, `oneOf` becomes
 * `anyOf`, a single `allOf` is merged; `additionalProperties`, `$schema` and unknown keywords are dropped
 * (Gemini rejects them). Returns `undefined` for a schema the subset cannot express (`$ref`), so callers send
 * it as JSON Schema instead.
 */
export function toGoogleSchema(schema: JSONSchema): Record<string, unknown> | undefined {
  try {
    return convert(schema);
  } catch (error) {
    if (error === unrepresentable) return undefined;
    throw error;
  }
}

const unrepresentable = Symbol("unrepresentable");

function convert(node: unknown): Record<string, unknown> {
  if (typeof node !== "object" || node === null || Array.isArray(node)) return {};
  const source = node as Record<string, unknown>;
  if ("$ref" in source) throw unrepresentable;
  if (Array.isArray(source.allOf) && source.allOf.length === 1) {
    const { allOf, ...rest } = source;
    return convert({ ...rest, ...(allOf[0] as Record<string, unknown>) });
  }
  const result: Record<string, unknown> = {};
  for (const key of copiedKeys) if (source[key] !== undefined) result[key] = source[key];
  if (source.format === "date-time" || source.format === "enum") result.format = source.format;
  if (source.const !== undefined) result.enum = [source.const];

  let types = Array.isArray(source.type) ? (source.type as string[]) : typeof source.type === "string" ? [source.type] : [];
  if (types.includes("null")) {
    result.nullable = true;
    types = types.filter((type) => type !== "null");
  }
  const alternatives = (source.anyOf ?? source.oneOf) as unknown[] | undefined;
  if (Array.isArray(alternatives)) {
    const nonNull = alternatives.filter((alternative) => (alternative as { type?: unknown } | null)?.type !== "null");
    if (nonNull.length < alternatives.length) result.nullable = true;
    if (nonNull.length === 1) Object.assign(result, convert(nonNull[0]));
    else result.anyOf = nonNull.map(convert);
  }
  if (types.length === 1) result.type = types[0];
  else if (types.length > 1) result.anyOf = types.map((type) => convert({ ...source, type, anyOf: undefined, oneOf: undefined }));

  if (source.properties && typeof source.properties === "object") {
    result.properties = Object.fromEntries(Object.entries(source.properties as Record<string, unknown>).map(([name, value]) => [name, convert(value)]));
    if (Array.isArray(source.required) && source.required.length) result.required = source.required;
  }
  if (source.items !== undefined && !Array.isArray(source.items)) result.items = convert(source.items);
  return result;
}

/** Whether a converted object schema has no properties (Gemini rejects an empty OBJECT: such parameters are omitted). */
export function isEmptyObjectSchema(schema: Record<string, unknown>): boolean {
  return schema.type === "object" && (schema.properties === undefined || Object.keys(schema.properties as object).length === 0);
}
