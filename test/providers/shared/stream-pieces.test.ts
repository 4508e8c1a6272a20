import { describe, expect, it } from "vitest";
import type { ResponseContext } from "../../../src/http/response-handlers.js";
import { streamEventError } from "../../../src/providers/shared/stream-helpers.js";
import { StreamedToolCalls, wholeToolCallEvents } from "../../../src/providers/shared/streamed-tool-calls.js";
import { ProviderError, ProviderResponseError } from "../../../src/spec/errors/index.js";

const context: ResponseContext = {
  provider: "acme",
  model: "m-1",
  url: "http://127.0.0.1:1/v1/chat",
  status: 200,
  headers: {},
  requestId: "req-1",
  redact: (text) => (text ?? "").replaceAll("sk-secret", "[redacted]"),
  authenticationHint: undefined,
};

const malformed = (message: string) => new ProviderResponseError(message, { provider: "acme" });

describe("StreamedToolCalls", () => {
  it("names a call from its first piece, appends argument text and emits a delta per non-empty piece", () => {
    const calls = new StreamedToolCalls("acme");
    expect(calls.add(0, { id: "call_1", name: "weather", arguments: "" }, malformed)).toBeUndefined();
    expect(calls.add(0, { arguments: '{"city":' }, malformed)).toEqual({ type: "tool-call-delta", toolCallId: "call_1", toolName: "weather", inputDelta: '{"city":' });
    expect(calls.add(1, { id: "call_2", name: "time", arguments: "{}" }, malformed)).toEqual({ type: "tool-call-delta", toolCallId: "call_2", toolName: "time", inputDelta: "{}" });
    expect(calls.add(0, { id: null, arguments: '"Paris"}' }, malformed)).toEqual({ type: "tool-call-delta", toolCallId: "call_1", toolName: "weather", inputDelta: '"Paris"}' });
    expect(calls.add(0, undefined, malformed)).toBeUndefined();
    expect(calls.complete(0)).toEqual({ type: "tool-call", toolCallId: "call_1", toolName: "weather", input: { city: "Paris" } });
    expect(calls.complete(5)).toBeUndefined();
    expect(calls.completeAll()).toEqual([
      { type: "tool-call", toolCallId: "call_1", toolName: "weather", input: { city: "Paris" } },
      { type: "tool-call", toolCallId: "call_2", toolName: "time", input: {} },
    ]);
  });

  it("keeps invalid JSON arguments as the raw text and empty arguments as {}", () => {
    const calls = new StreamedToolCalls("acme");
    calls.add(3, { id: "a", name: "f", arguments: "{not json" }, malformed);
    calls.add(4, { id: "b", name: "g" }, malformed);
    expect(calls.completeAll().map((call) => call.input)).toEqual(["{not json", {}]);
  });

  it("throws the caller's error when a call's first piece lacks its id or name", () => {
    const calls = new StreamedToolCalls("my-acme");
    expect(() => calls.add(2, { arguments: "{}" }, malformed)).toThrow(
      new ProviderResponseError("my-acme streamed arguments for tool call 2 before its id and name; the stream is malformed, retry the call.", { provider: "acme" }),
    );
    expect(() => calls.add(2, { id: "x", arguments: "{}" }, malformed)).toThrow(ProviderResponseError);
    expect(() => calls.add(2, undefined, malformed)).toThrow(/tool call 2 before its id and name/);
    expect(calls.completeAll()).toEqual([]);
  });
});

describe("wholeToolCallEvents", () => {
  it("gives one delta with the whole input as JSON, then the call with everything it carries", () => {
    const call = { toolCallId: "c1", toolName: "weather", input: { city: "Paris" }, providerMetadata: { google: { thoughtSignature: "sig" } } };
    expect(wholeToolCallEvents(call)).toEqual([
      { type: "tool-call-delta", toolCallId: "c1", toolName: "weather", inputDelta: '{"city":"Paris"}' },
      { type: "tool-call", toolCallId: "c1", toolName: "weather", input: { city: "Paris" }, providerMetadata: { google: { thoughtSignature: "sig" } } },
    ]);
  });
});

describe("streamEventError", () => {
  it("is a ProviderError naming the provider and detail, with the redacted event as body and the exchange's fields", () => {
    const error = streamEventError(context, { provider: "my-acme", detail: "overloaded", data: '{"error":"sk-secret"}', isRetryable: true });
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.constructor).toBe(ProviderError);
    expect(error.message).toBe("my-acme reported an error in the stream (overloaded); retry the call.");
    expect({ provider: error.provider, model: error.model, status: error.status, requestId: error.requestId, url: error.url, body: error.body }).toEqual({
      provider: "my-acme",
      model: "m-1",
      status: 200,
      requestId: "req-1",
      url: "http://127.0.0.1:1/v1/chat",
      body: '{"error":"[redacted]"}',
    });
    expect(error.isRetryable).toBe(true);
    expect("cause" in error).toBe(false);
    expect(streamEventError(context, { provider: "acme", detail: "bad request", data: "{}", isRetryable: false }).isRetryable).toBe(false);
  });

  it("redacts the detail it puts into the message (callers pass the provider's text as it came)", () => {
    const error = streamEventError(context, { provider: "acme", detail: "invalid key sk-secret", data: "{}", isRetryable: false });
    expect(error.message).toBe("acme reported an error in the stream (invalid key [redacted]); retry the call.");
  });
});
