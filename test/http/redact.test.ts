import { describe, expect, it } from "vitest";
import { createRedactor, redactHeaders } from "../../src/http/redact.js";
import { parseRetryAfter } from "../../src/http/retry.js";

describe("createRedactor", () => {
  it("removes the secret values, bearer credentials and key query parameters", () => {
    const redact = createRedactor(["sk-live-123456", undefined, "ab"]);
    expect(redact("key sk-live-123456 and again sk-live-123456")).toBe("key [REDACTED] and again [REDACTED]");
    expect(redact("Authorization: Bearer abcdefghijkl.mnop")).toBe("Authorization: Bearer [REDACTED]");
    expect(redact("https://host/v1beta/models/x:embed?key=AIzaSecret&alt=sse")).toBe("https://host/v1beta/models/x:embed?key=[REDACTED]&alt=sse");
    expect(redact("a about ab")).toBe("a about ab"); // secrets shorter than 4 characters are not redacted
  });
});

describe("redactHeaders", () => {
  it("hides credential headers whatever their case and keeps the others", () => {
    expect(
      redactHeaders({ Authorization: "Bearer sk-1", "x-api-key": "k", "X-Goog-Api-Key": "g", "content-type": "application/json" }),
    ).toEqual({ Authorization: "[REDACTED]", "x-api-key": "[REDACTED]", "X-Goog-Api-Key": "[REDACTED]", "content-type": "application/json" });
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  it("reads retry-after-ms first, then Retry-After in seconds or as an HTTP date", () => {
    expect(parseRetryAfter({ "retry-after-ms": "250", "retry-after": "9" }, now)).toBe(250);
    expect(parseRetryAfter({ "retry-after": "2" }, now)).toBe(2000);
    expect(parseRetryAfter({ "retry-after": "0.5" }, now)).toBe(500);
    expect(parseRetryAfter({ "retry-after": "Thu, 01 Jan 2026 00:00:03 GMT" }, now)).toBe(3000);
    expect(parseRetryAfter({ "retry-after": "Wed, 31 Dec 2025 23:59:00 GMT" }, now)).toBe(0);
    expect(parseRetryAfter({ "retry-after": "soon" }, now)).toBeUndefined();
    expect(parseRetryAfter({}, now)).toBeUndefined();
  });
});
