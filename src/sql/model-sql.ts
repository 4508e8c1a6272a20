// The per-model DDL prisma-ai owns (see docs/schema-annotations.md, "What `prisma generate` emits"): embeddings tables, their
// partial vector indexes, the hybrid-search full-text index, and the triggers that enqueue Graphile Worker jobs
// in the same transaction as the write. Every statement is idempotent, so the whole script can run again.
import type { AISchema, DistanceMetric, EmbeddedFieldMeta, GeneratedFieldMeta, ModelMeta } from "../schema/index.js";
import {
  enqueueFunctionName,
  enqueueInsertedFunctionName,
  enqueueTriggerName,
  enqueueUpdateTriggerName,
  fullTextIndexName,
  prismaAISchemaName,
  vectorIndexName,
} from "./names.js";
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
  const names = Object.keys(schema.models).sort();
  const parts = names.map((name) => buildOneModelSql(schema.models[name]!, options)).filter((sql) => sql.length > 0);
  if (options.triggers) parts.push(staleTriggersSql(names.map((name) => schema.models[name]!)));
  return parts.join("\n\n");
}

/**
 * Drops prisma-ai's enqueue triggers from tables no model of this schema uses any more (a model whose
 * annotations were removed, or renamed with `@@map`), so they stop enqueueing jobs nobody runs. Like the
 * migrations row that records the model SQL, it assumes one prisma-ai schema per database. Embeddings tables
 * of such models are kept (their data is yours to drop).
 */
function staleTriggersSql(models: readonly ModelMeta[]): string {
  const current = models.map((model) => quoteLiteral(quoteQualifiedName(model.dbSchema, model.table)));
  const triggerNames = [enqueueTriggerName, enqueueUpdateTriggerName].map(quoteLiteral).join(", ");
  return `-- enqueue triggers on tables no annotated model uses any more
do $prisma_ai_stale_triggers$
declare
  stale record;
begin
  for stale in
    select t.tgname, t.tgrelid::regclass as source
    from pg_trigger as t
    where not t.tgisinternal and t.tgname in (${triggerNames})
      and t.tgrelid not in (select to_regclass(name) from unnest(array[${current.join(", ")}]::text[]) as name where to_regclass(name) is not null)
  loop
    execute format('drop trigger %I on %s', stale.tgname, stale.source);
  end loop;
end
$prisma_ai_stale_triggers$;`;
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
  const insertTrigger = quoteIdentifier(enqueueTriggerName);
  const updateTrigger = quoteIdentifier(enqueueUpdateTriggerName);
  const statements = [`drop trigger if exists ${insertTrigger} on ${source};\ndrop trigger if exists ${updateTrigger} on ${source};`];

  // A job of the row `alias` as a graphile_worker.job_spec: its key is the row's, so writes while it waits collapse.
  const id = (alias: string) => `${alias}.${quoteIdentifier(model.id.column)}::text`;
  const spec = (identifier: string, payload: string, key: string): string =>
    `(${quoteLiteral(identifier)}, ${payload}, null, null, ${triggerJobMaxAttempts}, ${key}, null, null)::graphile_worker.job_spec`;
  const embedJob = (alias: string): string =>
    spec(jobIdentifiers.embed, `json_build_object('model', ${quoteLiteral(model.name)}, 'id', ${id(alias)})`, `${quoteLiteral(embedJobKeyPrefix(model.name))} || ${id(alias)}`);
  const generateJob = (field: GeneratedFieldMeta, alias: string): string =>
    spec(
      jobIdentifiers.generate,
      `json_build_object('model', ${quoteLiteral(model.name)}, 'id', ${id(alias)}, 'field', ${quoteLiteral(field.field)})`,
      `${quoteLiteral(generateJobKeyPrefix(model.name, field.field))} || ${id(alias)}`,
    );
  const triggerFunction = (name: string, body: string[]): string => `create or replace function ${name}() returns trigger
language plpgsql as $prisma_ai_trigger$
declare
  pending graphile_worker.job_spec[] := '{}';
begin
${indent(body, 1)}
end
$prisma_ai_trigger$;`;

  if (onInsert) {
    // One trigger per INSERT statement, over its transition table: a createMany or an import of many rows enqueues
    // all their jobs with one add_jobs call instead of one call per row.
    const rows = "prisma_ai_inserted";
    const selects = [
      ...(model.embedded.length > 0 ? [`select ${embedJob("r")} as spec from ${rows} as r`] : []),
      ...generatedOnCreate.map((field) => `select ${generateJob(field, "r")} as spec from ${rows} as r`),
    ];
    const functionName = quoteQualifiedName(prismaAISchemaName, enqueueInsertedFunctionName(model));
    const body = [`select coalesce(array_agg(spec), '{}') into pending from (`, indent([selects.join("\nunion all\n")], 1), `) as specs;`, ...enqueueSpecs, `return null;`];
    statements.push(
      triggerFunction(functionName, body),
      `create trigger ${insertTrigger} after insert on ${source}\n  referencing new table as ${rows}\n  for each statement execute function ${functionName}();`,
    );
  }
  if (updateColumns.size > 0) {
    const changed = (columns: Iterable<string>): string =>
      [...columns].map((column) => `new.${comparable(model, column)} is distinct from old.${comparable(model, column)}`).join(" or ");
    const add = (job: string) => `  pending := pending || ${job};`;
    const body: string[] = [];
    if (model.embedded.length > 0) body.push(`if ${changed(model.embedded.map((field) => field.column))} then\n${add(embedJob("new"))}\nend if;`);
    for (const field of generatedOnUpdate) {
      // json (unlike jsonb) has no equality operator: compare generated Json columns as text.
      const column = quoteIdentifier(field.column) + (field.type === "Json" ? "::text" : "");
      const sources = changed(field.sourceFields.map((name) => columnOf(model, name)));
      body.push(`if (${sources}) and new.${column} is not distinct from old.${column} then\n${add(generateJob(field, "new"))}\nend if;`);
    }
    const functionName = quoteQualifiedName(prismaAISchemaName, enqueueFunctionName(model));
    statements.push(
      triggerFunction(functionName, [...body, ...enqueueSpecs, `return null;`]),
      `create trigger ${updateTrigger} after update of ${[...updateColumns].map(quoteIdentifier).join(", ")} on ${source}\n  for each row execute function ${functionName}();`,
    );
  }
  return statements;
}

/**
 * Enqueues the specs in `pending` with one `graphile_worker.add_jobs` call (most of add_job's cost is per call).
 * add_jobs returns no row for a spec (and enqueues nothing) when a worker locks the job with the same key between
 * its statements (graphile/worker#580, still in 0.17.3): those specs are enqueued again until each has a job.
 */
const enqueueSpecs = [
  `while cardinality(pending) > 0 loop`,
  `  with added as (select key from graphile_worker.add_jobs(pending, false))`,
  `  select coalesce(array_agg(spec), '{}') into pending from unnest(pending) as spec where spec.job_key not in (select key from added);`,
  `end loop;`,
];

function indent(lines: string[], depth: number): string {
  return lines.join("\n").replace(/^/gm, "  ".repeat(depth));
}

/** A quoted column, cast to text when it is Json (a `json` column has no equality operator). */
function comparable(model: ModelMeta, column: string): string {
  const field = Object.values(model.fields).find((candidate) => candidate.column === column);
  return quoteIdentifier(column) + (field?.type === "Json" ? "::text" : "");
}

function columnOf(model: ModelMeta, field: string): string {
  return model.fields[field]?.column ?? field;
}

