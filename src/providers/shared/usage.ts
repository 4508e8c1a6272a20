// Building and adding up token usage records (drivers report usage with these).
import type { Usage } from "../../spec/shared-types.js";

/** Adds two usage records field by field; `undefined` stays `undefined` only when both sides are. */
export function addUsage(left: Usage, right: Usage): Usage {
  const add = (a: number | undefined, b: number | undefined) => (a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0));
  return {
    inputTokens: add(left.inputTokens, right.inputTokens),
    outputTokens: add(left.outputTokens, right.outputTokens),
    cachedInputTokens: add(left.cachedInputTokens, right.cachedInputTokens),
    totalTokens: add(left.totalTokens, right.totalTokens),
  };
}

/** Builds a {@link Usage}, computing `totalTokens` from input and output when not given. */
export function createUsage(fields: Partial<Usage> = {}): Usage {
  const { inputTokens, outputTokens, cachedInputTokens } = fields;
  const totalTokens =
    fields.totalTokens ?? (inputTokens === undefined && outputTokens === undefined ? undefined : (inputTokens ?? 0) + (outputTokens ?? 0));
  return { inputTokens, outputTokens, cachedInputTokens, totalTokens };
}
