// One limit whose requests and tokens per minute live in a RateLimitStore shared with other processes. Calls
// queue in this process (first come, first served); the first reserves its share in the store and sleeps for
// the wait the store computed, then the next reserves. maxConcurrency stays in this process: a slot is held
// from the reservation until the lease is released.
import type { BucketLimit, RateLimitStore } from "./rate-limit-store.js";
import type { LimiterClock, RateLease, RateLimit } from "./rate-limiter.js";

interface SharedWaiter {
  tokens: number;
  resolve(lease: RateLease): void;
  reject(reason: unknown): void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
  /** Where the waiter is: queued, reserving (a store call in flight), sleeping (reserved), or gone. */
  state: "queued" | "reserving" | "sleeping" | "gone";
  cancelSleep?: () => void;
}

export class SharedRateLimiter {
  private readonly buckets: BucketLimit;
  private readonly maxConcurrency: number;
  /** Slots held by the reserving or sleeping call and by running calls. */
  private slots = 0;
  /** Whether this limiter has a reservation in flight or not yet due (at most one: see the header). */
  private reserved = false;
  private readonly queue: SharedWaiter[] = [];

  constructor(
    private readonly key: string,
    limit: RateLimit,
    private readonly store: RateLimitStore,
    private readonly clock: LimiterClock,
  ) {
    this.buckets = {};
    if (limit.requestsPerMinute !== undefined) this.buckets.requestsPerMinute = limit.requestsPerMinute;
    if (limit.tokensPerMinute !== undefined) this.buckets.tokensPerMinute = limit.tokensPerMinute;
    this.maxConcurrency = limit.maxConcurrency ?? Infinity;
  }

  /** Calls of this process waiting for capacity (queued, reserving or sleeping). */
  get waiting(): number {
    return this.queue.length + (this.reserved ? 1 : 0);
  }

  /** Waits until a call estimated at `tokens` may start. Rejects with the signal's reason when it aborts first. */
  acquire(tokens = 0, signal?: AbortSignal): Promise<RateLease> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<RateLease>((resolve, reject) => {
      const waiter: SharedWaiter = { tokens, resolve, reject, signal, state: "queued", onAbort: () => this.abort(waiter) };
      signal?.addEventListener("abort", waiter.onAbort, { once: true });
      this.queue.push(waiter);
      this.pump();
    });
  }

  /**
   * Reserves for the first queued call when a slot is free and no reservation of this limiter is pending. One
   * pending reservation per process keeps the store's line fair between processes, and a process that exits
   * while calls wait leaves at most one unused reservation behind.
   */
  private pump(): void {
    while (!this.reserved && this.queue.length > 0 && this.slots < this.maxConcurrency) {
      const head = this.queue.shift()!;
      this.slots++;
      if (this.buckets.requestsPerMinute === undefined && this.buckets.tokensPerMinute === undefined) {
        this.start(head);
        continue;
      }
      head.state = "reserving";
      this.reserved = true;
      this.store.reserve(this.key, this.buckets, head.tokens).then(
        (waitMs) => {
          if (head.state === "gone") this.giveBack(head.tokens);
          else if (waitMs <= 0) this.start(head);
          else {
            head.state = "sleeping";
            head.cancelSleep = this.clock.setTimeout(() => {
              this.start(head);
              this.pump();
            }, waitMs);
            return;
          }
          this.pump();
        },
        (error: unknown) => {
          this.reserved = false;
          this.slots--;
          if (head.state !== "gone") this.finish(head, () => head.reject(error));
          this.pump();
        },
      );
    }
  }

  /** Hands the lease to a waiter whose reservation is due (or that needs none). */
  private start(waiter: SharedWaiter): void {
    if (waiter.state !== "queued") this.reserved = false;
    this.finish(waiter, () => waiter.resolve(this.lease(waiter.tokens)));
  }

  private finish(waiter: SharedWaiter, settleWaiter: () => void): void {
    waiter.state = "gone";
    waiter.signal?.removeEventListener("abort", waiter.onAbort);
    settleWaiter();
  }

  private abort(waiter: SharedWaiter): void {
    const state = waiter.state;
    if (state === "gone") return;
    waiter.state = "gone";
    if (state === "queued") this.queue.splice(this.queue.indexOf(waiter), 1);
    // A reservation still in flight is given back when it returns (see pump); a sleeping one now.
    if (state === "sleeping") {
      waiter.cancelSleep?.();
      this.giveBack(waiter.tokens);
    }
    waiter.reject(waiter.signal!.reason);
    if (state === "sleeping") this.pump();
  }

  /** Returns an unused reservation and its slot. */
  private giveBack(tokens: number): void {
    this.reserved = false;
    this.slots--;
    this.store.settle(this.key, this.buckets, { requests: 1, tokens }).catch(() => undefined);
  }

  private lease(estimated: number): RateLease {
    let released = false;
    return {
      release: (actualTokens) => {
        if (released) return;
        released = true;
        this.slots--;
        if (actualTokens !== undefined && this.buckets.tokensPerMinute !== undefined && actualTokens !== estimated) {
          this.store.settle(this.key, this.buckets, { tokens: estimated - actualTokens }).catch(() => undefined);
        }
        this.pump();
      },
    };
  }
}
