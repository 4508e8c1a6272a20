// The one HTTP layer: undici client with timeouts, retries and redaction; SSE/NDJSON parsers; response handlers.
export * from "./http-client.js";
export * from "./dispatcher.js";
export * from "./redact.js";
export * from "./retry.js";
export * from "./sse.js";
export * from "./ndjson.js";
export * from "./lines.js";
export * from "./response-handlers.js";
