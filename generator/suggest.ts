/** Edit distance between two words, case-insensitive: insertions, deletions, substitutions and swaps of neighbours. */
export function editDistance(left: string, right: string): number {
  const a = left.toLowerCase();
  const b = right.toLowerCase();
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, index) => index)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      let best = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      row[j] = best;
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

/**
 * The closest candidate to a misspelt word, or undefined when none is close (distance at most a third of the
 * word's length, at least 1; a candidate that starts with the word or the word with it also counts).
 */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best === undefined) return undefined;
  const lower = word.toLowerCase();
  const prefixMatch = candidates.find((candidate) => candidate.toLowerCase().startsWith(lower) || lower.startsWith(candidate.toLowerCase()));
  if (bestDistance <= Math.max(1, Math.floor(word.length / 3))) return best;
  return prefixMatch;
}

/** ` Did you mean "x"?` or an empty string. */
export function didYouMean(word: string, candidates: readonly string[], format: (candidate: string) => string = (candidate) => `"${candidate}"`): string {
  const match = closestMatch(word, candidates);
  return match === undefined ? "" : ` Did you mean ${format(match)}?`;
}
