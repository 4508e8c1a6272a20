import type { BaseMigration } from "./base-migration.js";

/** Permanent failures of embed/generate jobs, one row per (model, row, field); read by embeddingStatus() and the CLI. */
export const failuresMigration: BaseMigration = {
  id: 1,
  name: "failures",
  sql: `create table if not exists :PRISMA_AI_SCHEMA.failures (
  model text not null,
  row_id text not null,
  field text not null,
  kind text not null check (kind in ('embed', 'generate')),
  error text not null,
  attempts integer not null,
  failed_at timestamptz not null default now(),
  primary key (model, row_id, field)
);`,
};
