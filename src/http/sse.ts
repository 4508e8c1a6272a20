// Server-sent events (the WHATWG event-stream format), as an async iterable.
import { splitLines } from "./lines.js";

/** One dispatched server-sent event. */
export interface SseEvent {
  /** The `event:` field; `"message"` when the event had none (as in the standard). */
  event: string;
  /** The `data:` lines joined with `\n`. */
  data: string;
  /** The last `id:` seen, when any. */
  id: string | undefined;
  /** The `retry:` field of this event, when any. */
  retry: number | undefined;
}

/**
 * Parses an event stream from bytes: comments (`:`) ignored, `data:` lines joined, one leading space after the
 * colon dropped, events dispatched at a blank line. Chunks may be split anywhere. As the standard says, an
 * event still incomplete when the stream ends is discarded: a stream cut off mid-event yields only the events
 * before the cut, and the driver (which expects a final event such as `[DONE]` or `message_stop`) reports it.
 */
export async function* parseSse(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<SseEvent> {
  let data: string[] = [];
  let event = "";
  let lastId: string | undefined;
  let retry: number | undefined;
  let first = true;
  for await (let line of splitLines(chunks)) {
    if (first) {
      first = false;
      if (line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    }
    if (line === "") {
      if (data.length > 0) yield { event: event || "message", data: data.join("\n"), id: lastId, retry };
      data = [];
      event = "";
      retry = undefined;
      continue;
    }
    if (line.charCodeAt(0) === 58 /* : */) continue;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    switch (field) {
      case "data":
        data.push(value);
        break;
      case "event":
        event = value;
        break;
      case "id":
        if (!value.includes("\0")) lastId = value;
        break;
      case "retry":
        if (/^\d+$/.test(value)) retry = Number(value);
        break;
    }
  }
}
