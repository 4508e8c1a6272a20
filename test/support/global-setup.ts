import type { TestProject } from "vitest/node";
import pg from "pg";
import { configuredDatabaseUrl, dockerIsReachable, noDatabaseMessage } from "./database-url.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** A database the test files may create their own databases from (needs CREATEDB). */
    baseDatabaseUrl: string;
  }
}

/** Finds (or starts) one PostgreSQL with pgvector for the whole run; each test file then creates its own database. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let url = configuredDatabaseUrl();
  let stop = async (): Promise<void> => {};
  if (!url) {
    if (!dockerIsReachable()) throw new Error(noDatabaseMessage);
    const { PostgreSqlContainer } = await import("@testcontainers/postgresql");
    const container = await new PostgreSqlContainer("pgvector/pgvector:pg17").start();
    url = container.getConnectionUri();
    stop = async () => void (await container.stop());
  }
  await checkDatabase(url);
  project.provide("baseDatabaseUrl", url);
  return stop;
}

async function checkDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`Cannot connect to the test database (${redactPassword(url)}): ${(error as Error).message}. ${noDatabaseMessage}`);
  }
  try {
    const { rows } = await client.query("select default_version from pg_available_extensions where name = 'vector'");
    if (rows.length === 0) {
      throw new Error(`pgvector is not installed in the test database server (${redactPassword(url)}); run \`bash scripts/db-setup.sh\` or install pgvector >= 0.8.`);
    }
  } finally {
    await client.end();
  }
}

function redactPassword(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}
