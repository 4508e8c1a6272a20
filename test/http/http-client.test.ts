import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { HttpClient, type HttpClientSettings } from "../../src/http/http-client.js";
import { parseSse } from "../../src/http/sse.js";
import { createJsonErrorResponseHandler, createJsonResponseHandler } from "../../src/http/response-handlers.js";
import {
  AIError,
  AuthenticationError,
  ConnectionError,
  ContextLengthError,
  ProviderError,
  ProviderResponseError,
  RateLimitError,
  TimeoutError,
} from "../../src/spec/errors/index.js";
import { startLoopbackServer } from "../support/loopback-server.js";

const apiKey = "sk-test-secret-1234567890";
const server = await startLoopbackServer();
afterAll(() => server.close());
beforeEach(() => server.reset());

const responseSchema = z.object({ id: z.string(), value: z.number() });
const failedResponseHandler = createJsonErrorResponseHandler({
  errorSchema: z.object({ error: z.object({ message: z.string(), code: z.string().nullish() }) }),
  errorToMessage: (body) => body.error.message,
  isContextLengthError: (body) => body.error.code === "context_length_exceeded",
});

/** A client on the loopback server whose retries record their delays instead of waiting. */
function client(settings: Partial<HttpClientSettings> = {}) {
  const delays: number[] = [];
  const http = new HttpClient({
    provider: "testprov",
    baseURL: server.url("/v1"),
    headers: { authorization: `Bearer ${apiKey}`, "x-extra": "1" },
    secrets: [apiKey],
    authenticationHint: "set TESTPROV_API_KEY",
    retry: { sleep: async (ms) => void delays.push(ms), random: () => 0 },
    ...settings,
  });
  return { http, delays };
}

