// What `prisma-ai status` shows: per model and embedded field, how many rows are embedded, pending, failed or
// stale; per model, the prisma_ai jobs waiting in Graphile Worker's queue and the age of the oldest one.
import type { AISchema, ModelMeta } from "../schema/ai-schema.js";
import { jobIdentifiers, qualifiedEmbeddingsTable } from "../sql/model-sql.js";
import { quoteIdentifier, quoteLiteral, quoteQualifiedName } from "../sql/quote.js";
import type { SqlExecutor } from "../sql/sql-executor.js";
import { failuresTable } from "./failures.js";
import { readLastErrors, type LastErrorStatus } from "./last-errors.js";
import { defaultHeartbeatTimeoutMs, readWorkers, type LockStatus, type WorkerStatus } from "./worker-registry.js";

/** Embedding state of one embedded field: every row of the table falls in exactly one of the four states. */
export interface FieldStatus {
  model: string;
  field: string;
  /** Rows in the table. */
  rows: number;
  /** Rows whose field has a current embedding (or no text, so nothing to embed). */
  embedded: number;
  /** Rows with text and no embedding yet, and no failure recorded. */
  pending: number;
  /** Rows with a permanent failure recorded for this field (or for the whole row). */
  failed: number;
  /** Rows whose stored embedding was made from older text (no failure recorded). */
  stale: number;
}

/** prisma_ai jobs of one model in Graphile Worker's queue. */
export interface QueueStatus {
  model: string;
  /** Jobs waiting or running (permanently failed ones excluded). */
  jobs: number;
  /** Rows those jobs carry (an embed job holds many). */
  entries: number;
  /** Jobs past their last attempt still in the table (not retried). */
  deadJobs: number;
  /** Seconds since the oldest waiting job was created, or null when none waits. */
  oldestPendingSeconds: number | null;
}

/** Generated fields' failures per model and field. */
export interface GenerateFailureStatus {
  model: string;
  field: string;
  failed: number;
}

/** The whole picture `prisma-ai status` prints. */
export interface AIStatus {
  fields: FieldStatus[];
  generateFailures: GenerateFailureStatus[];
  queue: QueueStatus[];
  /** Registered workers (prisma_ai.workers), alive or not. */
  workers: WorkerStatus[];
  /** prisma_ai jobs locked, per worker (pool id): since when, and whether that worker is alive, dead or unknown. */
  locks: LockStatus[];
  /** Per model, the last error of the rows retrying and of the rows recorded as failed. */
  lastErrors: LastErrorStatus[];
}

/** Reads the status of every annotated model (or only `models`). */
export async function readStatus(
  database: SqlExecutor,
  schema: AISchema,
  options: { models?: readonly string[]; workerSchema?: string; heartbeatTimeoutMs?: number } = {},
): Promise<AIStatus> {
  const models = Object.values(schema.models).filter((model) => !options.models || options.models.includes(model.name));
  const fields: FieldStatus[] = [];
  for (const model of models) {
    if (model.embedded.length === 0) continue;
    const [row] = await database.query<Record<string, number>>({ text: fieldStatusSql(model), values: [model.name] });
    for (const [index, field] of model.embedded.entries()) {
      const count = (state: string) => Number(row?.[`${state}_${index}`] ?? 0);
      fields.push({
        model: model.name,
        field: field.field,
        rows: Number(row?.rows ?? 0),
        embedded: count("embedded"),
        pending: count("pending"),
        failed: count("failed"),
        stale: count("stale"),
      });
    }
  }
  const generated = models.filter((model) => model.generated.length > 0).map((model) => model.name);
  const generateFailures =
    generated.length === 0
      ? []
      : await database.query<GenerateFailureStatus>({
          text: `SELECT model, field, count(*)::int AS failed FROM ${failuresTable} WHERE kind = 'generate' AND model = ANY ($1::text[]) GROUP BY model, field ORDER BY model, field`,
          values: [generated],
        });
  const workerSchema = options.workerSchema ?? "graphile_worker";
  const queue = await readQueue(database, models, workerSchema);
  const { workers, locks } = await readWorkers(database, { workerSchema, timeoutMs: options.heartbeatTimeoutMs ?? defaultHeartbeatTimeoutMs });
  const lastErrors = await readLastErrors(database, { models: models.map((model) => model.name), workerSchema });
  return { fields, generateFailures, queue, workers, locks, lastErrors };
}

