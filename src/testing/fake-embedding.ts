// Deterministic embeddings with some meaning, for tests: texts that share words (or word stems, or spelling)
// get close vectors, so semantic search ranks plausibly without a model or a network.

/** Words too common to carry meaning; they are left out so "the" does not make every text alike. */
const stopWords = new Set(
  (
    "a an and are as at be but by for from has have how i in into is it its of on or our so that the their them then there these " +
    "they this to was we were what when where which who why will with you your my me do does did not no can"
  ).split(" "),
);

/**
 * Weight of a whole word, of its stem, and of all its character trigrams together. The stem weighs most, so
 * "recipe" and "recipes" are nearly as close as two equal words.
 */
const wordWeight = 0.5;
const stemWeight = 1;
const trigramWeight = 0.5;

/**
 * The fake embedding of `text`: its words (minus stop words), their stems and their character trigrams, each
 * hashed (FNV-1a, signed) into one of `dimensions` slots, then L2-normalised. Same text, same vector, on every
 * machine; texts about the same things have a high cosine similarity, unrelated texts one near 0. A text with no
 * word at all gets a fixed unit vector. Not a language model: synonyms with no shared spelling are not close.
 */
export function fakeEmbedding(text: string, dimensions: number): number[] {
  if (!(Number.isInteger(dimensions) && dimensions >= 1)) throw new RangeError(`fakeEmbedding needs a whole number of dimensions >= 1, got ${String(dimensions)}.`);
  const vector = new Array<number>(dimensions).fill(0);
  const words = text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== "" && !stopWords.has(word));
  for (const word of words) {
    add(vector, `w:${word}`, wordWeight);
    const stem = stemOf(word);
    add(vector, `s:${stem}`, stemWeight);
    const padded = `#${stem}#`;
    const count = Math.max(1, padded.length - 2);
    for (let index = 0; index + 3 <= padded.length; index++) add(vector, `t:${padded.slice(index, index + 3)}`, trigramWeight / Math.sqrt(count));
  }
  let norm = 0;
  for (const value of vector) norm += value * value;
  if (norm === 0) {
    vector[0] = 1;
    return vector;
  }
  norm = Math.sqrt(norm);
  return vector.map((value) => value / norm);
}

/**
 * A crude English stem: a common plural or verb ending removed, then a final "e", so "recipes" and "recipe"
 * (both "recip"), "cooking" and "cooked" ("cook") meet.
 */
function stemOf(word: string): string {
  let stem = word;
  for (const suffix of ["ing", "ies", "es", "ed", "ly", "s"]) {
    if (stem.length > suffix.length + 2 && stem.endsWith(suffix)) {
      stem = suffix === "ies" ? `${stem.slice(0, -3)}y` : stem.slice(0, -suffix.length);
      break;
    }
  }
  return stem.length > 3 && stem.endsWith("e") ? stem.slice(0, -1) : stem;
}

/** Adds `weight` to the slot of `feature`, with a sign from the hash (so collisions cancel out on average). */
function add(vector: number[], feature: string, weight: number): void {
  const hash = fnv1a(feature);
  const slot = hash % vector.length;
  vector[slot]! += hash & 0x80000000 ? -weight : weight;
}

/** 32-bit FNV-1a of a string's UTF-16 code units. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
