import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Where `npm test`'s pretest step (scripts/db-setup.sh) leaves the URL of the local cluster it prepared. */
export const localDatabaseUrlFile = fileURLToPath(new URL("../../.cache/database-url", import.meta.url));

/** The database the tests were told to use, or undefined: TEST_DATABASE_URL, DATABASE_URL, then the pretest's file. */
export function configuredDatabaseUrl(): string | undefined {
  const fromEnvironment = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (fromEnvironment) return fromEnvironment;
  if (existsSync(localDatabaseUrlFile)) return readFileSync(localDatabaseUrlFile, "utf8").trim() || undefined;
  return undefined;
}

export function dockerIsReachable(): boolean {
  try {
    execFileSync("docker", ["info", "--format", "{{.ServerVersion}}"], { stdio: "ignore", timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
}

export const noDatabaseMessage =
  "No database for the tests: set DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL with pgvector >= 0.8, " +
  "run `bash scripts/db-setup.sh` on a Debian machine with PostgreSQL installed, or start Docker so the tests can run pgvector/pgvector:pg17.";