function post(http: HttpClient, abortSignal?: AbortSignal) {
  return http.postJson({
    path: "/things?mode=fast",
    model: "m-1",
    body: { input: "héllo" },
    headers: { "x-call": "2" },
    abortSignal,
    successfulResponseHandler: createJsonResponseHandler(responseSchema),
    failedResponseHandler,
  });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

describe("HttpClient.postJson", () => {
  it("sends JSON with the client's and the call's headers and parses the reply with the schema", async () => {
    server.reply({ json: { id: "r1", value: 42, extra: "ignored" }, headers: { "x-request-id": "req_abc" } });
    const { http } = client();
    const response = await post(http);
    expect(response.value).toEqual({ id: "r1", value: 42 });
    expect(response.requestId).toBe("req_abc");
    expect(response.status).toBe(200);
    const [request] = server.requests;
    expect(request).toMatchObject({ method: "POST", path: "/v1/things?mode=fast", body: { input: "héllo" } });
    expect(request!.headers).toMatchObject({
      authorization: `Bearer ${apiKey}`,
      "content-type": "application/json",
      accept: "application/json",
      "x-extra": "1",
      "x-call": "2",
    });
  });

  it("redacts the key from a successful body that echoes it, and GETs with getJson", async () => {
    server.reply({ json: { id: `echo ${apiKey}`, value: 1 } }, { json: { id: "g", value: 2 } });
    const { http } = client();
    expect((await post(http)).value.id).toBe("echo [REDACTED]");
    const got = await http.getJson({ path: "/models/m-1", successfulResponseHandler: createJsonResponseHandler(responseSchema), failedResponseHandler });
    expect(got.value).toEqual({ id: "g", value: 2 });
    expect(server.requests[1]).toMatchObject({ method: "GET", path: "/v1/models/m-1", bodyText: "" });
    expect(server.requests[1]!.headers["content-type"]).toBeUndefined();
  });

  it("reuses keep-alive connections for sequential requests", async () => {
    server.handle(() => ({ json: { id: "r", value: 1 } }));
    const { http } = client();
    for (let index = 0; index < 6; index++) await post(http);
    // undici's pool may open a second socket while the first is being released; no request opens its own
    expect(new Set(server.requests.map((request) => request.remotePort)).size).toBeLessThanOrEqual(2);
  });

  it("rejects a reply that does not match the schema with a ProviderResponseError carrying the body", async () => {
    server.reply({ json: { id: "r1", value: "not a number" }, headers: { "x-request-id": "req_bad" } });
    const error = await rejection(post(client().http));
    expect(error).toBeInstanceOf(ProviderResponseError);
    expect(error).toMatchObject({ code: "invalid_response", provider: "testprov", model: "m-1", status: 200, requestId: "req_bad", isRetryable: false });
    expect((error as ProviderResponseError).message).toContain("value");
    expect((error as ProviderResponseError).body).toBe('{"id":"r1","value":"not a number"}');
  });

  it("rejects malformed JSON with a ProviderResponseError and truncates a long body", async () => {
    server.reply({ text: `{"id": "r1", ${"x".repeat(5000)}`, headers: { "content-type": "application/json" } });
    const error = (await rejection(post(client().http))) as ProviderResponseError;
    expect(error).toBeInstanceOf(ProviderResponseError);
    expect(error.message).toContain("not valid JSON");
    expect(error.body!.length).toBeLessThan(2_100);
    expect(error.body).toContain("more characters]");
  });

  it("maps 401 to AuthenticationError without retrying, and never shows the key", async () => {
    server.reply({ status: 401, json: { error: { message: `Incorrect API key provided: ${apiKey}` } } });
    const { http, delays } = client();
    const error = (await rejection(post(http))) as AuthenticationError;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ code: "authentication", status: 401, isRetryable: false });
    expect(error.message).toContain("set TESTPROV_API_KEY");
    expect(error.message).toContain("Incorrect API key provided: [REDACTED]");
    expect(JSON.stringify({ message: error.message, body: error.body, url: error.url })).not.toContain(apiKey);
    expect(server.requests).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it("retries a 429 after the server's retry-after-ms, then succeeds", async () => {
    server.reply({ status: 429, headers: { "retry-after-ms": "35" }, json: { error: { message: "Rate limit reached" } } }, { json: { id: "r2", value: 2 } });
    const { http, delays } = client();
    expect((await post(http)).value).toEqual({ id: "r2", value: 2 });
    expect(server.requests).toHaveLength(2);
    expect(delays).toEqual([35]);
  });

  it("honours Retry-After in seconds and as an HTTP date", async () => {
    const inTwoSeconds = new Date(Date.now() + 2_000).toUTCString();
    server.reply(
      { status: 429, headers: { "retry-after": "3" }, json: { error: { message: "slow down" } } },
      { status: 503, headers: { "retry-after": inTwoSeconds }, json: { error: { message: "overloaded" } } },
      { json: { id: "r3", value: 3 } },
    );
    const { http, delays } = client();
    await post(http);
    expect(delays[0]).toBe(3_000);
    expect(delays[1]).toBeGreaterThan(0);
    expect(delays[1]).toBeLessThanOrEqual(2_000);
  });

  it("does not retry when Retry-After exceeds the cap, and reports retryAfterMs", async () => {
    server.reply({ status: 429, headers: { "retry-after": "120" }, json: { error: { message: "quota" } } });
    const { http, delays } = client();
    const error = (await rejection(post(http))) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ code: "rate_limit", isRetryable: true, retryAfterMs: 120_000, status: 429 });
    expect(error.message).toContain("retry in 120000 ms");
    expect(delays).toEqual([]);
  });

  it("retries 500 with exponential backoff and jitter, then succeeds", async () => {
    server.reply(
      { status: 500, json: { error: { message: "boom" } } },
      { status: 502, text: "Bad gateway" },
      { json: { id: "r4", value: 4 } },
    );
    const delays: number[] = [];
    const randoms = [0, 0.999];
    const { http } = client({ retry: { sleep: async (ms) => void delays.push(ms), random: () => randoms.shift()!, initialDelayMs: 100 } });
    expect((await post(http)).value.id).toBe("r4");
    // attempt 0: ceiling 100, jitter 0 -> 50; attempt 1: ceiling 200, jitter ~1 -> ~200
    expect(delays).toEqual([50, 200]);
  });

  it("stops after maxRetries and throws the last retryable error", async () => {
    server.handle(() => ({ status: 503, json: { error: { message: "unavailable" } }, headers: { "x-request-id": "req_503" } }));
    const { http, delays } = client({ maxRetries: 2 });
    const error = (await rejection(post(http))) as ProviderError;
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code: "provider_error", status: 503, isRetryable: true, requestId: "req_503" });
    expect(error.message).toContain("unavailable");
    expect(server.requests).toHaveLength(3);
    expect(delays).toHaveLength(2);
  });

  it("retries 408 and 409 but not 400", async () => {
    server.reply({ status: 408, text: "" }, { status: 409, json: { error: { message: "conflict" } } }, { json: { id: "ok", value: 0 } });
    expect((await post(client().http)).value.id).toBe("ok");
    server.reset();
    server.reply({ status: 400, json: { error: { message: "bad temperature" } } });
    const error = (await rejection(post(client().http))) as ProviderError;
    expect(error).toMatchObject({ code: "provider_error", status: 400, isRetryable: false });
    expect(server.requests).toHaveLength(1);
  });

  it("maps a context-length error to ContextLengthError", async () => {
    server.reply({ status: 400, json: { error: { message: "This model's maximum context length is 8192 tokens.", code: "context_length_exceeded" } } });
    const error = await rejection(post(client().http));
    expect(error).toBeInstanceOf(ContextLengthError);
    expect(error).toMatchObject({ code: "context_length", isRetryable: false });
  });

  it("retries network errors and then reports a ConnectionError", async () => {
    const closed = await startLoopbackServer();
    const url = closed.url("/v1");
    await closed.close();
    const { http, delays } = client({ baseURL: url, maxRetries: 1 });
    const error = (await rejection(post(http))) as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ code: "connection", isRetryable: true, provider: "testprov" });
    expect(error.message).toContain("ECONNREFUSED");
    expect(delays).toHaveLength(1);
  });

  it("times out a server slower than timeoutMs with a TimeoutError", async () => {
    server.reply({ delayMs: 3_000, json: { id: "late", value: 0 } });
    const error = (await rejection(post(client({ timeoutMs: 100, maxRetries: 0 }).http))) as TimeoutError;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ code: "timeout", isRetryable: true });
    expect(error.message).toContain("100 ms");
  });

  it("rejects with the abort reason when aborted while waiting for the response", async () => {
    server.reply({ hang: true });
    const controller = new AbortController();
    const pending = post(client().http, controller.signal);
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort(new Error("user cancelled"));
    const error = (await rejection(pending)) as Error;
    expect(AIError.isInstance(error)).toBe(false);
    expect(error.message).toBe("user cancelled");
  });

  it("stops retrying at once when aborted during the backoff", async () => {
    server.handle(() => ({ status: 500, json: { error: { message: "boom" } } }));
    const controller = new AbortController();
    const { http } = client({ retry: { initialDelayMs: 60_000, maxDelayMs: 60_000 } });
    const pending = post(http, controller.signal);
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    const error = (await rejection(pending)) as Error;
    expect(error.name).toBe("AbortError");
    expect(server.requests).toHaveLength(1);
  });
});

