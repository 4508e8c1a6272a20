// Where rate limits keep their token buckets: this process's memory by default, or a store shared by several. A store reserves capacity (the level may go below zero)
// and says how long the caller waits before using it, so callers in every process are served in the order
// their reservations reached the store, with one round trip each.

/** Time source of the limiters (tests pass a manual one). */
export interface LimiterClock {
  now(): number;
  /** Calls `callback` after `ms`; returns a function that cancels it. */
  setTimeout(callback: () => void, ms: number): () => void;
}

/** Wall-clock time. */
export const systemClock: LimiterClock = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => {
    const timer = setTimeout(callback, ms);
    return () => clearTimeout(timer);
  },
};

/** The bucket sizes of one limit key (`RateLimit` without `maxConcurrency`); a bucket is absent when its limit is. */
export interface BucketLimit {
  /** Size of the requests bucket: requests started per minute. */
  requestsPerMinute?: number;
  /** Size of the tokens bucket: tokens per minute. */
  tokensPerMinute?: number;
}

/** What a settlement gives back to the buckets of a key (negative: takes more). */
export interface BucketChange {
  requests?: number;
  tokens?: number;
}

/**
 * Token buckets shared by several `createAI` instances (`createAI({ limits, rateLimitStore })`), e.g. in
 * `postgresRateLimitStore`. Buckets hold `capacity` units, refill at `capacity` per minute and start full; they
 * are created at their first use and sized by the `limit` each call passes.
 */
export interface RateLimitStore {
  /**
   * Takes one request and `tokens` from the buckets of `key` at once (levels may go below zero) and returns the
   * milliseconds until the reservation may be used: until the requests bucket is back at zero and the tokens
   * bucket had `min(tokens, capacity)` before the take (a call bigger than the bucket waits for a full one).
   * A rejection fails the call that waits for it.
   */
  reserve(key: string, limit: BucketLimit, tokens: number): Promise<number>;
  /**
   * Gives `change` back to the buckets of `key`: the difference between estimated and reported tokens, or a
   * whole reservation that was abandoned. No bucket rises above its capacity, and a settlement leaves a debt of
   * at most one bucket (older reservations stay). Rejections are ignored: the buckets refill anyway.
   */
  settle(key: string, limit: BucketLimit, change: BucketChange): Promise<void>;
}

/** One bucket in memory, with the reservation arithmetic every store follows. */
class ReservationBucket {
  private level: number;
  private updatedAt: number;

  constructor(
    private capacity: number,
    private readonly clock: LimiterClock,
  ) {
    this.level = capacity;
    this.updatedAt = clock.now();
  }

  /** Takes `amount` and returns the milliseconds until the bucket had `min(amount, capacity)` before the take. */
  reserve(capacity: number, amount: number): number {
    this.refill(capacity);
    const needed = Math.min(amount, capacity);
    const wait = needed > this.level ? ((needed - this.level) * 60_000) / capacity : 0;
    this.level -= amount;
    return Math.ceil(wait);
  }

  /**
   * Gives back `amount` (negative: takes more). The one debt rule: a settlement leaves a debt of at most one bucket
   * of its own, and never forgives a debt that reservations made (older reservations stay).
   */
  settle(capacity: number, amount: number): void {
    this.refill(capacity);
    this.level = Math.max(Math.min(this.level, -capacity), Math.min(capacity, this.level + amount));
  }

  private refill(capacity: number): void {
    const now = this.clock.now();
    this.capacity = capacity;
    this.level = Math.min(capacity, this.level + (Math.max(0, now - this.updatedAt) * capacity) / 60_000);
    this.updatedAt = Math.max(now, this.updatedAt);
  }
}

/**
 * A {@link RateLimitStore} in this process's memory: the same reservation rules as a shared store, shared only by
 * the `createAI` instances given this object. (Without `rateLimitStore`, each limit of createAI has such a store
 * of its own; this store is also what `postgresRateLimitStore` falls back to when its database is unreachable.)
 */
export function memoryRateLimitStore(clock: LimiterClock = systemClock): RateLimitStore {
  const buckets = new Map<string, ReservationBucket>();
  const bucket = (key: string, unit: "requests" | "tokens", capacity: number) => {
    const name = `${unit}\u0000${key}`;
    let found = buckets.get(name);
    if (found === undefined) buckets.set(name, (found = new ReservationBucket(capacity, clock)));
    return found;
  };
  return {
    reserve(key, limit, tokens) {
      let wait = 0;
      if (limit.requestsPerMinute !== undefined) wait = bucket(key, "requests", limit.requestsPerMinute).reserve(limit.requestsPerMinute, 1);
      if (limit.tokensPerMinute !== undefined) wait = Math.max(wait, bucket(key, "tokens", limit.tokensPerMinute).reserve(limit.tokensPerMinute, tokens));
      return Promise.resolve(wait);
    },
    settle(key, limit, change) {
      if (limit.requestsPerMinute !== undefined && change.requests) bucket(key, "requests", limit.requestsPerMinute).settle(limit.requestsPerMinute, change.requests);
      if (limit.tokensPerMinute !== undefined && change.tokens) bucket(key, "tokens", limit.tokensPerMinute).settle(limit.tokensPerMinute, change.tokens);
      return Promise.resolve();
    },
  };
}
