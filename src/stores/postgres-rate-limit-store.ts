// Rate limits shared by every process on one Postgres: the token buckets are rows of prisma_ai.rate_limits
// (base migration 2). Each reservation and settlement is one atomic statement that refills the bucket on the
// database's clock, so machines with skewed clocks agree. When the database cannot be reached, the store counts
// in this process's memory for a while (one warning) instead of failing AI calls.
import type pg from "pg";
import { ConfigError } from "../spec/errors/index.js";
import { prismaAISchemaName } from "../sql/names.js";
import { quoteIdentifier } from "../sql/quote.js";
import { memoryRateLimitStore, type BucketChange, type BucketLimit, type RateLimitStore } from "../router/rate-limit-store.js";

/** Where the store reports that it counts in memory, and that the database is back. */
export interface RateLimitStoreLogger {
  warn(message: string): void;
  info?(message: string): void;
}

/** Options of {@link postgresRateLimitStore}. */
export interface PostgresRateLimitStoreOptions {
  /**
   * A statement that has not answered after this long counts as a database failure (the reservation is then
   * made in memory; a late answer still counts in the database). Default: 5,000 ms.
   */
  timeoutMs?: number;
  /** After a failure, how long to count in memory before trying the database again. Default: 30,000 ms. */
  retryAfterMs?: number;
  /** Default: `console`. */
  logger?: RateLimitStoreLogger;
}

/** A {@link RateLimitStore} on Postgres; `close()` ends the pool it made from a connection string (a pool you passed stays open). */
export interface PostgresRateLimitStore extends RateLimitStore {
  close(): Promise<void>;
}

const table = `${quoteIdentifier(prismaAISchemaName)}.rate_limits`;

/** The level of a bucket column refilled up to now (null when the key has no such limit: `capacity` is null). */
function refilled(column: "requests" | "tokens", capacity: string): string {
  // now() can be earlier than updated_at when a statement started before another one committed: no negative refill.
  const elapsedSeconds = `greatest(0, extract(epoch from now() - bucket.updated_at)::float8)`;
  return `least(${capacity}, coalesce(bucket.${column} + ${elapsedSeconds} * ${capacity} / 60, ${capacity}))`;
}

/** $1 key, $2 requests per minute, $3 tokens per minute (null when not limited), $4 tokens to take. Returns the wait. */
const reserveSql = `insert into ${table} as bucket (key, requests, tokens, updated_at)
values ($1, $2::float8 - 1, $3::float8 - $4::float8, now())
on conflict (key) do update set
  requests = ${refilled("requests", "$2::float8")} - 1,
  tokens = ${refilled("tokens", "$3::float8")} - $4::float8,
  updated_at = greatest(bucket.updated_at, now())
returning greatest(0,
  coalesce((least(1, $2::float8) - 1 - bucket.requests) * 60000 / $2::float8, 0),
  coalesce((least($4::float8, $3::float8) - $4::float8 - bucket.tokens) * 60000 / $3::float8, 0)) as wait_ms`;

/** $1 key, $2 and $3 capacities, $4 requests and $5 tokens given back (negative: taken); a debt stays within one bucket. */
const settleSql = `update ${table} as bucket set
  requests = greatest(least(${refilled("requests", "$2::float8")}, -$2::float8), least($2::float8, ${refilled("requests", "$2::float8")} + $4::float8)),
  tokens = greatest(least(${refilled("tokens", "$3::float8")}, -$3::float8), least($3::float8, ${refilled("tokens", "$3::float8")} + $5::float8)),
  updated_at = greatest(bucket.updated_at, now())
where key = $1`;

/**
 * Rate limits shared by every process on one Postgres database: pass it as `createAI({ limits, rateLimitStore })`
 * in each process (web servers, `runAIWorker`s). Takes a `pg.Pool` (e.g. the worker's) or a connection string
 * (then it makes a pool of at most 2 connections). Needs the table of base migration 2 (`npx prisma-ai migrate`).
 *
 * Failures: a missing table, permission, database or login throws a `ConfigError` from the waiting call (the
 * setup is wrong: fix it rather than run without shared limits). A database that cannot
 * be reached (connection error, `timeoutMs`) does not fail calls: the store logs one warning and counts in this
 * process's memory (each process then has the whole budget, as without a store) for `retryAfterMs`, then tries
 * the database again and logs when it is back.
 */
