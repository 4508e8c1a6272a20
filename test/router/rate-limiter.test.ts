import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAI } from "../../src/ai/create-ai.js";
import type { LimiterClock } from "../../src/router/rate-limit-store.js";
import { RateLimiter, RateLimiters } from "../../src/router/rate-limiter.js";
import { ConfigError } from "../../src/spec/errors/index.js";
import { startLoopbackServer, type LoopbackServer } from "../support/loopback-server.js";
import { completionReply, embeddingsReply } from "./openai-wire.js";

/** A clock that moves only when the test says. */
function manualClock(): LimiterClock & { advance(ms: number): void; pending(): number } {
  let now = 0;
  let timers: Array<{ at: number; callback: () => void }> = [];
  return {
    now: () => now,
    setTimeout(callback, ms) {
      const timer = { at: now + ms, callback };
      timers.push(timer);
      return () => void (timers = timers.filter((item) => item !== timer));
    },
    advance(ms) {
      now += ms;
      const due = timers.filter((timer) => timer.at <= now).sort((a, b) => a.at - b.at);
      timers = timers.filter((timer) => timer.at > now);
      for (const timer of due) timer.callback();
    },
    pending: () => timers.length,
  };
}

/** Lets queued promise callbacks run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Tracks which of `promises` have resolved. */
function track<T>(promises: Promise<T>[]) {
  const done = promises.map(() => false);
  promises.forEach((promise, index) => void promise.then(() => (done[index] = true), () => (done[index] = true)));
  return done;
}

describe("RateLimiter", () => {
  it("lets requestsPerMinute start at once, then one more per 60/n seconds, in arrival order", async () => {
    const clock = manualClock();
    const limiter = new RateLimiter({ requestsPerMinute: 2 }, { clock });
    const leases = [limiter.acquire(), limiter.acquire(), limiter.acquire(), limiter.acquire()];
    const done = track(leases);
    await settle();
    expect(done).toEqual([true, true, false, false]);
    clock.advance(29_999);
    await settle();
    expect(done).toEqual([true, true, false, false]);
    clock.advance(1);
    await settle();
    expect(done).toEqual([true, true, true, false]);
    clock.advance(30_000);
    await settle();
    expect(done).toEqual([true, true, true, true]);
  });

  it("takes estimated tokens before and settles them against the actual usage after", async () => {
    const clock = manualClock();
    const limiter = new RateLimiter({ tokensPerMinute: 1_000 }, { clock });
    const first = await limiter.acquire(600);
    const second = limiter.acquire(600);
    const done = track([second]);
    await settle();
    expect(done).toEqual([false]);
    first.release(100); // used 500 fewer than estimated: they go back to the bucket
    await settle();
    expect(done).toEqual([true]);
    (await second).release(1_600); // used 1,000 more: the bucket is at -700, a debt later calls wait for
    const third = limiter.acquire(1);
    const thirdDone = track([third]);
    clock.advance(42_000); // 700 tokens refilled at 1,000 per minute
    await settle();
    expect(thirdDone).toEqual([false]);
    clock.advance(60); // 701: one token available
    await settle();
    expect(thirdDone).toEqual([true]);
  });

  it("lets a request bigger than the bucket go once the bucket is full", async () => {
    const clock = manualClock();
    const limiter = new RateLimiter({ tokensPerMinute: 100 }, { clock });
    (await limiter.acquire(100)).release(); // the bucket is empty
    const big = limiter.acquire(5_000);
    const done = track([big]);
    await settle();
    expect(done).toEqual([false]);
    clock.advance(59_999);
    await settle();
    expect(done).toEqual([false]);
    clock.advance(1); // the bucket is full again: the request goes, though it is bigger
    await settle();
    expect(done).toEqual([true]);
    await expect(big).resolves.toBeDefined();
  });

  it("caps calls in flight and starts the next when one is released", async () => {
    const limiter = new RateLimiter({ maxConcurrency: 2 });
    const first = await limiter.acquire();
    await limiter.acquire();
    const third = limiter.acquire();
    const done = track([third]);
    await settle();
    expect(done).toEqual([false]);
    expect(limiter.waiting).toBe(1);
    first.release();
    first.release(); // a second release does nothing
    await settle();
    expect(done).toEqual([true]);
    expect(limiter.waiting).toBe(0);
  });

  it("rejects a waiting call with the signal's reason when it aborts, and serves the next", async () => {
    const clock = manualClock();
    const limiter = new RateLimiter({ requestsPerMinute: 1 }, { clock });
    await limiter.acquire();
    const controller = new AbortController();
    const aborted = limiter.acquire(0, controller.signal);
    const next = limiter.acquire();
    controller.abort(new Error("gave up"));
    await expect(aborted).rejects.toThrow("gave up");
    expect(limiter.waiting).toBe(1);
    clock.advance(60_000);
    await expect(next).resolves.toBeDefined();
    await expect(limiter.acquire(0, AbortSignal.abort(new Error("already")))).rejects.toThrow("already");
  });

  it("checks the limits when createAI runs", () => {
    expect(() => new RateLimiters({ openai: { requestsPerMinute: 0 } })).toThrow(ConfigError);
    expect(() => new RateLimiters({ openai: { maxConcurrency: 1.5 } })).toThrow(/maxConcurrency must be a whole number > 0/);
    expect(() => createAI({ limits: { openai: { tokensPerMinute: -1 } } })).toThrow(/limits\["openai"\].tokensPerMinute/);
  });
});

