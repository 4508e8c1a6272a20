// Fills `@ai.generate` fields of one row: the prompt template's `{field}` placeholders get the row's current
// values, the chat model answers, the answer is written to the column with plain SQL (so writing it does not
// go through Prisma, the extension or the update trigger's source-column check again). The write applies only
// if the source fields still hold the values the prompt was built from: an edit meanwhile enqueued newer work.
import type { AI } from "../ai/create-ai.js";
import type { GeneratedFieldMeta, ModelMeta } from "../schema/ai-schema.js";
import { ObjectGenerationError } from "../spec/errors/index.js";
import { idSqlType } from "../sql/model-sql.js";
import { quoteIdentifier, quoteQualifiedName } from "../sql/quote.js";
import type { SqlExecutor } from "../sql/sql-executor.js";

/** What {@link generateFields} needs. */
export interface GenerateFieldsInput {
  readonly ai: Pick<AI, "chat">;
  readonly database: SqlExecutor;
  readonly model: ModelMeta;
  /** The row's id as text. */
  readonly id: string;
  /** Only these generated fields (Prisma names). Default: all of the model's. */
  readonly fields?: readonly string[];
  /** Aborts the provider request (a worker's stop past its timeout). */
  readonly abortSignal?: AbortSignal;
}

/** Fields written, or `missing` when the row no longer exists. */
export interface GenerateFieldsResult {
  readonly generated: string[];
  readonly missing: boolean;
  /** Fields not written because their source fields changed while the model was answering. */
  readonly superseded: string[];
}

/** Replaces each `{name}` of the template with the value of field `name` (empty when null). */
export function fillPrompt(template: string, values: Readonly<Record<string, string | null | undefined>>): string {
  return template.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name: string) => (name in values ? (values[name] ?? "") : whole));
}

/** Generates and writes the given generated fields of one row. Throws the provider's error when a call fails. */
export async function generateFields(input: GenerateFieldsInput): Promise<GenerateFieldsResult> {
  const fields = input.fields ? input.model.generated.filter((field) => input.fields!.includes(field.field)) : input.model.generated;
  if (fields.length === 0) return { generated: [], missing: false, superseded: [] };
  const sources = [...new Set(fields.flatMap((field) => field.sourceFields))];
  const idColumn = `t.${quoteIdentifier(input.model.id.column)}`;
  const table = quoteQualifiedName(input.model.dbSchema, input.model.table);
  const columns = sources.map((name, index) => `t.${quoteIdentifier(input.model.fields[name]?.column ?? name)}::text AS ${quoteIdentifier(`s${index}`)}`);
  const rows = await input.database.query<Record<string, string | null>>({
    text: `SELECT ${["1 AS found", ...columns].join(", ")} FROM ${table} AS t WHERE ${idColumn} = $1::${idSqlType(input.model)}`,
    values: [input.id],
  });
  const row = rows[0];
  if (!row) return { generated: [], missing: true, superseded: [] };
  const values = Object.fromEntries(sources.map((name, index) => [name, row[`s${index}`]]));

  const updates = [];
  for (const field of fields) {
    const value = await generateOne(input.ai, input.model, field, fillPrompt(field.prompt, values), input.abortSignal);
    // Guard: every source field still has the value the prompt used.
    const unchanged = field.sourceFields.map(
      (name, index) => `${quoteIdentifier(input.model.fields[name]?.column ?? name)}::text IS NOT DISTINCT FROM $${index + 3}::text`,
    );
    updates.push({
      text: `UPDATE ${table} SET ${quoteIdentifier(field.column)} = $1::${field.type === "Json" ? "jsonb" : "text"} WHERE ${quoteIdentifier(input.model.id.column)} = $2::${idSqlType(input.model)}${unchanged.map((condition) => ` AND ${condition}`).join("")} RETURNING 1 AS written`,
      values: [value, input.id, ...field.sourceFields.map((name) => values[name] ?? null)],
    });
  }
  const results = await input.database.transaction(updates);
  const generated = fields.filter((_, index) => (results[index]?.length ?? 0) > 0).map((field) => field.field);
  return { generated, missing: false, superseded: fields.filter((field) => !generated.includes(field.field)).map((field) => field.field) };
}

async function generateOne(ai: Pick<AI, "chat">, model: ModelMeta, field: GeneratedFieldMeta, prompt: string, abortSignal?: AbortSignal): Promise<string> {
  const reply = await ai.chat({
    model: field.model,
    ...(abortSignal ? { abortSignal } : {}),
    messages: [{ role: "user", content: prompt }],
    ...(field.type === "Json" ? { responseFormat: { type: "json" as const } } : {}),
  });
  if (field.type === "String") return reply.text.trim();
  try {
    return JSON.stringify(JSON.parse(reply.text));
  } catch (error) {
    throw new ObjectGenerationError(`${field.model} did not reply with JSON for ${model.name}.${field.field}; make the prompt ask for JSON.`, {
      text: reply.text,
      issues: [],
      cause: error,
    });
  }
}
