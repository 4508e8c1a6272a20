// Rate limits per provider and per model: requests and tokens per minute (token buckets) and a cap on calls in
// flight. Callers wait for capacity (first come, first served); they never fail for it. One limiter for every
// store: the buckets live in a RateLimitStore, this process's memory by default (`memoryRateLimitStore`), or with
// `createAI({ rateLimitStore })` a store shared by several processes (`postgresRateLimitStore`).
//
// Per limit, calls queue in this process; the first reserves its share in the store and sleeps for the wait the
// store computed, then the next reserves. One pending reservation per limiter keeps the store's line fair between
// processes, and a process that exits while calls wait leaves at most one unused reservation behind.
// maxConcurrency stays in this process: a slot is held from the reservation until the lease is released.
import type { ChatCallOptions } from "../spec/chat-model.js";
import { ConfigError } from "../spec/errors/index.js";
import { estimateTokens } from "./embed-batching.js";
import { memoryRateLimitStore, systemClock, type BucketLimit, type LimiterClock, type RateLimitStore } from "./rate-limit-store.js";

/** Limits of one provider or one model. Each is off when omitted. */
export interface RateLimit {
  /** Requests started per minute (a bucket of this size, refilled continuously; a full bucket allows a burst). */
  requestsPerMinute?: number;
  /**
   * Tokens per minute. A request takes its estimated tokens before it is sent (input estimate plus
   * `maxOutputTokens` when given), and the difference to the usage the provider reports afterwards is settled.
   */
  tokensPerMinute?: number;
  /** Calls in flight at once (a stream counts until it ends). */
  maxConcurrency?: number;
}

/** `createAI({ limits })`: keys are a provider name (`"openai"`) or a model string (`"openai:gpt-4o-mini"`); both apply. */
export type RateLimits = Record<string, RateLimit>;

/** Held while a call runs; `release` it exactly once when the call ends (a second call does nothing). */
export interface RateLease {
  /** Frees the concurrency slot and settles the tokens taken against `actualTokens` when the provider reported them. */
  release(actualTokens?: number): void;
}

/** Options of a {@link RateLimiter}. */
export interface RateLimiterOptions {
  /** The key of the limit's buckets in the store (a provider name or a model string). Default: `"limit"`. */
  key?: string;
  /** Where the buckets live. Default: a `memoryRateLimitStore` of this limiter's own. */
  store?: RateLimitStore;
  /** Default: the system clock. */
  clock?: LimiterClock;
}

interface Waiter {
  tokens: number;
  resolve(lease: RateLease): void;
  reject(reason: unknown): void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
  /** Where the waiter is: queued, reserving (a store call in flight), sleeping (reserved), or gone. */
  state: "queued" | "reserving" | "sleeping" | "gone";
  cancelSleep?: () => void;
}

/** One limit (one provider or one model): a FIFO queue in front of its buckets in a store and its concurrency cap. */
export class RateLimiter {
  private readonly key: string;
  private readonly store: RateLimitStore;
  private readonly clock: LimiterClock;
  /**
   * Whether nobody else reserves in this limiter's buckets (its own memory store): then a settlement while a call
   * sleeps on its reservation re-prices that reservation at once (given back and reserved again, without losing a
   * place in a line nobody else stands in), so tokens given back start it sooner. A shared store's sleeper keeps
   * its place and its wait.
   */
  private readonly exclusive: boolean;
  private readonly buckets: BucketLimit;
  private readonly maxConcurrency: number;
  /** Slots held by the reserving or sleeping call and by running calls. */
  private slots = 0;
  /** The call with a reservation in flight or not yet due (at most one: see the header). */
  private reserved: Waiter | undefined;
  private readonly queue: Waiter[] = [];

  constructor(limit: RateLimit, options: RateLimiterOptions = {}) {
    this.key = options.key ?? "limit";
    this.clock = options.clock ?? systemClock;
    this.exclusive = options.store === undefined;
    this.store = options.store ?? memoryRateLimitStore(this.clock);
    this.buckets = {};
    if (limit.requestsPerMinute !== undefined) this.buckets.requestsPerMinute = limit.requestsPerMinute;
    if (limit.tokensPerMinute !== undefined) this.buckets.tokensPerMinute = limit.tokensPerMinute;
    this.maxConcurrency = limit.maxConcurrency ?? Infinity;
  }

