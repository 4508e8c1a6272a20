// The per-model DDL prisma-ai owns (see README, "The prisma_ai database contract"): embeddings tables, their
// partial vector indexes, the hybrid-search full-text index, and the triggers that enqueue Graphile Worker jobs
// in the same transaction as the write. Every statement is idempotent, so the whole script can run again.
import type { AISchema, DistanceMetric, EmbeddedFieldMeta, GeneratedFieldMeta, ModelMeta } from "../schema/index.js";
import { enqueueFunctionName, enqueueTriggerName, fullTextIndexName, prismaAISchemaName, vectorIndexName } from "./names.js";
import { quoteIdentifier, quoteLiteral, quoteQualifiedName } from "./quote.js";

/** Options of {@link buildModelSql}. */
export interface ModelSqlOptions {
  /**
   * Emit the trigger functions and triggers that enqueue jobs (needs `graphile_worker.add_job`). `false` for
   * inline mode (no worker): the tables and indexes only. Required, so the choice is always explicit.
   */
  triggers: boolean;
}

/** Graphile Worker task identifiers the triggers enqueue. */
export const jobIdentifiers = { embed: "prisma_ai.embed", generate: "prisma_ai.generate", backfill: "prisma_ai.backfill" } as const;

/** `max_attempts` of the jobs the triggers enqueue. */
export const triggerJobMaxAttempts = 10;

/**
 * Prefix of the job key of one row's embed job; the row id (as text) follows. One key per row: a burst of writes
 * to a row collapses into one waiting job, and writers of different rows never wait for each other.
 */
export function embedJobKeyPrefix(model: string): string {
  return `${jobIdentifiers.embed}:${model}:`;
}

/** Prefix of the job key of one generated field; the row id (as text) follows. */
export function generateJobKeyPrefix(model: string, field: string): string {
  return `${jobIdentifiers.generate}:${model}:${field}:`;
}

/** The SQL type of a model's id column: `integer`, `bigint`, `uuid` (`@db.Uuid`) or `text`. */
export function idSqlType(model: Pick<ModelMeta, "id">): "integer" | "bigint" | "uuid" | "text" {
  if (model.id.type === "Int") return "integer";
  if (model.id.type === "BigInt") return "bigint";
  return model.id.nativeType === "Uuid" ? "uuid" : "text";
}

/** pgvector operator of a distance metric (the one the index's operator class supports). */
export function distanceOperator(distance: DistanceMetric): "<=>" | "<->" | "<#>" {
  return distance === "cosine" ? "<=>" : distance === "l2" ? "<->" : "<#>";
}

/** Operator class of a field's vector index, e.g. `vector_cosine_ops`, `halfvec_ip_ops`. */
export function operatorClass(field: Pick<EmbeddedFieldMeta, "vectorType" | "distance">): string {
  const suffix = field.distance === "cosine" ? "cosine" : field.distance === "l2" ? "l2" : "ip";
  return `${field.vectorType}_${suffix}_ops`;
}

/**
 * The typed expression the index is built on and searches must order by: `(embedding::vector(1536))`.
 * @param column the (already quoted or qualified) embedding column, default `embedding`.
 */
export function vectorExpression(field: Pick<EmbeddedFieldMeta, "vectorType" | "dimensions">, column = "embedding"): string {
  return `${column}::${field.vectorType}(${field.dimensions})`;
}

/** The full-text expression of `search: hybrid` over a model's embedded columns (the GIN index's expression). */
export function fullTextExpression(model: Pick<ModelMeta, "embedded">, tableAlias?: string): string {
  const prefix = tableAlias ? `${quoteIdentifier(tableAlias)}.` : "";
  const text = model.embedded.map((field) => `coalesce(${prefix}${quoteIdentifier(field.column)}, '')`).join(" || ' ' || ");
  return `to_tsvector('english', ${text})`;
}

/** Qualified name of a model's embeddings table: `"prisma_ai"."articles_embeddings"`. */
export function qualifiedEmbeddingsTable(model: Pick<ModelMeta, "embeddingsTable">): string {
  return quoteQualifiedName(prismaAISchemaName, model.embeddingsTable);
}

/** The per-model SQL of every annotated model, in model-name order. Empty string when there are none. */
export function buildModelSql(schema: AISchema, options: ModelSqlOptions): string {
  return Object.keys(schema.models)
    .sort()
    .map((name) => buildOneModelSql(schema.models[name]!, options))
    .filter((sql) => sql.length > 0)
    .join("\n\n");
}

function buildOneModelSql(model: ModelMeta, options: ModelSqlOptions): string {
  const parts: string[] = [`-- model ${model.name} (${model.dbSchema}.${model.table})`];
  if (model.embedded.length > 0) parts.push(...embeddingsStorageSql(model));
  if (options.triggers) parts.push(...triggerSql(model));
  return parts.length > 1 ? parts.join("\n\n") : "";
}

function embeddingsStorageSql(model: ModelMeta): string[] {
  const table = qualifiedEmbeddingsTable(model);
  const source = quoteQualifiedName(model.dbSchema, model.table);
  const statements = [
    `create table if not exists ${table} (
  row_id ${idSqlType(model)} not null references ${source} (${quoteIdentifier(model.id.column)}) on delete cascade,
  field text not null,
  chunk_index integer not null default 0,
  chunk_text text,
  content_hash text not null,
  embedding_model text not null,
  embedding vector not null,
  embedded_at timestamptz not null default now(),
  primary key (row_id, field, chunk_index)
);`,
  ];
  for (const field of model.embedded) {
    if (field.index === "none") continue;
    const withClause = field.index === "ivfflat" ? " with (lists = 100)" : "";
    statements.push(
      `create index if not exists ${quoteIdentifier(vectorIndexName(model, field))} on ${table}\n` +
        `  using ${field.index} ((${vectorExpression(field)}) ${operatorClass(field)})${withClause} where field = ${quoteLiteral(field.field)};`,
    );
  }
  if (model.hybridSearch) {
    statements.push(`create index if not exists ${quoteIdentifier(fullTextIndexName(model))} on ${source}\n  using gin (${fullTextExpression(model)});`);
  }
  return statements;
}

