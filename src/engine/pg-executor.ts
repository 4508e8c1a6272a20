// SqlExecutor over node-postgres: a pool (the CLI, runAIWorker) or Graphile Worker's `withPgClient` (inside a
// task, so the jobs use the worker's own pool). Transactions take one client for their statements.
import type pg from "pg";
import type { SqlExecutor } from "../sql/sql-executor.js";
import type { SqlStatement } from "../sql/sql-parameters.js";

/** Lends a connected client for the duration of `callback` (Graphile Worker's `helpers.withPgClient` shape). */
export type WithPgClient = <T>(callback: (client: pg.PoolClient) => Promise<T>) => Promise<T>;

/** A {@link SqlExecutor} over a client lender; `transaction` runs its statements in BEGIN/COMMIT on one client. */
export function pgExecutor(withPgClient: WithPgClient): SqlExecutor {
  return {
    query: <Row>(statement: SqlStatement) =>
      withPgClient(async (client) => (await client.query({ text: statement.text, values: [...statement.values] })).rows as Row[]),
    transaction: (statements) => withPgClient((client) => runTransaction(client, statements)),
  };
}

/** A {@link SqlExecutor} over a `pg.Pool`. */
export function poolExecutor(pool: pg.Pool): SqlExecutor {
  return pgExecutor(async (callback) => {
    const client = await pool.connect();
    try {
      return await callback(client);
    } finally {
      client.release();
    }
  });
}

/** Runs statements in one transaction on `client`; rolls back and rethrows on the first failure. */
export async function runTransaction(client: pg.ClientBase, statements: readonly SqlStatement[]): Promise<unknown[][]> {
  await client.query("BEGIN");
  try {
    const results: unknown[][] = [];
    for (const statement of statements) results.push((await client.query({ text: statement.text, values: [...statement.values] })).rows);
    await client.query("COMMIT");
    return results;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