  /** Calls of this process waiting for capacity (queued, reserving or sleeping). */
  get waiting(): number {
    return this.queue.length + (this.reserved === undefined ? 0 : 1);
  }

  /**
   * Waits until a call estimated at `tokens` may start, then hands it a lease. Rejects with the signal's reason
   * (and leaves the queue, giving back a reservation) when `signal` aborts first.
   */
  acquire(tokens = 0, signal?: AbortSignal): Promise<RateLease> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<RateLease>((resolve, reject) => {
      const waiter: Waiter = { tokens, resolve, reject, signal, state: "queued", onAbort: () => this.abort(waiter) };
      signal?.addEventListener("abort", waiter.onAbort, { once: true });
      this.queue.push(waiter);
      this.pump();
    });
  }

  /** Reserves for the first queued call when a slot is free and no reservation of this limiter is pending. */
  private pump(): void {
    while (this.reserved === undefined && this.queue.length > 0 && this.slots < this.maxConcurrency) {
      const head = this.queue.shift()!;
      this.slots++;
      if (this.buckets.requestsPerMinute === undefined && this.buckets.tokensPerMinute === undefined) {
        this.start(head);
        continue;
      }
      this.reserved = head;
      this.reserve(head);
    }
  }

  /** Reserves the share of `waiter` (the pending reservation) in the store, then starts it or lets it sleep. */
  private reserve(waiter: Waiter): void {
    waiter.state = "reserving";
    // The wait counts from when the reservation was asked for: the memory store computes it then, a remote store
    // within the round trip (so a call may start that much early, never more).
    const askedAt = this.clock.now();
    this.store.reserve(this.key, this.buckets, waiter.tokens).then(
      (reservedWaitMs) => {
        const waitMs = reservedWaitMs <= 0 ? 0 : Math.ceil(askedAt + reservedWaitMs - this.clock.now());
        if (waiter.state === "gone") this.giveBack(waiter.tokens);
        else if (waitMs <= 0) this.start(waiter);
        else {
          waiter.state = "sleeping";
          waiter.cancelSleep = this.clock.setTimeout(() => {
            this.start(waiter);
            this.pump();
          }, waitMs);
          return;
        }
        this.pump();
      },
      (error: unknown) => {
        this.reserved = undefined;
        this.slots--;
        if (waiter.state !== "gone") this.finish(waiter, () => waiter.reject(error));
        this.pump();
      },
    );
  }

  /** Hands the lease to a waiter whose reservation is due (or that needs none). */
  private start(waiter: Waiter): void {
    if (this.reserved === waiter) this.reserved = undefined;
    this.finish(waiter, () => waiter.resolve(this.lease(waiter.tokens)));
  }

  private finish(waiter: Waiter, settleWaiter: () => void): void {
    waiter.state = "gone";
    waiter.signal?.removeEventListener("abort", waiter.onAbort);
    settleWaiter();
  }

  private abort(waiter: Waiter): void {
    const state = waiter.state;
    if (state === "gone") return;
    waiter.state = "gone";
    if (state === "queued") this.queue.splice(this.queue.indexOf(waiter), 1);
    // A reservation still in flight is given back when it returns (see reserve); a sleeping one now.
    if (state === "sleeping") {
      waiter.cancelSleep?.();
      this.giveBack(waiter.tokens);
    }
    waiter.reject(waiter.signal!.reason);
    if (state === "sleeping") this.pump();
  }

  /** Returns an unused reservation and its slot. */
  private giveBack(tokens: number): void {
    this.reserved = undefined;
    this.slots--;
    this.store.settle(this.key, this.buckets, { requests: 1, tokens }).catch(() => undefined);
  }

  /** The one lease code: frees the slot, settles the tokens against the usage reported, serves the next. */
  private lease(estimated: number): RateLease {
    let released = false;
    return {
      release: (actualTokens) => {
        if (released) return;
        released = true;
        this.slots--;
        if (actualTokens !== undefined && this.buckets.tokensPerMinute !== undefined && actualTokens !== estimated) {
          const settled = this.store.settle(this.key, this.buckets, { tokens: estimated - actualTokens }).catch(() => undefined);
          const sleeper = this.reserved;
          if (this.exclusive && sleeper?.state === "sleeping") void settled.then(() => this.reprice(sleeper));
        }
        this.pump();
      },
    };
  }

  /** Gives back the reservation of a sleeping call and reserves again: its wait after a settlement (see `exclusive`). */
  private reprice(sleeper: Waiter): void {
    if (sleeper.state !== "sleeping") return;
    sleeper.cancelSleep?.();
    sleeper.state = "reserving";
    this.store.settle(this.key, this.buckets, { requests: 1, tokens: sleeper.tokens }).then(
      () => this.reserve(sleeper),
      () => this.reserve(sleeper),
    );
  }
}

