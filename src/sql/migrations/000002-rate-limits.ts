import type { BaseMigration } from "./base-migration.js";

/**
 * Token buckets shared by every process on the database (`postgresRateLimitStore`): one row per limit key
 * (`"openai"`, `"openai:gpt-4o-mini"`), a level per bucket (null when the key has no such limit; negative while
 * calls wait for reserved capacity), refilled from `updated_at` on the database's clock.
 */
export const rateLimitsMigration: BaseMigration = {
  id: 2,
  name: "rate-limits",
  sql: `create table if not exists :PRISMA_AI_SCHEMA.rate_limits (
  key text primary key,
  requests double precision,
  tokens double precision,
  updated_at timestamptz not null default now()
);`,
};
