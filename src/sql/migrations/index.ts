// The numbered, model-independent migrations of the prisma_ai schema (graphile-worker style: a migrations
// table written first, then each migration once, recorded by id; shipped migrations are never edited).
import { quoteIdentifier, quoteLiteral } from "../quote.js";
import { prismaAISchemaName } from "../names.js";
import type { BaseMigration } from "./base-migration.js";
import { failuresMigration } from "./000001-failures.js";
import { rateLimitsMigration } from "./000002-rate-limits.js";
import { workersMigration } from "./000003-workers.js";

export type { BaseMigration } from "./base-migration.js";

/** Every base migration, in order. */
export const baseMigrations: readonly BaseMigration[] = [failuresMigration, rateLimitsMigration, workersMigration];

/** Replaces the `:PRISMA_AI_SCHEMA` placeholder with the quoted schema name. */
export function renderSchemaPlaceholder(sql: string, schemaName = prismaAISchemaName): string {
  return sql.replace(/:PRISMA_AI_SCHEMA\b/g, quoteIdentifier(schemaName));
}

/**
 * SQL creating the schema and its migrations table (first), then applying each base migration not yet recorded
 * in it, inside one `do` block per migration. Idempotent; two processes racing on the same migration collide on
 * the migrations table's primary key instead of applying it twice.
 */
export function buildBaseMigrationsSql(schemaName = prismaAISchemaName): string {
  const schema = quoteIdentifier(schemaName);
  const parts = [
    `create schema if not exists ${schema};`,
    `create table if not exists ${schema}.migrations (
  id integer primary key,
  name text not null,
  applied_at timestamptz not null default now()
);`,
  ];
  for (const migration of baseMigrations) {
    const body = renderSchemaPlaceholder(migration.sql, schemaName).replace(/^/gm, "    ");
    parts.push(`-- base migration ${migration.id}: ${migration.name}
do $prisma_ai_migration$
begin
  if not exists (select 1 from ${schema}.migrations where id = ${migration.id}) then
${body}
    insert into ${schema}.migrations (id, name) values (${migration.id}, ${quoteLiteral(migration.name)});
  end if;
end
$prisma_ai_migration$;`);
  }
  return parts.join("\n\n");
}
