// Creates the prisma_ai schema (base migrations) and the per-model tables and indexes of an AISchema, with the
// generator's own SQL builders, in inline mode (no triggers, so Graphile Worker is not needed).
import type pg from "pg";
import type { AISchema } from "../../src/schema/ai-schema.js";
import { buildModelSql } from "../../src/sql/model-sql.js";
import { buildBaseMigrationsSql } from "../../src/sql/migrations/index.js";

export async function applyAITables(pool: pg.Pool, schema: AISchema): Promise<void> {
  await pool.query(buildBaseMigrationsSql());
  await pool.query(buildModelSql(schema, { triggers: false }));
}
