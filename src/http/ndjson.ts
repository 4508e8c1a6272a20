// Newline-delimited JSON (Ollama streams), as an async iterable of lines.
import { splitLines } from "./lines.js";

/**
 * Yields the non-blank lines of an NDJSON stream (each one JSON document, not yet parsed: drivers parse it with
 * their zod schema, see `parseJsonChunk`). Chunks may be split anywhere. A last line without a newline is
 * yielded too, so a stream cut mid-line surfaces as a line that is not valid JSON.
 */
export async function* parseNdjson(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const lines = splitLines(chunks);
  for (;;) {
    const next = await lines.next();
    if (next.done) {
      if (next.value.unterminated.trim() !== "") yield next.value.unterminated;
      return;
    }
    if (next.value.trim() !== "") yield next.value;
  }
}
