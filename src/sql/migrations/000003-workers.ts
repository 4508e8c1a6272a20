import type { BaseMigration } from "./base-migration.js";

/**
 * Running `runAIWorker` / `prisma-ai worker` processes, one row per Graphile Worker pool (`id` is the pool's id,
 * the `locked_by` of the jobs it holds). Each beats (`last_seen_at`) every few seconds; a live worker releases the
 * jobs of a worker whose beat is older than the heartbeat timeout and deletes its row.
 */
export const workersMigration: BaseMigration = {
  id: 3,
  name: "workers",
  sql: `create table if not exists :PRISMA_AI_SCHEMA.workers (
  id text primary key,
  host text not null,
  pid integer not null,
  version text not null,
  started_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now()
);`,
};
