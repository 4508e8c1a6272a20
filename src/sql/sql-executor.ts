import type { SqlStatement } from "./sql-parameters.js";

/**
 * Where prisma-ai's own SQL runs: a Prisma client (`$queryRawUnsafe`, so it joins the caller's transaction), a
 * `pg` pool, or a transaction client. Values are always bound parameters.
 */
export interface SqlExecutor {
  /** Runs one statement and returns its rows. */
  query<Row = Record<string, unknown>>(statement: SqlStatement): Promise<Row[]>;
  /** Runs statements in order in one transaction (joining the current one when there is one); returns each one's rows. */
  transaction(statements: readonly SqlStatement[]): Promise<unknown[][]>;
}
