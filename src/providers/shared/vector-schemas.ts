// Fast zod schemas for embedding vectors: validating millions of numbers one zod check at a time costs more
// than parsing the JSON (2,048 x 1,536 floats: ~1.5 s vs ~40 ms with a plain loop), so vectors get a loop.
import { z } from "zod";

/** Whether `value` is an array of finite numbers. */
export function isNumberArray(value: unknown): value is number[] {
  if (!Array.isArray(value)) return false;
  for (let index = 0; index < value.length; index++) if (typeof value[index] !== "number") return false;
  return true;
}

/** A vector: an array of numbers, checked with one loop (the array is returned as is, not copied). */
export const vectorSchema = z.custom<number[]>(isNumberArray, { message: "expected an array of numbers (an embedding vector)" });

/**
 * Decodes a base64 embedding (little-endian float32, OpenAI's `encoding_format: "base64"`) into numbers.
 * Returns `undefined` when the byte length is not a multiple of 4.
 */
export function decodeBase64Vector(base64: string): number[] | undefined {
  const bytes = Buffer.from(base64, "base64");
  if (bytes.byteLength % 4 !== 0) return undefined;
  const aligned = new Uint8Array(bytes.byteLength);
  aligned.set(bytes);
  return Array.from(new Float32Array(aligned.buffer));
}
