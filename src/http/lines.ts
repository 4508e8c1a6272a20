// Splits a byte stream into text lines, whatever the chunking: mid-line, mid-CRLF or mid-UTF-8 character.

/**
 * Yields the lines of a byte (or string) stream without their terminators (`\n`, `\r\n` or `\r`). Bytes are
 * decoded as UTF-8 in streaming mode, so a character split across chunks is decoded whole. A last line without
 * a terminator is not yielded: it is the generator's return value (`unterminated`), which NDJSON uses and SSE
 * discards (an unfinished event).
 */
export async function* splitLines(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<string, { unterminated: string }> {
  const decoder = new TextDecoder("utf-8");
  let buffer = "";
  let scanned = 0; // characters of `buffer` already known to hold no line end (a long line over many chunks is scanned once)
  for await (const chunk of chunks) {
    buffer += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let index = scanned; index < buffer.length; index++) {
      const code = buffer.charCodeAt(index);
      if (code === 10 /* \n */) {
        yield buffer.slice(start, index);
        start = index + 1;
      } else if (code === 13 /* \r */) {
        if (index + 1 === buffer.length) break; // a \n may follow in the next chunk
        yield buffer.slice(start, index);
        if (buffer.charCodeAt(index + 1) === 10) index++;
        start = index + 1;
      }
    }
    buffer = buffer.slice(start);
    scanned = buffer.endsWith("\r") ? buffer.length - 1 : buffer.length;
  }
  buffer += decoder.decode();
  if (buffer.endsWith("\r")) {
    yield buffer.slice(0, -1);
    buffer = "";
  }
  return { unterminated: buffer };
}