const noLease: RateLease = { release: () => {} };

/** Every configured limit, looked up by provider and model. */
export class RateLimiters {
  private readonly limiters = new Map<string, RateLimiter>();
  /** Keys whose limit has `tokensPerMinute`: only calls under one of them need a token estimate. */
  private readonly tokenKeys = new Set<string>();

  /** With `store`, requests and tokens per minute live there (shared); without, in this process's memory. */
  constructor(limits: RateLimits = {}, clock: LimiterClock = systemClock, store?: RateLimitStore) {
    if (store !== undefined && (typeof store !== "object" || store === null || typeof store.reserve !== "function" || typeof store.settle !== "function")) {
      throw new ConfigError("rateLimitStore must be a RateLimitStore (with reserve and settle), e.g. postgresRateLimitStore(pool).");
    }
    for (const [key, limit] of Object.entries(limits)) {
      validateRateLimit(key, limit);
      this.limiters.set(key, new RateLimiter(limit, store === undefined ? { key, clock } : { key, store, clock }));
      if (limit.tokensPerMinute !== undefined) this.tokenKeys.add(key);
    }
  }

  /** Whether any limit is configured. */
  get enabled(): boolean {
    return this.limiters.size > 0;
  }

  /** Whether a limit of the provider or of the model applies to calls of `provider:modelId`. */
  applies(provider: string, modelId: string): boolean {
    return this.limiters.size > 0 && (this.limiters.has(provider) || this.limiters.has(`${provider}:${modelId}`));
  }

  /** Whether a limit that applies to calls of `provider:modelId` counts tokens (then `acquire` needs an estimate). */
  countsTokens(provider: string, modelId: string): boolean {
    return this.tokenKeys.size > 0 && (this.tokenKeys.has(provider) || this.tokenKeys.has(`${provider}:${modelId}`));
  }

  /** Waits for the model's limit, then the provider's (always in this order, so waits cannot deadlock). */
  async acquire(provider: string, modelId: string, tokens: number, signal?: AbortSignal): Promise<RateLease> {
    if (this.limiters.size === 0) return noLease;
    const leases: RateLease[] = [];
    try {
      for (const key of [`${provider}:${modelId}`, provider]) {
        const limiter = this.limiters.get(key);
        if (limiter) leases.push(await limiter.acquire(tokens, signal));
      }
    } catch (error) {
      for (const lease of leases) lease.release();
      throw error;
    }
    return { release: (actualTokens) => leases.forEach((lease) => lease.release(actualTokens)) };
  }
}

function validateRateLimit(key: string, limit: RateLimit): void {
  if (typeof limit !== "object" || limit === null) throw new ConfigError(`limits["${key}"] must be an object like { requestsPerMinute: 500 }.`);
  for (const field of ["requestsPerMinute", "tokensPerMinute", "maxConcurrency"] as const) {
    const value = limit[field];
    if (value === undefined) continue;
    const valid = typeof value === "number" && value > 0 && Number.isFinite(value) && (field !== "maxConcurrency" || Number.isInteger(value));
    if (!valid) throw new ConfigError(`limits["${key}"].${field} must be a ${field === "maxConcurrency" ? "whole number" : "number"} > 0, got ${String(value)}.`);
  }
}

/**
 * Tokens a chat call is expected to use, for `tokensPerMinute`: the estimate of its messages and tools (see
 * `estimateTokens`) plus `maxOutputTokens` when given (providers count that up front too).
 */
export function estimateChatTokens(options: ChatCallOptions): number {
  // Image bytes are left out (providers bill images by size, not by their bytes); the settlement corrects it.
  let tokens = estimateTokens(JSON.stringify(options.messages, (_key, value: unknown) => (value instanceof Uint8Array ? "" : value)));
  if (options.tools !== undefined) tokens += estimateTokens(JSON.stringify(options.tools));
  return tokens + (options.maxOutputTokens ?? 0);
}
