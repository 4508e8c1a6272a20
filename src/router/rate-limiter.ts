// Rate limits per provider and per model: requests and tokens per minute (token buckets) and a cap on calls in
// flight. Callers wait for capacity (first come, first served); they never fail for it. The buckets live in
// this process's memory, or with `createAI({ rateLimitStore })` in a store shared by several processes.
import type { ChatCallOptions } from "../spec/chat-model.js";
import { ConfigError } from "../spec/errors/index.js";
import { estimateTokens } from "./embed-batching.js";
import type { RateLimitStore } from "./rate-limit-store.js";
import { SharedRateLimiter } from "./shared-rate-limiter.js";

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

/** Held while a call runs; `release` it exactly once when the call ends (a second call does nothing). */
export interface RateLease {
  /** Frees the concurrency slot and settles the tokens taken against `actualTokens` when the provider reported them. */
  release(actualTokens?: number): void;
}

/** A bucket of `capacity` units refilled at `capacity` per minute; a request bigger than the bucket waits for a full one. */
class TokenBucket {
  private level: number;
  private updatedAt: number;
  private readonly perMs: number;

  constructor(
    readonly capacity: number,
    private readonly clock: LimiterClock,
  ) {
    this.level = capacity;
    this.updatedAt = clock.now();
    this.perMs = capacity / 60_000;
  }

  /** Milliseconds until `amount` (at most `capacity`) is available; 0 when it is now. */
  waitFor(amount: number): number {
    this.refill();
    const needed = Math.min(amount, this.capacity);
    return this.level >= needed ? 0 : Math.ceil((needed - this.level) / this.perMs);
  }

  take(amount: number): void {
    this.refill();
    this.level -= amount;
  }

  /** Gives back (`amount` < 0: takes more of) the bucket; a debt is bounded by one bucket. */
  settle(amount: number): void {
    this.refill();
    this.level = Math.max(-this.capacity, Math.min(this.capacity, this.level + amount));
  }

  private refill(): void {
    const now = this.clock.now();
    this.level = Math.min(this.capacity, this.level + (now - this.updatedAt) * this.perMs);
    this.updatedAt = now;
  }
}

interface Waiter {
  tokens: number;
  resolve(lease: RateLease): void;
  reject(reason: unknown): void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/** One limit (one provider or one model): a FIFO queue in front of its buckets and its concurrency cap. */
export class RateLimiter {
  private readonly requests: TokenBucket | undefined;
  private readonly tokens: TokenBucket | undefined;
  private readonly maxConcurrency: number;
  private inFlight = 0;
  private readonly queue: Waiter[] = [];
  private cancelTimer: (() => void) | undefined;

  constructor(limit: RateLimit, private readonly clock: LimiterClock = systemClock) {
    this.requests = limit.requestsPerMinute === undefined ? undefined : new TokenBucket(limit.requestsPerMinute, clock);
    this.tokens = limit.tokensPerMinute === undefined ? undefined : new TokenBucket(limit.tokensPerMinute, clock);
    this.maxConcurrency = limit.maxConcurrency ?? Infinity;
  }

  /** Calls waiting for capacity. */
  get waiting(): number {
    return this.queue.length;
  }

  /**
   * Waits until a call estimated at `tokens` may start, then takes its share. Rejects with the signal's reason
   * (and leaves the queue) when `signal` aborts first.
   */
  acquire(tokens = 0, signal?: AbortSignal): Promise<RateLease> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<RateLease>((resolve, reject) => {
      const waiter: Waiter = {
        tokens,
        resolve,
        reject,
        signal,
        onAbort: () => {
          const index = this.queue.indexOf(waiter);
          if (index < 0) return;
          this.queue.splice(index, 1);
          reject(signal!.reason);
          this.pump();
        },
      };
      signal?.addEventListener("abort", waiter.onAbort, { once: true });
      this.queue.push(waiter);
      this.pump();
    });
  }

  /** Starts waiting calls, in order, while capacity allows; sets one timer for the first that must wait. */
  private pump(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    while (this.queue.length > 0) {
      const head = this.queue[0]!;
      if (this.inFlight >= this.maxConcurrency) return;
      const wait = Math.max(this.requests?.waitFor(1) ?? 0, this.tokens?.waitFor(head.tokens) ?? 0);
      if (wait > 0) {
        this.cancelTimer = this.clock.setTimeout(() => this.pump(), wait);
        return;
      }
      this.queue.shift();
      head.signal?.removeEventListener("abort", head.onAbort);
      this.requests?.take(1);
      this.tokens?.take(head.tokens);
      this.inFlight++;
      head.resolve(this.lease(head.tokens));
    }
  }

  private lease(estimated: number): RateLease {
    let released = false;
    return {
      release: (actualTokens) => {
        if (released) return;
        released = true;
        this.inFlight--;
        if (actualTokens !== undefined) this.tokens?.settle(estimated - actualTokens);
        this.pump();
      },
    };
  }
}

const noLease: RateLease = { release: () => {} };

/** What {@link RateLimiters} needs of one limit: in memory ({@link RateLimiter}) or in a shared store. */
export interface KeyLimiter {
  /** Calls waiting for capacity. */
  readonly waiting: number;
  acquire(tokens?: number, signal?: AbortSignal): Promise<RateLease>;
}

/** Every configured limit, looked up by provider and model. */
export class RateLimiters {
  private readonly limiters = new Map<string, KeyLimiter>();
  /** Keys whose limit has `tokensPerMinute`: only calls under one of them need a token estimate. */
  private readonly tokenKeys = new Set<string>();

  /** With `store`, requests and tokens per minute live there (shared); without, in this process's memory. */
  constructor(limits: RateLimits = {}, clock: LimiterClock = systemClock, store?: RateLimitStore) {
    if (store !== undefined && (typeof store !== "object" || store === null || typeof store.reserve !== "function" || typeof store.settle !== "function")) {
      throw new ConfigError("rateLimitStore must be a RateLimitStore (with reserve and settle), e.g. postgresRateLimitStore(pool).");
    }
    for (const [key, limit] of Object.entries(limits)) {
      validateRateLimit(key, limit);
      this.limiters.set(key, store === undefined ? new RateLimiter(limit, clock) : new SharedRateLimiter(key, limit, store, clock));
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
