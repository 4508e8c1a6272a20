// Batching across embed jobs in one worker process. The triggers enqueue one job per written row; the worker runs
// many of them at once, and each hands its row to this batcher and waits. Rows of the same model (asking for the
// same fields) that arrive close together go out in one embedding request of at most `batchSize` rows: a batch
// is sent when it is full, or once no row has joined it for `batchWaitMs` (at the latest 10 times that after its
// first row). At most `requestConcurrency` requests are in flight (the rest wait for a slot, still joinable
// until they are sent); writes go through the shared write limiter. A batch that fails settles every row in it
// with the error, and each job decides (retry, or record on its last attempt).
import type { AI } from "../ai/create-ai.js";
import type { ModelMeta } from "../schema/ai-schema.js";
import { isContextLengthError } from "../spec/errors/index.js";
import type { SqlExecutor } from "../sql/sql-executor.js";
import { prepareEmbeddings, writeEmbeddings } from "./embed-records.js";
import type { Limiter } from "./limiter.js";

/** How a batch tells what it did, for the worker's log. */
export interface EmbedBatchLog {
  debug(message: string): void;
}

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
  /** The job's abort signal (Graphile Worker's `helpers.abortSignal`). */
  signal: AbortSignal | undefined;
}

/** Rows of one model and one set of fields, waiting to be sent together. */
interface OpenBatch {
  readonly model: ModelMeta;
  readonly fields: readonly string[] | undefined;
  readonly database: SqlExecutor;
  readonly log: EmbedBatchLog;
  /** Waiters per row id (a row asked for twice is embedded once). */
  readonly rows: Map<string, Waiter[]>;
  readonly openedAt: number;
  timer?: NodeJS.Timeout;
}

/** What an {@link EmbedBatcher} needs (the worker's task options provide it; see `AITaskListOptions`). */
export interface EmbedBatcherOptions {
  readonly ai: Pick<AI, "embed">;
  /** Most rows per embedding request. */
  readonly batchSize: number;
  /** How long an incomplete batch waits for more rows, in ms. */
  readonly batchWaitMs: number;
  /** Most approximate tokens of one text sent to the embedding model. */
  readonly maxInputTokens: number;
  /** Limits the provider requests in flight. */
  readonly requestLimiter: Limiter;
  /** Limits the embedding writes in flight. */
  readonly writeLimiter: Limiter;
}

/** Longest an incomplete batch waits, as a multiple of `batchWaitMs`. */
const maxWaitFactor = 10;

export class EmbedBatcher {
  private readonly open = new Map<string, OpenBatch>();

  constructor(private readonly options: EmbedBatcherOptions) {}

  /**
   * Embeds the given fields (all when undefined) of one row, in a batch with the rows other jobs hand in about the
   * same time. Resolves once the row's vectors are written (or nothing was needed); rejects with the batch's error.
   */
  embed(database: SqlExecutor, log: EmbedBatchLog, model: ModelMeta, id: string, fields: readonly string[] | undefined, abortSignal?: AbortSignal): Promise<void> {
    const sorted = fields ? [...new Set(fields)].sort() : undefined;
    const key = `${model.name}\u0000${sorted ? sorted.join("\u0000") : "*"}`;
    let batch = this.open.get(key);
    if (!batch) {
      batch = { model, fields: sorted, database, log, rows: new Map(), openedAt: Date.now() };
      this.open.set(key, batch);
    }
    const done = new Promise<void>((resolve, reject) => {
      const waiters = batch.rows.get(id) ?? [];
      waiters.push({ resolve, reject, signal: abortSignal });
      batch.rows.set(id, waiters);
    });
    if (batch.rows.size >= this.options.batchSize) this.close(key, batch);
    else this.schedule(key, batch);
    return done;
  }

  /** (Re)arms the batch's timer: it closes once no row joined for `batchWaitMs`, or at its latest time. */
  private schedule(key: string, batch: OpenBatch): void {
    if (batch.timer) clearTimeout(batch.timer);
    const latest = batch.openedAt + this.options.batchWaitMs * maxWaitFactor;
    const delay = Math.max(0, Math.min(this.options.batchWaitMs, latest - Date.now()));
    batch.timer = setTimeout(() => this.close(key, batch), delay);
  }

  private close(key: string, batch: OpenBatch): void {
    if (batch.timer) clearTimeout(batch.timer);
    if (this.open.get(key) === batch) this.open.delete(key);
    void this.send(batch, [...batch.rows.keys()]);
  }

  /** Sends the rows' request, writes the vectors, and settles their waiters. */
  private async send(batch: OpenBatch, ids: string[]): Promise<void> {
    const { model, fields, database } = batch;
    // The request serves many jobs: it is aborted when theirs are (a stop past its timeout aborts every job at once).
    // Graphile Worker gives every job of a pool the same signal, so this is usually one.
    const signals = [...new Set(ids.flatMap((id) => batch.rows.get(id)!.flatMap((waiter) => (waiter.signal ? [waiter.signal] : []))))];
    const abortSignal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
    try {
      const prepared = await this.options.requestLimiter.run(
        () => prepareEmbeddings({ ai: this.options.ai, database, model, ids, ...(fields ? { fields } : {}), maxInputTokens: this.options.maxInputTokens, ...(abortSignal ? { abortSignal } : {}) }),
        abortSignal,
      );
      const result = await this.options.writeLimiter.run(() => writeEmbeddings(prepared), abortSignal);
      if (result.missing.length > 0) batch.log.debug(`prisma_ai.embed: ${result.missing.length} ${model.name} row(s) no longer exist; nothing to do for them.`);
      for (const id of ids) for (const waiter of batch.rows.get(id)!) waiter.resolve();
    } catch (error) {
      if (ids.length > 1 && isContextLengthError(error)) {
        // One text too long for the model fails the whole request: find it by halves so the others go through.
        const half = Math.ceil(ids.length / 2);
        await Promise.all([this.send(batch, ids.slice(0, half)), this.send(batch, ids.slice(half))]);
        return;
      }
      for (const id of ids) for (const waiter of batch.rows.get(id)!) waiter.reject(error);
    }
  }
}
