import { describe, expect, it } from "vitest";
import { parseNdjson } from "../../src/http/ndjson.js";
import { parseSse, type SseEvent } from "../../src/http/sse.js";

const encoder = new TextEncoder();

async function* fromChunks(chunks: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield chunk;
}

function splitAt(bytes: Uint8Array, offsets: number[]): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const offset of offsets) {
    pieces.push(bytes.subarray(start, offset));
    start = offset;
  }
  pieces.push(bytes.subarray(start));
  return pieces;
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

// Multi-byte characters (é: 2 bytes, 漢: 3 bytes, 🚀: 4 bytes), CRLF and CR line ends, a comment, multi-line data.
const stream =
  "\uFEFF: keep-alive comment\r\n" +
  'data: {"text":"héllo 漢字 🚀"}\r\n\r\n' +
  "event: content_block_delta\n" +
  "id: 7\n" +
  "data: line one\n" +
  "data:line two\n\n" +
  "retry: 1500\r" +
  "data: cr only\r\r" +
  "data: [DONE]\n\n";

const expected: SseEvent[] = [
  { event: "message", data: '{"text":"héllo 漢字 🚀"}', id: undefined, retry: undefined },
  { event: "content_block_delta", data: "line one\nline two", id: "7", retry: undefined },
  { event: "message", data: "cr only", id: "7", retry: 1500 },
  { event: "message", data: "[DONE]", id: "7", retry: undefined },
];

describe("parseSse", () => {
  it("parses events, comments, multi-line data, ids, retry and all line endings", async () => {
    expect(await collect(parseSse(fromChunks([encoder.encode(stream)])))).toEqual(expected);
  });

  it("gives the same events whatever the split: one byte per chunk", async () => {
    const bytes = encoder.encode(stream);
    const chunks = Array.from(bytes, (byte) => Uint8Array.of(byte));
    expect(await collect(parseSse(fromChunks(chunks)))).toEqual(expected);
  });

  it("gives the same events for every two-chunk split (mid-line, mid-CRLF, mid-UTF-8 character)", async () => {
    const bytes = encoder.encode(stream);
    for (let offset = 1; offset < bytes.length; offset++) {
      expect(await collect(parseSse(fromChunks(splitAt(bytes, [offset]))))).toEqual(expected);
    }
  });

  it("discards an event the stream ended in the middle of", async () => {
    const cut = 'data: {"a":1}\n\ndata: {"b":';
    expect(await collect(parseSse(fromChunks([encoder.encode(cut)])))).toEqual([{ event: "message", data: '{"a":1}', id: undefined, retry: undefined }]);
    const noBlankLine = 'data: {"a":1}\n\ndata: {"b":2}\n';
    expect((await collect(parseSse(fromChunks([encoder.encode(noBlankLine)])))).map((event) => event.data)).toEqual(['{"a":1}']);
  });

  it("ignores events without data and unknown fields", async () => {
    const text = "event: ping\n\nfoo: bar\ndata: x\n\n";
    expect((await collect(parseSse(fromChunks([encoder.encode(text)])))).map((event) => [event.event, event.data])).toEqual([["message", "x"]]);
  });
});

describe("parseNdjson", () => {
  const text = '{"message":{"content":"漢"},"done":false}\r\n\n{"done":true,"eval_count":3}';
  const lines = ['{"message":{"content":"漢"},"done":false}', '{"done":true,"eval_count":3}'];

  it("yields non-blank lines, the last one even without a newline", async () => {
    expect(await collect(parseNdjson(fromChunks([encoder.encode(text)])))).toEqual(lines);
  });

  it("gives the same lines for every split point and byte by byte", async () => {
    const bytes = encoder.encode(text);
    for (let offset = 1; offset < bytes.length; offset++) expect(await collect(parseNdjson(fromChunks(splitAt(bytes, [offset]))))).toEqual(lines);
    expect(await collect(parseNdjson(fromChunks(Array.from(bytes, (byte) => Uint8Array.of(byte)))))).toEqual(lines);
  });

  it("yields a line cut mid-way as it is (the caller's JSON parse then fails)", async () => {
    expect(await collect(parseNdjson(fromChunks([encoder.encode('{"done":false}\n{"done":tr')])))).toEqual(['{"done":false}', '{"done":tr']);
  });
});
