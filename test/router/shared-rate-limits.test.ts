// Rate limits shared through a RateLimitStore: the reservation rules (memory store, manual clock), the shared
// limiter's queue and aborts (a scripted store), and the Postgres store on a real database, with two createAI
// instances standing in for two processes and a loopback openai-compatible server counting what is sent.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createAI } from "../../src/ai/create-ai.js";
import { postgresRateLimitStore, type PostgresRateLimitStore } from "../../src/stores/postgres-rate-limit-store.js";
import { memoryRateLimitStore, systemClock, type BucketChange, type RateLimitStore } from "../../src/router/rate-limit-store.js";
import { RateLimiter, type RateLimits } from "../../src/router/rate-limiter.js";
import { buildBaseMigrationsSql } from "../../src/sql/migrations/index.js";
import { ConfigError } from "../../src/spec/errors/index.js";
import { startLoopbackServer, type LoopbackServer } from "../support/loopback-server.js";
import { createTestDatabase, useTestDatabase } from "../support/test-database.js";
import { completionReply } from "./openai-wire.js";

const hi = [{ role: "user" as const, content: "Hi" }];

/** Records each reservation's wait (in completion order, into `waits`) and each settlement of a store. */
function recording(store: RateLimitStore, waits: number[] = []) {
  const settlements: BucketChange[] = [];
  const wrapped: RateLimitStore = {
    reserve: async (key, limit, tokens) => {
      const wait = await store.reserve(key, limit, tokens);
      waits.push(wait);
      return wait;
    },
    settle: async (key, limit, change) => {
      settlements.push(change);
      await store.settle(key, limit, change);
    },
  };
  return { store: wrapped, waits, settlements };
}

describe("memoryRateLimitStore (reservation rules)", () => {
  it("reserves at once and returns the wait: requestsPerMinute 2 lets two go, then one per 30 s", async () => {
    let now = 0;
    const store = memoryRateLimitStore({ now: () => now, setTimeout: systemClock.setTimeout });
    const limit = { requestsPerMinute: 2 };
    const waits = [];
    for (let index = 0; index < 4; index++) waits.push(await store.reserve("k", limit, 0));
    expect(waits).toEqual([0, 0, 30_000, 60_000]);
    now = 60_000; // two requests refilled: the bucket is back at 0 (two reservations still wait)
    await store.settle("k", limit, { requests: 1 }); // one abandoned reservation given back
    expect(await store.reserve("k", limit, 0)).toBe(0);
    expect(await store.reserve("other", limit, 0)).toBe(0); // keys are independent
  });

  it("lets a call bigger than the bucket go when the bucket is full, and bounds a settled debt to one bucket", async () => {
    let now = 0;
    const store = memoryRateLimitStore({ now: () => now, setTimeout: systemClock.setTimeout });
    const limit = { tokensPerMinute: 100 };
    expect(await store.reserve("k", limit, 5_000)).toBe(0); // level -4,900
    expect(await store.reserve("k", limit, 1)).toBe(2_940_600); // 4,901 tokens to refill at 100 per minute
    await store.settle("k", limit, { tokens: -1_000 }); // an older debt below one bucket stays as it is
    expect(await store.reserve("k", limit, 0)).toBe(2_940_600);
    const fresh = memoryRateLimitStore({ now: () => now, setTimeout: systemClock.setTimeout });
    await fresh.settle("k", limit, { tokens: 1 }); // nothing reserved yet: a settlement creates a full bucket
    await fresh.reserve("k", limit, 10);
    await fresh.settle("k", limit, { tokens: -1_000 }); // reported far more than estimated: debt of one bucket
    now = 60_000; // one bucket refilled: from -100 to 0, so one token is 600 ms away
    expect(await fresh.reserve("k", limit, 1)).toBe(600);
  });
});

