import { performance } from "node:perf_hooks";

/** What one scenario reports: both sides measured in the same run, medians over repeated runs. */
export interface ScenarioResult {
  ours_ms: number;
  baseline_ms: number;
  ratio: number;
  notes: string;
  [extra: string]: number | string;
}

export interface Scenario {
  name: string;
  /** What the goal is, e.g. "ratio <= 1.10". Printed beside the figure. */
  goal: string;
  run(): Promise<ScenarioResult>;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Times `task` once in milliseconds. */
export async function time(task: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await task();
  return performance.now() - start;
}

/** How {@link compare} interleaves the two sides. */
export interface CompareOptions {
  /** Untimed runs of each side first (JIT, connections). Default: 1. */
  warmups?: number;
  /** Swap which side runs first every round (ours-baseline, baseline-ours, ...), so neither always runs right after the other. Default: false. */
  alternateOrder?: boolean;
}

/**
 * Runs ours and baseline alternately `rounds` times (after warm-ups of each) so drift on the machine
 * affects both sides alike, and returns the medians and every round's times.
 */
export async function compare(
  ours: () => Promise<unknown>,
  baseline: () => Promise<unknown>,
  rounds = 7,
  options: CompareOptions = {},
): Promise<{ ours: number; baseline: number; oursTimes: number[]; baselineTimes: number[] }> {
  for (let warmup = 0; warmup < (options.warmups ?? 1); warmup++) {
    await ours();
    await baseline();
  }
  const oursTimes: number[] = [];
  const baselineTimes: number[] = [];
  for (let round = 0; round < rounds; round++) {
    if (options.alternateOrder && round % 2 === 1) {
      baselineTimes.push(await time(baseline));
      oursTimes.push(await time(ours));
    } else {
      oursTimes.push(await time(ours));
      baselineTimes.push(await time(baseline));
    }
  }
  return { ours: median(oursTimes), baseline: median(baselineTimes), oursTimes, baselineTimes };
}

export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
