// The Graphile Worker queue as statements: `add_job` calls that join the caller's transaction. The database
// triggers (model-sql.ts) enqueue with the same identifiers; the engine's retry-failed and the CLI's backfill use
// these, so neither needs the graphile-worker package.
import { quoteIdentifier } from "./quote.js";
import type { SqlStatement } from "./sql-parameters.js";

/** `graphile_worker.add_job(...)` as a statement (so it joins a transaction). Priority default: 0. */
export function addJobStatement(workerSchema: string, identifier: string, payload: unknown, jobKey: string | null, maxAttempts: number, priority = 0): SqlStatement {
  return {
    text: `SELECT id FROM ${quoteIdentifier(workerSchema)}.add_job($1, $2::json, job_key => $3, max_attempts => $4, priority => $5)`,
    values: [identifier, JSON.stringify(payload), jobKey, maxAttempts, priority],
  };
}

