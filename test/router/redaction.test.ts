// No API key reaches an error, a result or a log line through the routing paths: fallbacks (failed attempts
// and the final error), streams, embeddings and the cache. (Aborts, budget errors and ai.usage() are built from
// our own values, never from provider text or headers: nothing there to redact.)
import { inspect } from "node:util";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createAI } from "../../src/ai/create-ai.js";
import { startLoopbackServer, type LoopbackServer, type RecordedRequest } from "../support/loopback-server.js";
import { completionReply, errorReply } from "./openai-wire.js";

const primaryKey = "sk-routing-PRIMARY-7f3a9c1e5b";
const backupKey = "sk-routing-BACKUP-2d8e6f4a0c";
const perCallKey = "sk-routing-PERCALL-9b1c3e5d7f";
const secrets = [primaryKey, backupKey, perCallKey];
const hi = [{ role: "user" as const, content: "Hi" }];

let primary: LoopbackServer;
let backup: LoopbackServer;
let logged: string[];

/** The provider echoes the credentials it received in its error message, the worst case for redaction. */
const echoCredentials = (status: number) => (request: RecordedRequest) =>
  errorReply(status, `Rejected credentials ${String(request.headers.authorization)} (x-api-key ${String(request.headers["x-api-key"])})`, "invalid_request_error");

/** Everything a caller or a log could see of a value: its inspection (errors with causes) and its JSON. */
function exposed(value: unknown): string {
  let json = "";
  try {
    json = JSON.stringify(value, (_key, item: unknown) => (item instanceof Error ? { ...item, message: item.message, stack: item.stack } : item)) ?? "";
  } catch {
    json = "";
  }
  return `${inspect(value, { depth: Infinity, showHidden: true })}\n${json}\n${value instanceof Error ? `${value.message}\n${value.stack}` : ""}`;
}

function expectNoSecret(value: unknown): void {
  const text = exposed(value);
  for (const secret of secrets) expect(text).not.toContain(secret);
}

function routedAI(extra: Record<string, unknown> = {}) {
  return createAI({
    providers: {
      primary: { driver: "openai-compatible", baseURL: primary.url("/v1"), apiKey: primaryKey, maxRetries: 0 },
      backup: { driver: "openai-compatible", baseURL: backup.url("/v1"), apiKey: backupKey, maxRetries: 0 },
    },
    fallbacks: { "primary:m": ["backup:m"] },
    cache: { maxBytes: 100_000 },
    ...extra,
  });
}

beforeAll(async () => {
  [primary, backup] = await Promise.all([startLoopbackServer(), startLoopbackServer()]);
});
afterAll(() => Promise.all([primary.close(), backup.close()]));
beforeEach(() => {
  primary.reset();
  backup.reset();
  logged = [];
  for (const method of ["log", "info", "warn", "error", "debug", "trace"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.map((arg) => exposed(arg)).join(" ")));
  }
});
afterEach(() => {
  vi.restoreAllMocks();
  for (const line of logged) for (const secret of secrets) expect(line).not.toContain(secret);
});

describe("redaction through the routing paths", () => {
  it("keeps keys out of failed attempts and of the answer after a fallback", async () => {
    primary.handle(echoCredentials(401));
    backup.reply(completionReply("ok", "m"));
    const result = await routedAI().chat({ model: "primary:m", messages: hi, temperature: 0, headers: { "x-api-key": perCallKey } });
    expect(primary.requests[0]!.headers.authorization).toBe(`Bearer ${primaryKey}`); // the key was really sent...
    expect(result.failedAttempts![0]!.error.message).toContain("Rejected credentials Bearer [REDACTED]"); // ...and echoed back
    expectNoSecret(result);
  });

  it("keeps keys out of the final error when every model fails, for chat and for streams", async () => {
    primary.handle(echoCredentials(500));
    backup.handle(echoCredentials(503));
    const ai = routedAI();
    const chatError = await ai.chat({ model: "primary:m", messages: hi, headers: { "x-api-key": perCallKey } }).catch((error: unknown) => error);
    expect(chatError).toMatchObject({ provider: "backup", status: 503 });
    expectNoSecret(chatError);
    const streamError = await (async () => {
      for await (const _event of ai.stream({ model: "primary:m", messages: hi })) void _event;
    })().catch((error: unknown) => error);
    expect(streamError).toMatchObject({ provider: "backup", status: 503 });
    expectNoSecret(streamError);
    expect(backup.requests.length).toBe(2);
  });

  it("keeps keys out of embedding fallbacks; aborted rate-limit waits and the budget still work after them", async () => {
    primary.handle(echoCredentials(429));
    backup.handle(echoCredentials(401));
    const ai = routedAI({ fallbacks: { "primary:e": ["backup:e"], "primary:m": ["backup:m"] }, limits: { primary: { maxConcurrency: 1 } }, prices: { "backup:m": { input: 1_000_000 } }, budget: { maxUsd: 1 } });
    const embedError = await ai.embed({ model: "primary:e", input: ["a"], dimensions: 2 }).catch((error: unknown) => error);
    expect(embedError).toMatchObject({ code: "authentication", provider: "backup" });
    expectNoSecret(embedError);

    primary.reset();
    primary.reply({ hang: true });
    const holding = new AbortController();
    const first = ai.chat({ model: "primary:x", messages: hi, abortSignal: holding.signal }).catch((error: unknown) => error);
    const controller = new AbortController();
    const waiting = ai.chat({ model: "primary:y", messages: hi, abortSignal: controller.signal }); // waits: maxConcurrency 1
    controller.abort();
    const abortError = await waiting.catch((error: unknown) => error);
    // An abort rejects with the signal's reason (ours, no provider text in it), so there is nothing to redact.
    expect((abortError as Error).name).toBe("AbortError");
    holding.abort();
    expect(((await first) as Error).name).toBe("AbortError");

    backup.reset();
    backup.reply(completionReply("ok", "m", { prompt: 1, completion: 0 }));
    primary.reset();
    primary.reply(errorReply(503, "down"));
    await ai.chat({ model: "primary:m", messages: hi }); // falls back; spends the $1 budget
    const budgetError = await ai.chat({ model: "backup:m", messages: hi }).catch((error: unknown) => error);
    expect(budgetError).toMatchObject({ code: "budget_exceeded" });
  });
});
