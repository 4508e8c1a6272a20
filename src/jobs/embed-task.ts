// The `prisma_ai.embed` task. Its payload is an array of rows ({ model, id, field? }): the triggers enqueue
// one-element arrays under one job key per model and Graphile Worker appends them while the job waits, so one
// job carries a burst of writes (duplicates of a row included: they are embedded once). The rows are cut into
// slices of `batchSize`, one embedding request each, `batchConcurrency` in flight (a slice's write overlaps the
// next slice's request); a failing slice fails alone.
// Retries keep Graphile Worker's batch-job semantics (only the failed entries are retried, with its exponential
// backoff and attempt count), with one twist for the keyed jobs the triggers feed: Graphile Worker gives a
// locked keyed job `attempts = max_attempts` when a write arrives while it runs (and enqueues a new job), so
// failed entries left in it would never run again. A keyed job therefore moves its failed entries into an
// unkeyed job of their own (same attempt count, due after the same backoff) and completes; an unkeyed job
// returns one promise per entry and Graphile Worker keeps only the failed ones. On the last attempt a failing
// slice is recorded in prisma_ai.failures (what `status` shows and `retry-failed` re-enqueues) instead.
import type { JobHelpers, Task } from "graphile-worker";
import type { EmbeddedFieldMeta, ModelMeta } from "../schema/ai-schema.js";
import { AIError } from "../spec/errors/index.js";
import { jobIdentifiers } from "../sql/model-sql.js";
import { quoteIdentifier } from "../sql/quote.js";
import type { SqlExecutor } from "../sql/sql-executor.js";
import { prepareEmbeddings, writeEmbeddings } from "./embed-records.js";
import { describeError, fieldsNeedingEmbeddingStatement, recordFailuresStatement, type RowField } from "./failures.js";
import { describePayloadIssues, embedPayloadSchema, type EmbedEntry } from "./payloads.js";
import { pgExecutor } from "./pg-executor.js";
import { Limiter, type ResolvedTaskOptions } from "./task-options.js";

/** Delay Graphile Worker puts before attempt `attempts + 1` of a failed job: e^min(attempts, 10) seconds. */
export function retryDelayMs(attempts: number): number {
  return Math.round(Math.exp(Math.min(Math.max(attempts, 1), 10)) * 1_000);
}

/** Builds the `prisma_ai.embed` task. */
export function createEmbedTask(options: ResolvedTaskOptions): Task {
  return async (payload, helpers) => {
    const parsed = embedPayloadSchema.safeParse(payload);
    if (!parsed.success) {
      // Retrying cannot fix a malformed payload: say so and let the job complete.
      helpers.logger.error(`prisma_ai.embed job ${helpers.job.id} has an invalid payload (${describePayloadIssues(parsed.error)}); it was dropped.`);
      return;
    }
    const entries = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
    const run = new EmbedJobRun(options, helpers, entries);
    const outcomes = run.start();
    // Wait for every slice (allSettled also marks the rejections as handled).
    await Promise.allSettled(outcomes);
    if (run.deferred.length > 0) await run.moveToRetryJob();
    if (Array.isArray(payload)) return outcomes;
    await Promise.all(outcomes);
    return undefined;
  };
}

/** The rows of one model that a job asks to embed, with the fields asked for (undefined: all). */
interface ModelWork {
  model: ModelMeta;
  fields: Map<string, Set<string> | undefined>;
}

class EmbedJobRun {
  private readonly database: SqlExecutor;
  private readonly isLastAttempt: boolean;
  /** Failed slices of a keyed job, moved to a retry job once every slice is done. */
  readonly deferred: Array<{ model: ModelMeta; ids: string[]; fields: string[] | undefined; error: unknown }> = [];
  private readonly requests: Limiter;

  constructor(
    private readonly options: ResolvedTaskOptions,
    private readonly helpers: JobHelpers,
    private readonly entries: readonly EmbedEntry[],
  ) {
    this.database = pgExecutor(helpers.withPgClient);
    this.isLastAttempt = helpers.job.attempts >= helpers.job.max_attempts;
    this.requests = new Limiter(options.batchConcurrency);
  }

  /** Starts every slice; returns one promise per payload entry (the promise of the slice holding its row). */
  start(): Promise<void>[] {
    const byModel = new Map<string, ModelWork | undefined>();
    for (const entry of this.entries) {
      if (!byModel.has(entry.model)) {
        const model = this.options.schema.models[entry.model];
        byModel.set(entry.model, model && model.embedded.length > 0 ? { model, fields: new Map() } : undefined);
      }
      const work = byModel.get(entry.model);
      if (!work) continue;
      const current = work.fields.get(entry.id);
      if (work.fields.has(entry.id) && current === undefined) continue; // already "every field"
      if (entry.field === undefined) work.fields.set(entry.id, undefined);
      else work.fields.set(entry.id, new Set([...(current ?? []), entry.field]));
    }

    const outcomeOf = new Map<string, Promise<void>>();
    for (const [name, work] of byModel) {
      if (!work) {
        this.helpers.logger.warn(`prisma_ai.embed: model ${name} has no /// @ai.embed fields in this aiSchema; its rows were skipped.`);
        continue;
      }
      // Rows asking for the same fields are embedded together.
      const groups = new Map<string, { fields: string[] | undefined; ids: string[] }>();
      for (const [id, fields] of work.fields) {
        const list = fields ? [...fields].sort() : undefined;
        const key = list ? list.join("\u0000") : "*";
        const group = groups.get(key) ?? { fields: list, ids: [] };
        group.ids.push(id);
        groups.set(key, group);
      }
      for (const group of groups.values()) {
        for (let start = 0; start < group.ids.length; start += this.options.batchSize) {
          const ids = group.ids.slice(start, start + this.options.batchSize);
          const outcome = this.embedSlice(work.model, ids, group.fields);
          for (const id of ids) outcomeOf.set(`${name}\u0000${id}`, outcome);
        }
      }
    }
    return this.entries.map((entry) => outcomeOf.get(`${entry.model}\u0000${entry.id}`) ?? Promise.resolve());
  }

