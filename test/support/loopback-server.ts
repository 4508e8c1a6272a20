/**
 * A loopback HTTP server for provider tests: it records every request (method, path, headers, parsed JSON body)
 * and answers with scripted replies: JSON, raw text, SSE event sequences, NDJSON lines, with any status and
 * headers, delays before the headers or between chunks, the body split into arbitrary chunks, and a cut
 * (socket destroyed, or the response ended) after any number of bytes.
 *
 * ```ts
 * const server = await startLoopbackServer();
 * afterAll(() => server.close());
 *
 * server.reply({ status: 429, headers: { "retry-after-ms": "5" }, json: { error: { message: "slow down" } } },
 *              { json: { id: "chatcmpl-1", choices: [...] } });              // two requests, in order
 * const ai = createAI({ providers: { openai: { apiKey: "sk-test", baseURL: server.url("/v1") } } });
 * ...
 * expect(server.requests[1]).toMatchObject({ method: "POST", path: "/v1/chat/completions", body: { model: "gpt-4o-mini" } });
 * expect(server.requests[1]!.headers.authorization).toBe("Bearer sk-test");
 *
 * server.reply({ sse: [{ data: { choices: [...] } }, "data: [DONE]\n\n"], chunks: "bytes" }); // one byte per write
 * server.reply({ sse: events, cutAfterBytes: 40 });                                           // stream cut mid-event
 * server.reply({ delayMs: 500, json: {} });                                                  // slow: past a 100 ms timeout
 * server.handle((request) => ({ json: { echo: request.body } }));                           // when no reply is queued
 * ```
 *
 * Replies queued with `reply()` are used first, one per request; then the `handle()` function; with neither,
 * the server answers 500 with a JSON body saying no reply was queued (so a test sending an unexpected extra
 * request fails visibly). `close()` ends everything at once, including hanging or delayed replies.
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { setTimeout as delay } from "node:timers/promises";

/** A request as the server received it. */
export interface RecordedRequest {
  method: string;
  /** Path with query string, e.g. `/v1/chat/completions`. */
  path: string;
  /** The query parameters. */
  query: URLSearchParams;
  /** Header names lower-case (Node's `IncomingHttpHeaders`). */
  headers: IncomingHttpHeaders;
  bodyText: string;
  /** `bodyText` parsed as JSON, or `undefined` when it is empty or not JSON. */
  body: unknown;
  /** The client's port: equal across requests when the client reused a keep-alive connection. */
  remotePort: number | undefined;
}

/** One server-sent event: `data` objects are JSON-encoded; written as `event:`/`id:`/`data:` lines plus a blank line. */
export interface SseEventSpec {
  event?: string;
  id?: string;
  data: unknown;
}

/** How to answer one request. Give exactly one of `json`, `text`, `sse`, `ndjson` (or none: empty body). */
export interface LoopbackReply {
  /** Default: 200. */
  status?: number;
  /** Extra response headers (a `content-type` here overrides the default for the body kind). */
  headers?: Record<string, string>;
  /** Wait this long before sending the status and headers (a slow server, for header timeouts). */
  delayMs?: number;
  /** Never answer (until `close()`). */
  hang?: boolean;
  /** JSON body (`application/json`). */
  json?: unknown;
  /** Raw body, sent as is (`text/plain` unless `headers` say otherwise), e.g. malformed JSON. */
  text?: string;
  /**
   * Server-sent events (`text/event-stream`): objects are encoded as events; strings are written verbatim (use
   * them for `"data: [DONE]\n\n"`, comments, or deliberately odd framing).
   */
  sse?: Array<SseEventSpec | string>;
  /** NDJSON lines (`application/x-ndjson`): each value JSON-encoded on its own line; strings written verbatim. */
  ndjson?: unknown[];
  /**
   * How to split the body into writes: `"whole"` (default, one write), `"bytes"` (one byte per write, so UTF-8
   * characters and lines are split everywhere), a number (fixed-size pieces), or byte offsets to split at.
   * Each write is flushed separately, with `chunkDelayMs` between them.
   */
  chunks?: "whole" | "bytes" | number | number[];
  /** Wait between two writes (a stream that stalls, for body timeouts). Default: 0 (no wait; writes still separate). */
  chunkDelayMs?: number;
  /** Send only this many body bytes, then cut (see `cutMode`). */
  cutAfterBytes?: number;
  /** `"destroy"` (default): destroy the socket, the client sees a broken connection. `"end"`: end the response cleanly, mid-body. */
  cutMode?: "destroy" | "end";
}