describe("rate limits in createAI (loopback server, openai-compatible driver)", () => {
  let server: LoopbackServer;
  beforeAll(async () => {
    server = await startLoopbackServer();
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  const hi = [{ role: "user" as const, content: "Hi" }];
  const provider = () => ({ driver: "openai-compatible", baseURL: server.url("/v1"), apiKey: "sk-limits-0001", maxRetries: 0 });

  it("never has more than maxConcurrency calls at the server", async () => {
    let inFlight = 0;
    let most = 0;
    server.handle(async (request) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 20));
      inFlight--;
      return completionReply("ok", (request.body as { model: string }).model);
    });
    const ai = createAI({ providers: { local: provider() }, limits: { "local:m": { maxConcurrency: 1 } } });
    const results = await Promise.all(Array.from({ length: 4 }, () => ai.chat({ model: "local:m", messages: hi })));
    expect(results.map((result) => result.text)).toEqual(["ok", "ok", "ok", "ok"]);
    expect(server.requests).toHaveLength(4);
    expect(most).toBe(1);
  });

  it("makes a call wait for requestsPerMinute rather than fail, and honours its abortSignal while it waits", async () => {
    server.handle((request) => completionReply("ok", (request.body as { model: string }).model));
    const clock = manualClock();
    const ai = createAI({ providers: { local: provider() }, limits: { local: { requestsPerMinute: 1 } }, clock });
    await ai.chat({ model: "local:m", messages: hi });
    const controller = new AbortController();
    const waiting = ai.chat({ model: "local:m", messages: hi, abortSignal: controller.signal });
    const later = ai.chat({ model: "local:other", messages: hi });
    await settle();
    expect(server.requests).toHaveLength(1);
    controller.abort(new Error("no longer needed"));
    await expect(waiting).rejects.toThrow("no longer needed");
    clock.advance(60_000);
    await expect(later).resolves.toMatchObject({ text: "ok", model: "other" });
    expect(server.requests).toHaveLength(2);
  });

  it("counts the tokens the provider reports against tokensPerMinute (embedding batches too)", async () => {
    const clock = manualClock();
    server.handle((request) => {
      const body = request.body as { model: string; input: string[] };
      return embeddingsReply(body.input.map(() => [1, 2]), body.model, 900);
    });
    const ai = createAI({ providers: { local: provider() }, limits: { local: { tokensPerMinute: 1_000 } }, clock });
    await ai.embed({ model: "local:e", input: ["short"] });
    // 2 tokens estimated, 900 reported: 100 left, enough for the 2 estimated of the next call...
    await expect(ai.embed({ model: "local:e", input: ["short"] })).resolves.toMatchObject({ calls: 1 });
    expect(clock.pending()).toBe(0);
    // ...which reports 900 too: the bucket is in debt, so the third call waits (a timer is set) and is not sent.
    const third = ai.embed({ model: "local:e", input: ["short"] });
    const thirdDone = track([third]);
    await settle();
    expect(clock.pending()).toBe(1);
    expect(thirdDone).toEqual([false]);
    expect(server.requests).toHaveLength(2);
    clock.advance(60_000);
    await expect(third).resolves.toMatchObject({ embeddings: [[1, 2]] });
  });
});

describe("estimateChatTokens", () => {
  it("counts messages, tools and maxOutputTokens, not image bytes", async () => {
    const { estimateChatTokens } = await import("../../src/router/rate-limiter.js");
    const text = estimateChatTokens({ messages: [{ role: "user", content: "x".repeat(300) }] });
    expect(text).toBeGreaterThanOrEqual(100);
    expect(estimateChatTokens({ messages: [{ role: "user", content: "x".repeat(300) }], maxOutputTokens: 1_000 })).toBe(text + 1_000);
    const image = new Uint8Array(1_000_000);
    const withImage = estimateChatTokens({ messages: [{ role: "user", content: [{ type: "text", text: "x".repeat(300) }, { type: "image", image, mediaType: "image/png" }] }] });
    expect(withImage).toBeLessThan(text + 100);
  });
});
