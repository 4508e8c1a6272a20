// The payloads of the prisma_ai.* Graphile Worker jobs, validated at run time (a job may come from a trigger,
// from `prisma-ai backfill`/`retry-failed`, or from a user's own `addJob`). Ids travel as text so BigInt and
// uuid ids survive JSON; they are cast back with the id column's SQL type.
import { z } from "zod";

/** One row (optionally one field) to embed. The triggers send `{ model, id }`; backfill may add `field`. */
export const embedEntrySchema = z.object({
  model: z.string().min(1),
  id: z.string().min(1),
  /** Only this embedded field (Prisma name); default: every embedded field of the model. */
  field: z.string().min(1).optional(),
});

/**
 * `prisma_ai.embed`: one row (the triggers enqueue `{ model, id }` under the row's job key, so a burst of writes
 * to a row waits as one job), or an array of rows (backfill; Graphile Worker retries only an array's failed rows).
 */
export const embedPayloadSchema = z.union([z.array(embedEntrySchema), embedEntrySchema]);

/** `prisma_ai.generate`: one generated field of one row. */
export const generatePayloadSchema = z.object({
  model: z.string().min(1),
  id: z.string().min(1),
  field: z.string().min(1),
});

/** `prisma_ai.backfill`: a model (optionally one field), from the row after `after` (id as text) on. */
export const backfillPayloadSchema = z.object({
  model: z.string().min(1),
  field: z.string().min(1).optional(),
  after: z.string().min(1).optional(),
});

export type EmbedEntry = z.infer<typeof embedEntrySchema>;
export type EmbedPayload = z.infer<typeof embedPayloadSchema>;
export type GeneratePayload = z.infer<typeof generatePayloadSchema>;
export type BackfillPayload = z.infer<typeof backfillPayloadSchema>;

/** A one-line description of why a payload does not match its schema (for the log). */
export function describePayloadIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "payload"}: ${issue.message}`)
    .join("; ");
}
