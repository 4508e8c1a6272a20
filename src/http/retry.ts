// When to retry and how long to wait: exponential backoff with jitter, or what the server asked for.
import { AIError } from "../spec/errors/index.js";

/** How retries wait. Every field has a default; tests pass `sleep` to observe delays without waiting. */
export interface RetryPolicy {
  /** First backoff delay; doubles each attempt. Default: 500 ms. */
  initialDelayMs: number;
  /** Cap of the backoff delay. Default: 8,000 ms. */
  maxDelayMs: number;
  /** Longest `Retry-After` we wait for; a server asking for more gets no retry (the error carries `retryAfterMs`). Default: 60,000 ms. */
  maxRetryAfterMs: number;
  /** Waits `ms` or rejects with the signal's reason when it aborts. Default: a timer. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Random number in [0, 1) for jitter. Default: `Math.random`. */
  random: () => number;
}

/** Waits `ms` milliseconds; rejects with `signal.reason` as soon as the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export const defaultRetryPolicy: RetryPolicy = {
  initialDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
  sleep,
  random: Math.random,
};

/**
 * Reads how long the server asks us to wait: `retry-after-ms` (milliseconds, OpenAI) first, then `Retry-After`
 * as seconds or as an HTTP date. Returns `undefined` when neither header is present or parseable.
 */
export function parseRetryAfter(headers: Record<string, string | string[] | undefined>, now = Date.now()): number | undefined {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim();
  const milliseconds = first(headers["retry-after-ms"]);
  if (milliseconds && /^\d+(\.\d+)?$/.test(milliseconds)) return Math.ceil(Number(milliseconds));
  const retryAfter = first(headers["retry-after"]);
  if (!retryAfter) return undefined;
  if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.ceil(Number(retryAfter) * 1000);
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Backoff before retry number `attempt` (0-based): `min(max, initial * 2^attempt)`, the upper half jittered. */
export function backoffDelay(attempt: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (policy.random() * ceiling) / 2);
}

/**
 * Runs `attempt` until it succeeds, fails with a non-retryable error, or `maxRetries` retries are used. Waits
 * the server's `retryAfterMs` when the error carries one (no retry when it exceeds `maxRetryAfterMs`), else the
 * backoff. An abort stops everything at once with the signal's reason.
 */
export async function withRetries<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  options: { maxRetries: number; policy: RetryPolicy; abortSignal?: AbortSignal },
): Promise<T> {
  try {
    return await attempt(0);
  } catch (error) {
    return retryAfterFailure(error, attempt, options);
  }
}

/** {@link withRetries} after its first attempt failed with `error` (the first attempt is made inline, without this loop). */
async function retryAfterFailure<T>(
  error: unknown,
  attempt: (attemptNumber: number) => Promise<T>,
  options: { maxRetries: number; policy: RetryPolicy; abortSignal?: AbortSignal },
): Promise<T> {
  for (let attemptNumber = 0; ; attemptNumber++) {
    // `error` is what attempt `attemptNumber` threw.
    if (options.abortSignal?.aborted) throw options.abortSignal.reason;
    if (!AIError.isInstance(error) || !error.isRetryable || attemptNumber >= options.maxRetries) throw error;
    const retryAfterMs = (error as { retryAfterMs?: number }).retryAfterMs;
    if (retryAfterMs !== undefined && retryAfterMs > options.policy.maxRetryAfterMs) throw error;
    await options.policy.sleep(retryAfterMs ?? backoffDelay(attemptNumber, options.policy), options.abortSignal);
    try {
      return await attempt(attemptNumber + 1);
    } catch (next) {
      error = next;
    }
  }
}