  private async embedSlice(model: ModelMeta, ids: string[], fields: string[] | undefined): Promise<void> {
    try {
      // At most `batchConcurrency` requests in flight; a slice's write overlaps the next slice's request.
      const prepared = await this.requests.run(() =>
        prepareEmbeddings({ ai: this.options.ai, database: this.database, model, ids, ...(fields ? { fields } : {}), maxInputTokens: this.options.maxInputTokens }),
      );
      const result = await this.options.writeLimiter.run(() => writeEmbeddings(prepared));
      if (result.missing.length > 0) this.helpers.logger.debug(`prisma_ai.embed: ${result.missing.length} ${model.name} row(s) no longer exist; nothing to do for them.`);
    } catch (error) {
      if (AIError.isInstance(error) && error.code === "context_length") {
        // One text too long for the model fails the whole request: find it by halves, embed the others, and
        // record it at once (the same text fails on every attempt).
        if (ids.length === 1) return this.recordFailures(model, ids, fields, error);
        const half = Math.ceil(ids.length / 2);
        await Promise.all([this.embedSlice(model, ids.slice(0, half), fields), this.embedSlice(model, ids.slice(half), fields)]);
        return;
      }
      if (this.isLastAttempt) {
        await this.recordFailures(model, ids, fields, error);
        return;
      }
      if (!this.helpers.job.key) throw error; // Graphile Worker keeps the entry in this job and retries it.
      this.deferred.push({ model, ids, fields, error });
    }
  }

  /** Last attempt (or a text too long): the fields these rows still need are recorded as failed. */
  private async recordFailures(model: ModelMeta, ids: string[], fields: string[] | undefined, error: unknown): Promise<void> {
    const wanted = embeddedFields(model, fields);
    const items = await this.database.query<RowField>(fieldsNeedingEmbeddingStatement(model, wanted, ids));
    if (items.length > 0) await this.database.query(recordFailuresStatement(model, items, "embed", error, this.helpers.job.attempts));
    this.helpers.logger.error(
      `prisma_ai.embed: embedding ${items.length} field(s) of ${ids.length} ${model.name} row(s) failed on attempt ${this.helpers.job.attempts} of ${this.helpers.job.max_attempts}; recorded in prisma_ai.failures (run \`prisma-ai retry-failed\` once fixed): ${describeError(error)}`,
    );
  }

  /**
   * Moves the rows of failed slices of a keyed job into a job of their own, due after Graphile Worker's backoff,
   * with the attempts made so far. A keyed job must not keep them: a write while it runs makes Graphile Worker
   * give it `attempts = max_attempts` (and enqueue a new job), so a failure left in it would never run again.
   */
  async moveToRetryJob(): Promise<void> {
    const entries = this.deferred.flatMap(({ model, ids, fields }) =>
      ids.flatMap((id) => (fields ? fields.map((field) => ({ model: model.name, id, field })) : [{ model: model.name, id }])),
    );
    const job = this.helpers.job;
    const schema = quoteIdentifier(this.options.workerSchema);
    await this.helpers.withPgClient(async (client) => {
      await client.query("BEGIN");
      try {
        const { rows } = await client.query<{ id: string }>(
          `SELECT id FROM ${schema}.add_job($1, $2::json, run_at => now() + $3 * interval '1 millisecond', max_attempts => $4)`,
          [jobIdentifiers.embed, JSON.stringify(entries), retryDelayMs(job.attempts), job.max_attempts],
        );
        await client.query(`UPDATE ${schema}._private_jobs SET attempts = $2, last_error = $3 WHERE id = $1`, [
          rows[0]!.id,
          job.attempts,
          describeError(this.deferred[0]!.error),
        ]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      }
    });
    this.helpers.logger.warn(
      `prisma_ai.embed: ${entries.length} row(s) failed on attempt ${job.attempts} of ${job.max_attempts}; retrying them in ${Math.round(retryDelayMs(job.attempts) / 1000)} s: ${describeError(this.deferred[0]!.error)}`,
    );
  }
}

function embeddedFields(model: ModelMeta, fields: readonly string[] | undefined): EmbeddedFieldMeta[] {
  return fields ? model.embedded.filter((field) => fields.includes(field.field)) : [...model.embedded];
}
