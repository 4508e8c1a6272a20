// The two databases the demo runs on.
//   - No DATABASE_URL: PGlite (Postgres compiled to WASM, in this process) with pgvector. One connection and no
//     Graphile Worker, so prisma-ai runs inline: its SQL is applied without the enqueue triggers and the
//     client extension embeds right after each write (withAI({ queue: "inline" })).
//   - DATABASE_URL: real PostgreSQL; `prisma-ai migrate` (the CLI's own code) installs Graphile Worker's schema
//     and the generated migration.sql with its triggers, and the demo starts a worker in this process.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { runCli } from "../../src/cli/router.js";
import { migrateCommand } from "../../src/cli/commands/migrate.js";
import type { AISchema } from "../../src/schema/index.js";
import { buildMigrationSql } from "../../src/sql/index.js";
import { PrismaClient } from "./generated/prisma/client.js";
import type { TextSink } from "./demo-output.js";

/** The repository root (the generator block's command and the CLI's paths are relative to it). */
export const repositoryRoot = fileURLToPath(new URL("../../", import.meta.url));
/** The demo's Prisma schema. */
export const blogSchemaPath = fileURLToPath(new URL("./schema.prisma", import.meta.url));
/** The demo's own tables (what `prisma migrate` would create from schema.prisma). */
export const blogTablesSql = readFileSync(new URL("./schema.sql", import.meta.url), "utf8");

/** An open demo database and a plain Prisma client on it. */
export interface DemoDatabase {
  kind: "pglite" | "postgres";
  prisma: PrismaClient;
  /** Disconnects Prisma and closes the database. */
  close(): Promise<void>;
}

/**
 * PGlite in memory with pgvector, the blog tables and prisma-ai's SQL for inline mode: the same tables and indexes
 * as `prisma-ai migrate` installs, without the triggers (they call `graphile_worker.add_job`, and PGlite has no
 * Graphile Worker: every insert would fail).
 */
export async function openPGlite(schema: AISchema): Promise<DemoDatabase> {
  const pglite = await PGlite.create({ extensions: { vector } });
  await pglite.exec(blogTablesSql);
  await pglite.exec(buildMigrationSql(schema, { triggers: false, generatedBy: "examples/blog (inline mode)" }));
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    kind: "pglite",
    prisma,
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

/**
 * PostgreSQL at `connectionString`: creates the blog tables (emptied, so every run starts from the same
 * articles), then runs `prisma-ai migrate --schema examples/blog/schema.prisma` through the CLI's code, which
 * installs Graphile Worker's schema and applies the generated migration.sql (triggers included).
 */
export async function openPostgres(connectionString: string, log: TextSink): Promise<DemoDatabase> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(blogTablesSql);
    await client.query(`truncate "public"."blog_articles", "public"."blog_authors" restart identity cascade`);
  } finally {
    await client.end();
  }
  const errors: string[] = [];
  const code = await runCli(["migrate", "--schema", blogSchemaPath], [migrateCommand], {
    env: { ...process.env, DATABASE_URL: connectionString },
    cwd: repositoryRoot,
    stdout: log,
    stderr: { write: (text: string) => errors.push(text) },
  });
  if (code !== 0) throw new Error(errors.join("").trim() || `prisma-ai migrate exited with code ${code}.`);
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
  return { kind: "postgres", prisma, close: () => prisma.$disconnect() };
}
