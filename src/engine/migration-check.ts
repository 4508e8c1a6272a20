// Checks that `prisma-ai migrate` ran on a database before the worker or the CLI use it.
import type { AISchema } from "../schema/ai-schema.js";
import { ConfigError } from "../spec/errors/index.js";
import { prismaAISchemaName } from "../sql/names.js";
import type { SqlExecutor } from "../sql/sql-executor.js";

/**
 * Throws a one-sentence `ConfigError` when the prisma_ai schema (or an annotated model's embeddings table) is
 * missing, i.e. `prisma-ai migrate` has not been run against this database (or not since `prisma generate`).
 */
export async function assertMigrated(database: SqlExecutor, schema: AISchema): Promise<void> {
  const tables = [`${prismaAISchemaName}.failures`, ...Object.values(schema.models).filter((model) => model.embedded.length > 0).map((model) => `${prismaAISchemaName}.${model.embeddingsTable}`)];
  const rows = await database.query<{ name: string; found: boolean }>({
    text: `SELECT name, to_regclass(format('%I.%I', split_part(name, '.', 1), split_part(name, '.', 2))) IS NOT NULL AS found FROM unnest($1::text[]) AS name`,
    values: [tables],
  });
  const missing = rows.filter((row) => !row.found).map((row) => row.name);
  if (missing.length > 0) {
    throw new ConfigError(`The prisma_ai migration is not applied to this database (missing ${missing.join(", ")}); run \`npx prisma-ai migrate\` first.`);
  }
}