describe("RateLimiter over a shared store", () => {
  /** A store whose reservations answer when the test says. */
  function scriptedStore() {
    const pending: Array<(waitMs: number) => void> = [];
    const settlements: BucketChange[] = [];
    const store: RateLimitStore = {
      reserve: () => new Promise<number>((resolve) => pending.push(resolve)),
      settle: (_key, _limit, change) => {
        settlements.push(change);
        return Promise.resolve();
      },
    };
    return { store, pending, settlements };
  }
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it("reserves for one call at a time, in arrival order, and gives back a reservation whose call was aborted", async () => {
    const { store, pending, settlements } = scriptedStore();
    const limiter = new RateLimiter({ requestsPerMinute: 10, tokensPerMinute: 1_000 }, { key: "openai", store, clock: systemClock });
    const controller = new AbortController();
    const first = limiter.acquire(7, controller.signal);
    const second = limiter.acquire(3);
    await settle();
    expect(pending).toHaveLength(1); // the second waits until the first's reservation answered
    controller.abort(new Error("gave up"));
    await expect(first).rejects.toThrow("gave up"); // at once, not when the store answers
    pending[0]!(0);
    await settle();
    expect(settlements).toEqual([{ requests: 1, tokens: 7 }]);
    expect(pending).toHaveLength(2);
    pending[1]!(0);
    const lease = await second;
    lease.release(13); // reported 13 tokens, estimated 3: 10 more are taken
    lease.release(13);
    expect(settlements).toEqual([{ requests: 1, tokens: 7 }, { tokens: -10 }]);
    expect(limiter.waiting).toBe(0);
  });

  it("holds one reservation that is not yet due at a time; an aborted sleeper gives it back and the next reserves", async () => {
    const { store, pending, settlements } = scriptedStore();
    let due: (() => void) | undefined;
    const clock = { now: () => 0, setTimeout: (callback: () => void) => ((due = callback), () => (due = undefined)) };
    const limiter = new RateLimiter({ requestsPerMinute: 1 }, { key: "openai", store, clock });
    const controller = new AbortController();
    const first = limiter.acquire(0, controller.signal);
    const second = limiter.acquire(0);
    pending[0]!(30_000);
    await settle();
    expect(due).toBeDefined(); // the first sleeps on its reservation...
    expect(pending).toHaveLength(1); // ...and the second has not reserved yet
    expect(limiter.waiting).toBe(2);
    controller.abort(new Error("gave up"));
    await expect(first).rejects.toThrow("gave up");
    expect(due).toBeUndefined();
    expect(settlements).toEqual([{ requests: 1, tokens: 0 }]);
    expect(pending).toHaveLength(2);
    pending[1]!(5_000);
    await settle();
    due!();
    await expect(second).resolves.toBeDefined();
    expect(limiter.waiting).toBe(0);
  });

  it("fails the waiting call when the store rejects, and serves the next", async () => {
    const failing: RateLimitStore = { reserve: () => Promise.reject(new ConfigError("no table")), settle: () => Promise.resolve() };
    const limiter = new RateLimiter({ requestsPerMinute: 10, maxConcurrency: 1 }, { key: "openai", store: failing, clock: systemClock });
    await expect(limiter.acquire()).rejects.toThrow("no table");
    await expect(limiter.acquire()).rejects.toThrow("no table");
    expect(() => createAI({ limits: { openai: { requestsPerMinute: 1 } }, rateLimitStore: {} as RateLimitStore })).toThrow(/rateLimitStore must be a RateLimitStore/);
  });
});

