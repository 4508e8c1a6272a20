// Splitting embedding inputs into calls a provider accepts, and running them with bounded concurrency.

/**
 * A conservative token estimate for batching (not billing): one token per 3 ASCII characters (English averages
 * about 4; digits and code fewer) and one per other character (CJK and emoji often take one or more tokens
 * each), at least 1. Over-counting keeps batches under a provider's per-call token limit.
 */
export function estimateTokens(text: string): number {
  let ascii = 0;
  let other = 0;
  for (let index = 0; index < text.length; index++) {
    if (text.charCodeAt(index) < 128) ascii++;
    else other++;
  }
  return Math.max(1, Math.ceil(ascii / 3) + other);
}

/**
 * Splits `values` into consecutive batches of at most `maxCount` values and at most `maxTokens` estimated
 * tokens (a single value over `maxTokens` gets a batch of its own; the provider then says whether it fits).
 * Returns the index ranges `[start, end)`.
 */
export function planBatches(values: readonly string[], maxCount = Infinity, maxTokens = Infinity): Array<[number, number]> {
  const batches: Array<[number, number]> = [];
  let start = 0;
  let tokens = 0;
  for (let index = 0; index < values.length; index++) {
    const valueTokens = maxTokens === Infinity ? 0 : estimateTokens(values[index]!);
    if (index > start && (index - start >= maxCount || tokens + valueTokens > maxTokens)) {
      batches.push([start, index]);
      start = index;
      tokens = 0;
    }
    tokens += valueTokens;
  }
  if (values.length > start) batches.push([start, values.length]);
  return batches;
}

/**
 * Runs `task` for each item with at most `concurrency` running at once; results in item order. The first
 * failure aborts `signal` for the others and rejects (later failures are ignored).
 */
export async function mapWithConcurrency<Item, Result>(
  items: readonly Item[],
  concurrency: number,
  task: (item: Item, index: number, signal: AbortSignal) => Promise<Result>,
  parentSignal?: AbortSignal,
): Promise<Result[]> {
  const controller = new AbortController();
  const onParentAbort = () => controller.abort(parentSignal!.reason);
  if (parentSignal?.aborted) throw parentSignal.reason;
  parentSignal?.addEventListener("abort", onParentAbort, { once: true });
  const results = new Array<Result>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const index = next++;
      try {
        results[index] = await task(items[index]!, index, controller.signal);
      } catch (error) {
        if (failure === undefined) {
          failure = { error };
          controller.abort(error);
        }
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  } finally {
    parentSignal?.removeEventListener("abort", onParentAbort);
  }
  if (failure !== undefined) throw parentSignal?.aborted ? parentSignal.reason : failure.error;
  return results;
}
