import { describe, expect, it } from "vitest";
import { approximateTokens, chunkText } from "../../src/engine/chunk-text.js";

describe("chunkText", () => {
  it("keeps a text that fits as one chunk (trimmed) and gives none for blank text", () => {
    expect(chunkText("  short text  ", { size: 10, overlap: 2 })).toEqual(["short text"]);
    expect(chunkText(" \n\t ", { size: 10, overlap: 2 })).toEqual([]);
  });

  it("cuts between words into chunks of at most size tokens, keeping the original spacing", () => {
    const text = "one two six ten red sky cat dog hat";
    const chunks = chunkText(text, { size: 3, overlap: 0 });
    expect(chunks).toEqual(["one two six", "ten red sky", "cat dog hat"]);
    expect(chunkText("one three four", { size: 3, overlap: 0 })).toEqual(["one three", "four"]); // "three" is 2 tokens
    expect(chunkText("a  b\nc d", { size: 3, overlap: 0 })).toEqual(["a  b\nc", "d"]);
    for (const chunk of chunks) expect(approximateTokens(chunk)).toBeLessThanOrEqual(3);
  });

  it("overlaps consecutive chunks by about overlap tokens", () => {
    const chunks = chunkText("w1 w2 w3 w4 w5 w6 w7 w8", { size: 4, overlap: 2 });
    expect(chunks).toEqual(["w1 w2 w3 w4", "w3 w4 w5 w6", "w5 w6 w7 w8"]);
  });

  it("counts a word as ceil(length / 4) tokens and cuts a word longer than a chunk", () => {
    expect(approximateTokens("a abcd abcde")).toBe(1 + 1 + 2);
    const long = "x".repeat(50);
    const chunks = chunkText(`start ${long} end`, { size: 5, overlap: 0 });
    expect(chunks.join(" ").replace(/\s+/g, "")).toBe(`start${long}end`);
    for (const chunk of chunks) expect(approximateTokens(chunk)).toBeLessThanOrEqual(5);
  });

  it("always moves forward, even when overlap is as large as the chunk", () => {
    const chunks = chunkText("a b c d e", { size: 2, overlap: 5 });
    expect(chunks.at(-1)).toContain("e");
    expect(chunks.length).toBeLessThan(10);
  });
});