describe("postgresRateLimitStore (real Postgres, two createAI instances as two processes)", () => {
  const database = useTestDatabase({ projectSchema: false });
  let server: LoopbackServer;
  const stores: PostgresRateLimitStore[] = [];
  beforeAll(async () => {
    await database().pool.query(buildBaseMigrationsSql());
    server = await startLoopbackServer();
  });
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await server.close();
  });
  beforeEach(async () => {
    server.reset();
    await database().pool.query("delete from prisma_ai.rate_limits");
  });

  const provider = () => ({ driver: "openai-compatible", baseURL: server.url("/v1"), apiKey: "sk-shared-0001", maxRetries: 0 });
  /** Two "processes": each its own store (one on the test's pool, one on its own connection string). */
  function twoProcesses(limits: RateLimits) {
    const own = postgresRateLimitStore(database().url);
    stores.push(own);
    const shared: number[] = [];
    const first = recording(postgresRateLimitStore(database().pool), shared);
    const second = recording(own, shared);
    const waits = () => shared;
    return {
      a: createAI({ providers: { local: provider() }, limits, rateLimitStore: first.store }),
      b: createAI({ providers: { local: provider() }, limits, rateLimitStore: second.store }),
      waits,
    };
  }
  /** How long vi.waitFor waits for an event (a busy 2-core machine may need more than its default second). */
  const patience = { timeout: 10_000 };
  const bucket = async (key: string) =>
    (await database().pool.query<{ requests: number | null; tokens: number | null }>("select requests, tokens from prisma_ai.rate_limits where key = $1", [key])).rows[0];

  it("creates prisma_ai.rate_limits in base migration 2", async () => {
    const { rows } = await database().pool.query<{ column_name: string; data_type: string }>(
      "select column_name, data_type from information_schema.columns where table_schema = 'prisma_ai' and table_name = 'rate_limits' order by ordinal_position",
    );
    expect(rows.map((row) => `${row.column_name} ${row.data_type}`)).toEqual(["key text", "requests double precision", "tokens double precision", "updated_at timestamp with time zone"]);
    const migrations = await database().pool.query("select id, name from prisma_ai.migrations order by id");
    expect(migrations.rows).toEqual([{ id: 1, name: "failures" }, { id: 2, name: "rate-limits" }, { id: 3, name: "workers" }]);
  });

  it("lets both processes together start at most requestsPerMinute requests; the rest wait, and leave when aborted", async () => {
    server.handle((request) => completionReply("ok", (request.body as { model: string }).model));
    const { a, b, waits } = twoProcesses({ local: { requestsPerMinute: 3 } });
    const controllers = Array.from({ length: 6 }, () => new AbortController());
    const calls = controllers.map((controller, index) => (index % 2 === 0 ? a : b).chat({ model: "local:m", messages: hi, abortSignal: controller.signal }));
    const outcomes = calls.map((call) => call.then(() => "sent", () => "aborted"));
    // Three reservations are due at once; then each process that still has calls holds one reservation that is
    // not due (its other calls queue behind it): 4 reservations when one process got all three, else 5.
    await vi.waitFor(() => expect(server.requests).toHaveLength(3), patience);
    await vi.waitFor(() => expect(waits().length).toBeGreaterThanOrEqual(4), patience);
    const sorted = [...waits()].sort((x, y) => x - y);
    expect(sorted.slice(0, 3)).toEqual([0, 0, 0]);
    for (const wait of sorted.slice(3)) expect(wait).toBeGreaterThan(10_000); // the 4th waits about 20 s, a 5th 40 s
    expect((await bucket("local"))!.requests).toBeLessThan(-0.5);
    for (const controller of controllers) controller.abort(new Error("no longer needed"));
    expect((await Promise.all(outcomes)).sort()).toEqual(["aborted", "aborted", "aborted", "sent", "sent", "sent"]);
    expect(server.requests).toHaveLength(3);
    // The abandoned reservations went back: the bucket is near empty again, not in debt.
    await vi.waitFor(async () => expect((await bucket("local"))!.requests).toBeGreaterThanOrEqual(0), patience);
  });

  it("settles tokens against the usage the provider reports, across processes", async () => {
    server.handle((request) => completionReply("ok", (request.body as { model: string }).model, { prompt: 890, completion: 10 }));
    const { a, b, waits } = twoProcesses({ "local:m": { tokensPerMinute: 1_000 } });
    await a.chat({ model: "local:m", messages: hi });
    await vi.waitFor(async () => expect((await bucket("local:m"))!.tokens).toBeLessThan(200), patience); // 1,000 - 900 (+ refill)
    await b.chat({ model: "local:m", messages: hi }); // estimated a few tokens: there were 100
    await vi.waitFor(async () => expect((await bucket("local:m"))!.tokens).toBeLessThan(-700), patience); // 100 - 900 (+ refill)
    const controller = new AbortController();
    const third = a.chat({ model: "local:m", messages: hi, abortSignal: controller.signal });
    await vi.waitFor(() => expect(waits()).toHaveLength(3), patience);
    expect(waits().slice(0, 2)).toEqual([0, 0]);
    expect(waits()[2]).toBeGreaterThan(40_000); // ~800 tokens of debt at 1,000 per minute
    expect(server.requests).toHaveLength(2);
    controller.abort(new Error("stop"));
    await expect(third).rejects.toThrow("stop");
    expect((await bucket("local:m"))!.requests).toBeNull();
  });

  it("binds keys as parameters (a model string full of SQL is just a key)", async () => {
    const store = postgresRateLimitStore(database().pool);
    const key = `local:m'); drop table prisma_ai.rate_limits; --"`;
    expect(await store.reserve(key, { requestsPerMinute: 1 }, 0)).toBe(0);
    expect(await store.reserve(key, { requestsPerMinute: 1 }, 0)).toBeGreaterThan(50_000);
    const { rows } = await database().pool.query<{ key: string }>("select key from prisma_ai.rate_limits");
    expect(rows).toEqual([{ key }]);
  });

  it("fails calls with a ConfigError when the table is missing (migration not applied)", async () => {
    const bare = await createTestDatabase({ projectSchema: false });
    try {
      const store = postgresRateLimitStore(bare.pool);
      const ai = createAI({ providers: { local: provider() }, limits: { local: { requestsPerMinute: 5 } }, rateLimitStore: store });
      const error = await ai.chat({ model: "local:m", messages: hi }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/prisma_ai\.rate_limits .*run `npx prisma-ai migrate`/);
      expect(server.requests).toHaveLength(0);
    } finally {
      await bare.drop();
    }
  });

  it("counts in process memory with one warning when the database is unreachable", async () => {
    server.handle((request) => completionReply("ok", (request.body as { model: string }).model));
    const warnings: string[] = [];
    const unreachable = postgresRateLimitStore("postgres://nobody:secret@127.0.0.1:1/none", { retryAfterMs: 1, logger: { warn: (message) => warnings.push(message) } });
    stores.push(unreachable);
    const { store, waits } = recording(unreachable);
    const ai = createAI({ providers: { local: provider() }, limits: { local: { requestsPerMinute: 1 } }, rateLimitStore: store });
    await expect(ai.chat({ model: "local:m", messages: hi })).resolves.toMatchObject({ text: "ok" });
    const controller = new AbortController();
    const second = ai.chat({ model: "local:m", messages: hi, abortSignal: controller.signal });
    await vi.waitFor(() => expect(waits).toHaveLength(2), patience); // tried the database again (retryAfterMs: 1), then memory
    expect(waits[1]).toBeGreaterThan(50_000); // the in-memory bucket makes it wait
    expect(server.requests).toHaveLength(1);
    controller.abort(new Error("stop"));
    await expect(second).rejects.toThrow("stop");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/rate limit database is unreachable .*counting rate limits in this process only/);
    expect(warnings[0]).not.toContain("secret");
  });
});
