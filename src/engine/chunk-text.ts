// Splits a long field into overlapping chunks before embedding. Sizes are in approximate tokens, independent
// of any tokenizer: a word counts ceil(length / 4) tokens (at least 1), close to BPE tokenizers on English
// prose. Chunks break between words and keep the original text (whitespace included) between their ends.
import type { ChunkingMeta } from "../schema/ai-schema.js";

/** Approximate token count of a text, by the same rule the chunker uses. */
export function approximateTokens(text: string): number {
  let tokens = 0;
  for (const match of text.matchAll(/\S+/g)) tokens += wordTokens(match[0]);
  return tokens;
}

/**
 * Chunks of at most `size` approximate tokens (a single longer word is cut), each starting `overlap` tokens
 * before the end of the previous one. A text that fits gives one chunk equal to the trimmed text; an empty
 * or blank text gives none.
 */
export function chunkText(text: string, chunking: ChunkingMeta): string[] {
  const size = Math.max(1, Math.floor(chunking.size));
  const overlap = Math.min(Math.max(0, Math.floor(chunking.overlap)), size - 1);
  const words = splitWords(text, size);
  if (words.length === 0) return [];
  const chunks: string[] = [];
  let start = 0;
  while (start < words.length) {
    let end = start;
    let tokens = 0;
    while (end < words.length && (end === start || tokens + words[end]!.tokens <= size)) tokens += words[end++]!.tokens;
    chunks.push(text.slice(words[start]!.from, words[end - 1]!.to));
    if (end >= words.length) break;
    // Step back over `overlap` tokens, but always move forward by at least one word.
    let next = end;
    let back = 0;
    while (next - 1 > start && back + words[next - 1]!.tokens <= overlap) back += words[--next]!.tokens;
    start = next;
  }
  return chunks;
}

interface Word {
  from: number;
  to: number;
  tokens: number;
}

function wordTokens(word: string): number {
  return Math.max(1, Math.ceil(word.length / 4));
}

function splitWords(text: string, size: number): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(/\S+/g)) {
    const from = match.index;
    const word = match[0];
    // A word longer than a whole chunk (a URL, base64...) is cut into chunk-sized pieces.
    const pieceLength = size * 4;
    for (let offset = 0; offset < word.length; offset += pieceLength) {
      const piece = word.slice(offset, offset + pieceLength);
      words.push({ from: from + offset, to: from + offset + piece.length, tokens: wordTokens(piece) });
    }
  }
  return words;
}