function triggerSql(model: ModelMeta): string[] {
  const generatedOnCreate = model.generated.filter((field) => field.on.includes("create"));
  const generatedOnUpdate = model.generated.filter((field) => field.on.includes("update"));
  const onInsert = model.embedded.length > 0 || generatedOnCreate.length > 0;
  const updateColumns = new Set<string>();
  for (const field of model.embedded) updateColumns.add(field.column);
  for (const field of generatedOnUpdate) for (const source of field.sourceFields) updateColumns.add(columnOf(model, source));
  const source = quoteQualifiedName(model.dbSchema, model.table);
  const functionName = quoteQualifiedName(prismaAISchemaName, enqueueFunctionName(model));
  const trigger = quoteIdentifier(enqueueTriggerName);
  const drop = `drop trigger if exists ${trigger} on ${source};`;
  if (!onInsert && updateColumns.size === 0) return [drop];

  const id = `new.${quoteIdentifier(model.id.column)}::text`;
  // The row's jobs are collected and enqueued with one `graphile_worker.add_jobs` call: most of add_job's cost is
  // per call, so a write that needs an embed and a generate job pays it once.
  const jobSpec = (identifier: string, payload: string, key: string): string =>
    `pending := pending || (${quoteLiteral(identifier)}, ${payload}, null, null, ${triggerJobMaxAttempts}, ${key}, null, null)::graphile_worker.job_spec;`;
  const embedJob = jobSpec(
    jobIdentifiers.embed,
    `json_build_object('model', ${quoteLiteral(model.name)}, 'id', ${id})`,
    `${quoteLiteral(embedJobKeyPrefix(model.name))} || ${id}`,
  );
  const generateJob = (field: GeneratedFieldMeta): string =>
    jobSpec(
      jobIdentifiers.generate,
      `json_build_object('model', ${quoteLiteral(model.name)}, 'id', ${id}, 'field', ${quoteLiteral(field.field)})`,
      `${quoteLiteral(generateJobKeyPrefix(model.name, field.field))} || ${id}`,
    );
  // add_jobs returns no row for a spec (and enqueues nothing) when a worker locks the job with the same key between
  // its statements (graphile/worker#580, still in 0.17.3): those specs are enqueued again until each has a job.
  const enqueue = [
    `while cardinality(pending) > 0 loop`,
    `  with added as (select key from graphile_worker.add_jobs(pending, false))`,
    `  select coalesce(array_agg(spec), '{}') into pending from unnest(pending) as spec where spec.job_key not in (select key from added);`,
    `end loop;`,
  ];
  const changed = (columns: Iterable<string>): string =>
    [...columns].map((column) => `new.${comparable(model, column)} is distinct from old.${comparable(model, column)}`).join(" or ");

  const insertBody: string[] = [];
  if (model.embedded.length > 0) insertBody.push(embedJob);
  for (const field of generatedOnCreate) insertBody.push(generateJob(field));
  const updateBody: string[] = [];
  if (model.embedded.length > 0) {
    updateBody.push(`if ${changed(model.embedded.map((field) => field.column))} then\n  ${embedJob.replace(/\n/g, "\n  ")}\nend if;`);
  }
  for (const field of generatedOnUpdate) {
    // json (unlike jsonb) has no equality operator: compare generated Json columns as text.
    const column = quoteIdentifier(field.column) + (field.type === "Json" ? "::text" : "");
    const sources = changed(field.sourceFields.map((name) => columnOf(model, name)));
    updateBody.push(`if (${sources}) and new.${column} is not distinct from old.${column} then\n  ${generateJob(field).replace(/\n/g, "\n  ")}\nend if;`);
  }
  const indent = (lines: string[], depth: number): string => lines.join("\n").replace(/^/gm, "  ".repeat(depth));
  const body = [
    `if tg_op = 'INSERT' then`,
    insertBody.length > 0 ? indent(insertBody, 1) : "  null;",
    `else`,
    updateBody.length > 0 ? indent(updateBody, 1) : "  null;",
    `end if;`,
    ...enqueue,
    `return null;`,
  ];
  const events = [onInsert ? "insert" : "", updateColumns.size > 0 ? `update of ${[...updateColumns].map(quoteIdentifier).join(", ")}` : ""]
    .filter(Boolean)
    .join(" or ");
  return [
    `create or replace function ${functionName}() returns trigger
language plpgsql as $prisma_ai_trigger$
declare
  pending graphile_worker.job_spec[] := '{}';
begin
${indent(body, 1)}
end
$prisma_ai_trigger$;`,
    `${drop}\ncreate trigger ${trigger} after ${events} on ${source}\n  for each row execute function ${functionName}();`,
  ];
}

/** A quoted column, cast to text when it is Json (a `json` column has no equality operator). */
function comparable(model: ModelMeta, column: string): string {
  const field = Object.values(model.fields).find((candidate) => candidate.column === column);
  return quoteIdentifier(column) + (field?.type === "Json" ? "::text" : "");
}

function columnOf(model: ModelMeta, field: string): string {
  return model.fields[field]?.column ?? field;
}

