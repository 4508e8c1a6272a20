// queue: "inline": the work the triggers + worker would do, done in this process after writes made through the
// extended client. Writes are collected per model for a short window (`inlineBatchWindowMs`) and flushed
// together, so a loop of creates becomes a few embedding calls instead of one per row; generation runs per row, before embedding, so a generated
// field that is also embedded is embedded with its new text. A row not visible yet (written in a transaction
// that has not committed) is retried a few times, then dropped (rolled back or deleted).
import { embedRecords, recordFailureStatement } from "./embed-records.js";
import { generateFields } from "./generate-fields.js";
import type { AI } from "../ai/create-ai.js";
import type { AISchema, ModelMeta } from "../schema/ai-schema.js";
import type { SqlExecutor } from "../sql/sql-executor.js";

/** One piece of inline work that failed; also recorded in `prisma_ai.failures`. */
export interface InlineFailure {
  model: string;
  id: string;
  /** The field concerned, or `*` when the whole row's embedding call failed. */
  field: string;
  kind: "embed" | "generate";
  error: unknown;
}

/** What `prisma.$ai.drain()` returns: the work done since the previous drain. */
export interface DrainResult {
  /** Rows whose embeddings were written (or found current). */
  embedded: number;
  /** Generated fields written. */
  generated: number;
  failures: InlineFailure[];
}

/** A write the queue should follow up: which row, and which fields the write touched (undefined: all, e.g. create). */
export interface InlineWrite {
  model: string;
  id: string;
  operation: "create" | "update" | "upsert";
  /** Prisma field names present in the write's data; undefined when unknown. */
  touched?: readonly string[];
}

/** How long writes are collected before their work starts (one embedding call for all of them). */
export const inlineBatchWindowMs = 20;

/** Delays before looking again for a row written in a transaction that had not committed yet. */
const retryDelaysMs = [20, 80, 250, 600, 1_200];

export class InlineQueue {
  private readonly buffered = new Map<string, Map<string, { generate: Set<string>; embed: boolean; attempt: number }>>();
  private readonly running = new Set<Promise<void>>();
  private flushScheduled = false;
  private flushStarted: Promise<void> = Promise.resolve();
  private result: DrainResult = { embedded: 0, generated: 0, failures: [] };

  constructor(
    private readonly ai: Pick<AI, "embed" | "chat">,
    private readonly schema: AISchema,
    private readonly database: SqlExecutor,
  ) {}

  /** Notes a write; its work starts {@link inlineBatchWindowMs} after the first write of the batch. */
  add(write: InlineWrite): void {
    const model = this.schema.models[write.model];
    if (!model) return;
    const generate = model.generated.filter((field) => shouldGenerate(field, write)).map((field) => field.field);
    const embedColumnsTouched =
      write.touched === undefined ||
      model.embedded.some((field) => write.touched!.includes(field.field)) ||
      generate.some((name) => model.embedded.some((field) => field.field === name));
    const embed = model.embedded.length > 0 && (write.operation !== "update" || embedColumnsTouched);
    if (generate.length === 0 && !embed) return;
    this.buffer(model, write.id, new Set(generate), embed, 0);
  }

  /** Waits until every piece of work scheduled so far (and the retries it caused) is done; returns what happened. */
  async drain(): Promise<DrainResult> {
    while (this.flushScheduled || this.running.size > 0) {
      if (this.flushScheduled) await this.flushStarted;
      await Promise.allSettled([...this.running]);
    }
    const result = this.result;
    this.result = { embedded: 0, generated: 0, failures: [] };
    return result;
  }

  private buffer(model: ModelMeta, id: string, generate: Set<string>, embed: boolean, attempt: number): void {
    const rows = this.buffered.get(model.name) ?? new Map();
    this.buffered.set(model.name, rows);
    const existing = rows.get(id);
    if (existing) {
      for (const field of generate) existing.generate.add(field);
      existing.embed ||= embed;
    } else rows.set(id, { generate, embed, attempt });
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      this.flushStarted = new Promise<void>((resolve) => {
        setTimeout(() => {
          this.flushScheduled = false;
          this.track(this.flush());
          resolve();
        }, inlineBatchWindowMs).unref?.();
      });
    }
  }

  private track(work: Promise<void>): void {
    this.running.add(work);
    void work.finally(() => this.running.delete(work));
  }

  private async flush(): Promise<void> {
    const batches = [...this.buffered.entries()];
    this.buffered.clear();
    await Promise.all(batches.map(([modelName, rows]) => this.processModel(this.schema.models[modelName]!, rows)));
  }

  private async processModel(model: ModelMeta, rows: Map<string, { generate: Set<string>; embed: boolean; attempt: number }>): Promise<void> {
    const missing = new Set<string>();
    // Generation first (per row), so embedded generated fields are embedded with their new text.
    await Promise.all(
      [...rows.entries()]
        .filter(([, work]) => work.generate.size > 0)
        .map(async ([id, work]) => {
          for (const field of work.generate) {
            try {
              const outcome = await generateFields({ ai: this.ai, database: this.database, model, id, fields: [field] });
              if (outcome.missing) missing.add(id);
              else this.result.generated++;
            } catch (error) {
              await this.fail(model, id, field, "generate", error);
            }
          }
        }),
    );
    const toEmbed = [...rows.entries()].filter(([id, work]) => work.embed && !missing.has(id)).map(([id]) => id);
    if (toEmbed.length > 0) {
      try {
        const outcome = await embedRecords({ ai: this.ai, database: this.database, model, ids: toEmbed });
        for (const id of outcome.missing) missing.add(id);
        this.result.embedded += toEmbed.length - outcome.missing.length;
      } catch (error) {
        for (const id of toEmbed) for (const field of model.embedded) await this.fail(model, id, field.field, "embed", error);
      }
    }
    for (const id of missing) {
      const work = rows.get(id)!;
      const delay = retryDelaysMs[work.attempt];
      if (delay === undefined) continue; // rolled back or deleted: nothing to do
      this.track(
        new Promise<void>((resolve) =>
          setTimeout(() => {
            this.buffer(model, id, work.generate, work.embed, work.attempt + 1);
            resolve();
          }, delay),
        ),
      );
    }
  }

  private async fail(model: ModelMeta, id: string, field: string, kind: "embed" | "generate", error: unknown): Promise<void> {
    this.result.failures.push({ model: model.name, id, field, kind, error });
    try {
      await this.database.query(recordFailureStatement(model, id, field, kind, error instanceof Error ? error.message : String(error)));
    } catch {
      // The failure stays in drain()'s result even when it cannot be recorded (e.g. the prisma_ai schema is missing).
    }
  }
}

function shouldGenerate(field: ModelMeta["generated"][number], write: InlineWrite): boolean {
  if (write.operation === "create") return field.on.includes("create");
  if (write.touched === undefined) return field.on.includes(write.operation === "upsert" ? "create" : "update");
  // An update regenerates when a source field changed and the write did not set the generated field itself.
  const sourceTouched = field.sourceFields.some((source) => write.touched!.includes(source));
  if (write.touched.includes(field.field)) return false;
  if (write.operation === "upsert") return field.on.includes("create") || (field.on.includes("update") && sourceTouched);
  return field.on.includes("update") && sourceTouched;
}
