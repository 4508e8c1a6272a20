// Deterministic "embeddings" for extension tests: four topics are the four dimensions; a text's vector counts
// its topic words (plus distinct small offsets, so no vector is zero and ties are rare). Rankings are then
// obvious by reading the texts, and the tests compute the expected order with the same cosine in JS.

const topics: readonly (readonly string[])[] = [
  ["postgres", "database", "index", "sql", "vector", "pricing"],
  ["pasta", "sauce", "recipe", "oven"],
  ["jazz", "piano", "song", "guitar"],
  ["train", "hotel", "mountain", "beach", "lamp"],
];

export function topicVector(text: string): number[] {
  const vector = [0.011, 0.023, 0.031, 0.047];
  for (const word of text.toLowerCase().match(/[a-z]+/g) ?? []) {
    topics.forEach((words, axis) => {
      if (words.includes(word)) vector[axis]! += 1;
    });
  }
  return vector;
}

export function cosine(left: readonly number[], right: readonly number[]): number {
  let dot = 0;
  let leftNorm = 0;
  let rightNorm = 0;
  left.forEach((value, index) => {
    dot += value * right[index]!;
    leftNorm += value * value;
    rightNorm += right[index]! * right[index]!;
  });
  return dot / Math.sqrt(leftNorm * rightNorm);
}
