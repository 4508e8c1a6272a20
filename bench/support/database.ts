import { existsSync, readFileSync } from "node:fs";
import pg from "pg";

/** The bench's database: BENCH_DATABASE_URL, DATABASE_URL, or the local cluster scripts/db-setup.sh prepared. */
export function benchDatabaseUrl(): string {
  const fromEnvironment = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (fromEnvironment) return fromEnvironment;
  if (existsSync(".cache/database-url")) return readFileSync(".cache/database-url", "utf8").trim();
  throw new Error("No database for the benchmarks: set DATABASE_URL, or run `bash scripts/db-setup.sh > /dev/null` (npm run bench does).");
}

/** Creates (or recreates) a scratch database for one scenario and returns its URL. */
export async function freshDatabase(name: string): Promise<string> {
  const base = benchDatabaseUrl();
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}