function fieldStatusSql(model: ModelMeta): string {
  const id = `t.${quoteIdentifier(model.id.column)}`;
  const embeddings = qualifiedEmbeddingsTable(model);
  const perField = model.embedded.map((field, index) => {
    const column = `t.${quoteIdentifier(field.column)}::text`;
    const name = quoteLiteral(field.field);
    return `(SELECT e.content_hash FROM ${embeddings} AS e WHERE e.row_id = ${id} AND e.field = ${name} AND e.chunk_index = 0) AS hash_${index},
    md5(${column}) AS text_hash_${index}, btrim(coalesce(${column}, '')) <> '' AS has_text_${index},
    EXISTS (SELECT 1 FROM ${failuresTable} AS f WHERE f.model = $1 AND f.kind = 'embed' AND f.row_id = ${id}::text AND f.field IN (${name}, '*')) AS failed_${index}`;
  });
  const counts = model.embedded.map((_, index) => {
    const current = `(NOT has_text_${index} OR coalesce(hash_${index} = text_hash_${index}, false))`;
    return `count(*) FILTER (WHERE failed_${index})::int AS failed_${index},
  count(*) FILTER (WHERE NOT failed_${index} AND ${current})::int AS embedded_${index},
  count(*) FILTER (WHERE NOT failed_${index} AND NOT ${current} AND hash_${index} IS NULL)::int AS pending_${index},
  count(*) FILTER (WHERE NOT failed_${index} AND NOT ${current} AND hash_${index} IS NOT NULL)::int AS stale_${index}`;
  });
  return `SELECT count(*)::int AS rows, ${counts.join(",\n  ")}
FROM (SELECT ${perField.join(",\n    ")} FROM ${quoteQualifiedName(model.dbSchema, model.table)} AS t) AS states`;
}

async function readQueue(database: SqlExecutor, models: readonly ModelMeta[], workerSchema: string): Promise<QueueStatus[]> {
  if (models.length === 0) return [];
  const schema = quoteIdentifier(workerSchema);
  const [installed] = await database.query<{ ok: boolean }>({ text: `SELECT to_regclass($1) IS NOT NULL AS ok`, values: [`${workerSchema}._private_jobs`] });
  if (!installed?.ok) return models.map((model) => ({ model: model.name, jobs: 0, entries: 0, deadJobs: 0, oldestPendingSeconds: null }));
  // Every prisma_ai payload names its model: an array's first entry (a job holds one model's rows) or the object.
  const rows = await database.query<{ model: string; jobs: number; entries: number; dead_jobs: number; oldest_seconds: number | null }>({
    text: `SELECT model, count(*) FILTER (WHERE alive)::int AS jobs, coalesce(sum(entries) FILTER (WHERE alive), 0)::int AS entries,
  count(*) FILTER (WHERE NOT alive)::int AS dead_jobs,
  extract(epoch FROM now() - min(created_at) FILTER (WHERE alive AND locked_at IS NULL))::float8 AS oldest_seconds
FROM (
  SELECT coalesce(j.payload -> 0 ->> 'model', j.payload ->> 'model') AS model,
    CASE WHEN json_typeof(j.payload) = 'array' THEN json_array_length(j.payload) ELSE 1 END AS entries,
    j.attempts < j.max_attempts OR j.locked_at IS NOT NULL AS alive, j.created_at, j.locked_at
  FROM ${schema}._private_jobs AS j JOIN ${schema}._private_tasks AS task ON task.id = j.task_id
  WHERE task.identifier = ANY ($1::text[])
) AS queued
WHERE model = ANY ($2::text[])
GROUP BY model`,
    values: [Object.values(jobIdentifiers), models.map((model) => model.name)],
  });
  const byModel = new Map(rows.map((row) => [row.model, row]));
  return models.map((model) => {
    const row = byModel.get(model.name);
    return {
      model: model.name,
      jobs: row?.jobs ?? 0,
      entries: row?.entries ?? 0,
      deadJobs: row?.dead_jobs ?? 0,
      oldestPendingSeconds: row?.oldest_seconds ?? null,
    };
  });
}