describe("HttpClient.postStream", () => {
  function stream(http: HttpClient, abortSignal?: AbortSignal) {
    return http.postStream({ path: "/stream", model: "m-1", body: { stream: true }, failedResponseHandler, abortSignal });
  }
  const events = [{ data: { text: "héllo 漢字" } }, { event: "done", data: { text: "🚀" } }];

  it("resolves with the body of an accepted stream; chunks split byte by byte parse to the same events", async () => {
    server.reply({ sse: events, chunks: "bytes", headers: { "x-request-id": "req_s" } });
    const response = await stream(client().http);
    expect(response.requestId).toBe("req_s");
    expect(server.requests[0]!.headers.accept).toBe("text/event-stream");
    const received = [];
    for await (const event of parseSse(response.body)) received.push([event.event, JSON.parse(event.data)]);
    expect(received).toEqual([
      ["message", { text: "héllo 漢字" }],
      ["done", { text: "🚀" }],
    ]);
  });

  it("retries a 429 before the stream starts", async () => {
    server.reply({ status: 429, headers: { "retry-after-ms": "1" }, json: { error: { message: "busy" } } }, { sse: events });
    const { http, delays } = client();
    const response = await stream(http);
    let count = 0;
    for await (const _event of parseSse(response.body)) count++;
    expect(count).toBe(2);
    expect(delays).toEqual([1]);
  });

  it("throws a ConnectionError from the iterator when the connection is cut mid-event", async () => {
    server.reply({ sse: events, cutAfterBytes: 40 });
    const response = await stream(client().http);
    const received: string[] = [];
    const error = await rejection(
      (async () => {
        for await (const event of parseSse(response.body)) received.push(event.data);
      })(),
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect(received).toEqual(['{"text":"héllo 漢字"}']);
  });

  it("yields only the complete events when the response ends cleanly mid-event", async () => {
    server.reply({ sse: events, cutAfterBytes: 40, cutMode: "end" });
    const response = await stream(client().http);
    const received: string[] = [];
    for await (const event of parseSse(response.body)) received.push(event.data);
    expect(received).toEqual(['{"text":"héllo 漢字"}']);
  });

  it("throws a TimeoutError when the stream stalls longer than timeoutMs", async () => {
    server.reply({ sse: events, chunks: [10], chunkDelayMs: 3_000 });
    const response = await stream(client({ timeoutMs: 100 }).http);
    const error = await rejection(
      (async () => {
        for await (const _event of parseSse(response.body));
      })(),
    );
    expect(error).toBeInstanceOf(TimeoutError);
  });

  it("stops with the abort reason when aborted mid-stream", async () => {
    server.reply({ sse: events, chunks: [10], chunkDelayMs: 5_000 });
    const controller = new AbortController();
    const response = await stream(client().http, controller.signal);
    const pending = (async () => {
      for await (const _event of parseSse(response.body));
    })();
    setTimeout(() => controller.abort(new Error("stop")), 20);
    const error = (await rejection(pending)) as Error;
    expect(error.message).toBe("stop");
  });
});
