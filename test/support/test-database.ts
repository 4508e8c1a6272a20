import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";

export const projectMigrationsDir = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

export interface TestDatabase {
  /** Connection string of this file's own database. */
  url: string;
  name: string;
  pool: pg.Pool;
}

export interface TestDatabaseOptions {
  /** Apply prisma/migrations/* (the project's schema) after creating the database. Default: true. */
  projectSchema?: boolean;
}

/** Creates a fresh database (with the `vector` extension) that only the calling test file sees. */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase & { drop(): Promise<void> }> {
  const baseUrl = inject("baseDatabaseUrl");
  const name = `prisma_ai_t_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(baseUrl, name);
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  await pool.query("create extension if not exists vector");
  if (options.projectSchema ?? true) await applyMigrations(pool, projectMigrationsDir);
  return {
    url,
    name,
    pool,
    async drop() {
      await pool.end();
      const cleanup = new pg.Client({ connectionString: baseUrl });
      await cleanup.connect();
      try {
        // Clients that close lazily (Prisma's adapter pool ends without waiting for its sockets) would get a
        // FATAL "terminating connection" from the forced drop, which Node reports as an uncaught error: give them
        // up to 2 s to go first.
        for (let attempt = 0; attempt < 100; attempt++) {
          const { rows } = await cleanup.query<{ others: number }>("select count(*)::int as others from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()", [name]);
          if (rows[0]!.others === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await cleanup.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

/** Registers beforeAll/afterAll hooks giving the file its own database; read it inside tests. */
export function useTestDatabase(options: TestDatabaseOptions = {}): () => TestDatabase {
  let database: (TestDatabase & { drop(): Promise<void> }) | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(options);
  }, 60_000);
  afterAll(async () => {
    await database?.drop();
  });
  return () => {
    if (!database) throw new Error("useTestDatabase(): the database is created in beforeAll; read it inside a test or hook.");
    return database;
  };
}

/** Applies `<dir>/<name>/migration.sql` files in name order, as `prisma migrate deploy` would. */
export async function applyMigrations(pool: pg.Pool, dir: string): Promise<string[]> {
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  for (const migration of names) {
    await pool.query(readFileSync(`${dir}/${migration}/migration.sql`, "utf8"));
  }
  return names;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