export function postgresRateLimitStore(database: pg.Pool | string, options: PostgresRateLimitStoreOptions = {}): PostgresRateLimitStore {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const retryAfterMs = options.retryAfterMs ?? 30_000;
  const logger = options.logger ?? console;
  if (typeof database !== "string" && (typeof database !== "object" || database === null || typeof database.query !== "function")) {
    throw new ConfigError("postgresRateLimitStore() needs a pg.Pool or a connection string.");
  }
  for (const [name, value] of [["timeoutMs", timeoutMs], ["retryAfterMs", retryAfterMs]] as const) {
    if (!(typeof value === "number" && value > 0 && Number.isFinite(value))) throw new ConfigError(`postgresRateLimitStore: ${name} must be a number > 0, got ${String(value)}.`);
  }
  let ownPool: Promise<pg.Pool> | undefined;
  const pool = (): Promise<pg.Pool> => {
    if (typeof database !== "string") return Promise.resolve(database);
    ownPool ??= import("pg").then(({ default: pgModule }) => {
      const created = new pgModule.Pool({ connectionString: database, max: 2, connectionTimeoutMillis: timeoutMs });
      // An idle connection dropped by a database restart must not crash the process; the next query reconnects.
      created.on("error", () => undefined);
      return created;
    });
    return ownPool;
  };

  const memory = memoryRateLimitStore();
  let memoryUntil: number | undefined;
  const inMemory = () => memoryUntil !== undefined && performance.now() < memoryUntil;

  async function run(text: string, values: unknown[]): Promise<pg.QueryResult> {
    let cancel: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      cancel = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      cancel.unref();
    });
    try {
      const result = await Promise.race([pool().then((connected) => connected.query(text, values)), timeout]);
      if (memoryUntil !== undefined) {
        memoryUntil = undefined;
        logger.info?.("prisma-ai: the rate limit database is reachable again; rate limits are shared again.");
      }
      return result;
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      // The setup is wrong, not the network: class 42 (undefined table, permission denied), 3F (no schema),
      // 28 (authentication failed), 3D (no such database).
      if (typeof code === "string" && /^(42|3F|28|3D)/.test(code)) {
        throw new ConfigError(
          `The shared rate limits cannot use ${prismaAISchemaName}.rate_limits (${(error as Error).message}); run \`npx prisma-ai migrate\` on this database (base migration 2) and grant the role access.`,
          { cause: error },
        );
      }
      if (memoryUntil === undefined) {
        logger.warn(
          `prisma-ai: the rate limit database is unreachable (${error instanceof Error ? error.message : String(error)}); counting rate limits in this process only (each process may use the whole budget) and trying again every ${retryAfterMs} ms.`,
        );
      }
      memoryUntil = performance.now() + retryAfterMs;
      throw new UnreachableError();
    } finally {
      clearTimeout(cancel);
    }
  }

  return {
    async reserve(key: string, limit: BucketLimit, tokens: number): Promise<number> {
      if (inMemory()) return memory.reserve(key, limit, tokens);
      try {
        const result = await run(reserveSql, [key, limit.requestsPerMinute ?? null, limit.tokensPerMinute ?? null, tokens]);
        return Math.ceil(Number((result.rows[0] as { wait_ms: number }).wait_ms));
      } catch (error) {
        if (error instanceof UnreachableError) return memory.reserve(key, limit, tokens);
        throw error;
      }
    },
    async settle(key: string, limit: BucketLimit, change: BucketChange): Promise<void> {
      if (inMemory()) return memory.settle(key, limit, change);
      try {
        await run(settleSql, [key, limit.requestsPerMinute ?? null, limit.tokensPerMinute ?? null, change.requests ?? 0, change.tokens ?? 0]);
      } catch (error) {
        if (error instanceof UnreachableError) return memory.settle(key, limit, change);
        throw error;
      }
    },
    async close(): Promise<void> {
      if (ownPool !== undefined) await (await ownPool).end();
    },
  };
}

/** Internal marker: the statement failed for a reason that makes the store count in memory. */
class UnreachableError extends Error {}
