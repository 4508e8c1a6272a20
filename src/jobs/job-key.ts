// Keyed jobs (one per row, or per row and generated field) and the writes that replace them. When a write arrives
// while its row's job runs, Graphile Worker takes the key off the running job, gives it its last attempt, and
// enqueues a new job with the key: the new job covers the row, so the running one need not be retried.
import type { JobHelpers } from "graphile-worker";
import { quoteIdentifier } from "../sql/quote.js";

/** True when another job now holds this job's key: a newer write enqueued the same work again. */
export async function supersededByNewerJob(helpers: JobHelpers, workerSchema: string): Promise<boolean> {
  const { key, id } = helpers.job;
  if (!key) return false;
  const { rows } = await helpers.withPgClient((client) =>
    client.query<{ superseded: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${quoteIdentifier(workerSchema)}._private_jobs WHERE key = $1 AND id <> $2) AS superseded`, [key, id]),
  );
  return rows[0]?.superseded === true;
}
