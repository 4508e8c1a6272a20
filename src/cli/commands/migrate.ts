// `prisma-ai migrate`: installs Graphile Worker's schema (its own migrations), then applies the generated
// migration.sql (idempotent) in one transaction under an advisory lock. `--print` only prints the SQL.
import { readFileSync } from "node:fs";
import { runMigrations } from "graphile-worker";
import pg from "pg";
import { parseMigrationHeader } from "../../sql/migration-script.js";
import { ConfigError } from "../../spec/errors/index.js";
import type { Command } from "../command.js";
import { requireDatabaseUrl } from "../load-project.js";
import { locateMigrationSql } from "../locate-migration.js";

/** Key of the advisory lock that serialises concurrent `prisma-ai migrate` runs on one database. */
export const migrateLockKey = "prisma_ai.migrate";

/** `prisma-ai migrate [--print] [--sql <file> | --output <dir> | --schema <file>]`. */
export const migrateCommand: Command = {
  name: "migrate",
  summary: "install Graphile Worker's schema and apply the generated prisma_ai SQL (or --print it)",
  help: `Usage: prisma-ai migrate [--print] [--sql <file> | --output <dir> | --schema <file>]

Applies the SQL the prisma-ai generator wrote (migration.sql: the prisma_ai schema, embeddings tables, vector
indexes and the triggers that enqueue jobs). First it runs Graphile Worker's own migrations, so the triggers'
graphile_worker.add_job exists. Everything is idempotent: running it again is harmless. The applied version is
recorded in prisma_ai.migrations.

Options:
  --print           print the SQL instead of applying it (for a Prisma migration: see docs/offline-and-migrations.md)
  --sql <file>      the migration.sql to apply
  --output <dir>    the prisma-ai generator's output folder (containing migration.sql)
  --schema <file>   the Prisma schema (file or folder) whose \`generator\` block with provider
                    prisma-ai-generator names the output folder; default prisma/schema.prisma
  -h, --help        show this help

Environment:
  DATABASE_URL      PostgreSQL connection string (not needed with --print)

Examples:
  npx prisma-ai migrate
  npx prisma-ai migrate --print > prisma/migrations/20250101000000_prisma_ai/migration.sql
`,
  options: {
    print: { type: "boolean" },
    sql: { type: "string" },
    output: { type: "string" },
    schema: { type: "string" },
  },
  async run({ values, positionals }, context) {
    if (positionals.length > 0) throw new ConfigError(`migrate takes no arguments, got "${positionals.join(" ")}"; see \`prisma-ai migrate --help\`.`);
    const connectionString = values.print ? undefined : requireDatabaseUrl(context.env);
    const path = locateMigrationSql({
      cwd: context.cwd,
      ...(typeof values.sql === "string" ? { sql: values.sql } : {}),
      ...(typeof values.output === "string" ? { output: values.output } : {}),
      ...(typeof values.schema === "string" ? { schema: values.schema } : {}),
    });
    const sql = readFileSync(path, "utf8");
    const header = parseMigrationHeader(sql);
    if (values.print || !connectionString) {
      context.stdout.write(sql);
      return 0;
    }
    try {
      await runMigrations({ connectionString });
    } catch (error) {
      throw new ConfigError(`Installing Graphile Worker's schema failed (${(error as Error).message}); check DATABASE_URL and that the database is reachable.`, { cause: error });
    }
    const client = new pg.Client({ connectionString });
    await client.connect();
    try {
      await client.query("begin");
      await client.query("select pg_advisory_xact_lock(hashtext($1))", [migrateLockKey]);
      const before = await appliedVersion(client);
      await client.query(sql);
      await client.query("commit");
      const change = before === header.version ? "unchanged" : before ? `was ${before}` : "first install";
      context.stdout.write(`prisma-ai: applied ${path} (version ${header.version}, ${change}) to ${describeDatabase(connectionString)}.\n`);
      return 0;
    } catch (error) {
      await client.query("rollback").catch(() => undefined);
      throw new ConfigError(`Applying ${path} failed: ${(error as Error).message}.`, { cause: error });
    } finally {
      await client.end();
    }
  },
};

/** The model SQL version recorded by an earlier migrate (row 0 of prisma_ai.migrations), if any. */
async function appliedVersion(client: pg.Client): Promise<string | undefined> {
  const table = await client.query<{ exists: boolean }>("select to_regclass('prisma_ai.migrations') is not null as exists");
  if (!table.rows[0]?.exists) return undefined;
  const { rows } = await client.query<{ name: string }>("select name from prisma_ai.migrations where id = 0");
  return rows[0]?.name.replace(/^models /, "");
}

/** `host:port/database`, never the user or password. */
function describeDatabase(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `${url.hostname}${url.port ? `:${url.port}` : ""}${url.pathname}`;
  } catch {
    return "the database";
  }
}