/** Answers a request; `index` counts requests from 0. */
export type LoopbackHandler = (request: RecordedRequest, index: number) => LoopbackReply | Promise<LoopbackReply>;

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` plus `path` (e.g. `server.url("/v1")` for a provider's baseURL). */
  url(path?: string): string;
  /** Every request received so far, in order. */
  readonly requests: RecordedRequest[];
  /** Queues replies, used one per request in order before the handler. */
  reply(...replies: LoopbackReply[]): void;
  /** Sets the function answering requests when no reply is queued. */
  handle(handler: LoopbackHandler): void;
  /** Forgets recorded requests, queued replies and the handler. */
  reset(): void;
  /** Stops the server and drops every connection (including hanging replies). */
  close(): Promise<void>;
}

/** Encodes the body of a reply and its default content type. */
export function encodeReplyBody(reply: LoopbackReply): { body: Buffer; contentType: string | undefined } {
  if (reply.json !== undefined) return { body: Buffer.from(JSON.stringify(reply.json)), contentType: "application/json" };
  if (reply.text !== undefined) return { body: Buffer.from(reply.text), contentType: "text/plain; charset=utf-8" };
  if (reply.sse !== undefined) {
    const text = reply.sse.map((event) => (typeof event === "string" ? event : encodeSseEvent(event))).join("");
    return { body: Buffer.from(text), contentType: "text/event-stream" };
  }
  if (reply.ndjson !== undefined) {
    const text = reply.ndjson.map((line) => (typeof line === "string" ? line : `${JSON.stringify(line)}\n`)).join("");
    return { body: Buffer.from(text), contentType: "application/x-ndjson" };
  }
  return { body: Buffer.alloc(0), contentType: undefined };
}

/** One SSE event as text: optional `event:` and `id:` lines, one `data:` line per line of the data, a blank line. */
export function encodeSseEvent(event: SseEventSpec): string {
  const data = typeof event.data === "string" ? event.data : JSON.stringify(event.data);
  let text = "";
  if (event.event !== undefined) text += `event: ${event.event}\n`;
  if (event.id !== undefined) text += `id: ${event.id}\n`;
  for (const line of data.split("\n")) text += `data: ${line}\n`;
  return `${text}\n`;
}

function splitBody(body: Buffer, chunks: LoopbackReply["chunks"]): Buffer[] {
  if (chunks === undefined || chunks === "whole" || body.length === 0) return [body];
  const offsets: number[] = [];
  if (chunks === "bytes") for (let offset = 1; offset < body.length; offset++) offsets.push(offset);
  else if (typeof chunks === "number") for (let offset = chunks; offset < body.length; offset += chunks) offsets.push(offset);
  else offsets.push(...chunks.filter((offset) => offset > 0 && offset < body.length).sort((a, b) => a - b));
  const pieces: Buffer[] = [];
  let start = 0;
  for (const offset of offsets) {
    pieces.push(body.subarray(start, offset));
    start = offset;
  }
  pieces.push(body.subarray(start));
  return pieces;
}

/** Starts a server on 127.0.0.1 with a free port. `initial` queues replies or sets the handler. */
export async function startLoopbackServer(initial?: LoopbackHandler | LoopbackReply[]): Promise<LoopbackServer> {
  const requests: RecordedRequest[] = [];
  let queue: LoopbackReply[] = [];
  let handler: LoopbackHandler | undefined;
  if (typeof initial === "function") handler = initial;
  else if (initial) queue.push(...initial);
  const closing = new AbortController();
  const sockets = new Set<Socket>();

  const wait = async (ms: number | undefined) => {
    if (ms && ms > 0) await delay(ms, undefined, { signal: closing.signal });
  };

  const send = async (response: ServerResponse, reply: LoopbackReply) => {
    if (reply.hang) return;
    await wait(reply.delayMs);
    const { body, contentType } = encodeReplyBody(reply);
    const headers: Record<string, string> = {};
    if (contentType) headers["content-type"] = contentType;
    Object.assign(headers, reply.headers);
    const cut = reply.cutAfterBytes !== undefined && reply.cutAfterBytes < body.length;
    const payload = cut ? body.subarray(0, reply.cutAfterBytes) : body;
    const streamed = reply.sse !== undefined || reply.ndjson !== undefined || cut || (reply.chunks !== undefined && reply.chunks !== "whole");
    if (!streamed) headers["content-length"] = String(body.length);
    response.writeHead(reply.status ?? 200, headers);
    response.flushHeaders();
    const pieces = splitBody(payload, reply.chunks);
    for (let index = 0; index < pieces.length; index++) {
      if (index > 0) await wait(reply.chunkDelayMs);
      if (response.destroyed) return;
      if (pieces[index]!.length) await new Promise<void>((resolve) => response.write(pieces[index]!, () => resolve()));
    }
    if (cut && (reply.cutMode ?? "destroy") === "destroy") {
      response.socket?.destroy();
      return;
    }
    response.end();
  };

  const server: Server = createServer((request, response) => {
    response.on("error", () => {});
    const parts: Buffer[] = [];
    request.on("data", (chunk: Buffer) => parts.push(chunk));
    request.on("end", () => {
      const bodyText = Buffer.concat(parts).toString("utf8");
      let body: unknown;
      try {
        body = bodyText ? JSON.parse(bodyText) : undefined;
      } catch {
        body = undefined;
      }
      const url = new URL(request.url ?? "/", "http://127.0.0.1");
      const recorded: RecordedRequest = {
        method: request.method ?? "GET",
        path: url.pathname + url.search,
        query: url.searchParams,
        headers: request.headers,
        bodyText,
        body,
        remotePort: request.socket.remotePort,
      };
      const index = requests.length;
      requests.push(recorded);
      void (async () => {
        const queued = queue.shift();
        const reply: LoopbackReply = queued ?? (handler ? await handler(recorded, index) : { status: 500, json: { error: { message: `loopback server: no reply queued for request ${index} (${recorded.method} ${recorded.path})` } } });
        await send(response, reply);
      })().catch(() => response.socket?.destroy());
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("loopback server: no port");
  const origin = `http://127.0.0.1:${address.port}`;

  return {
    url: (path = "") => origin + path,
    requests,
    reply: (...replies) => void queue.push(...replies),
    handle: (next) => void (handler = next),
    reset: () => {
      requests.length = 0;
      queue = [];
      handler = undefined;
    },
    close: async () => {
      closing.abort();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
