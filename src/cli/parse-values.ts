// Small parsers for option values of the prisma-ai commands.
import { ConfigError } from "../spec/errors/index.js";

/** A whole number >= 1 from an option value, or `fallback` when absent. @throws ConfigError naming the option. */
export function positiveInteger(value: string | boolean | undefined, option: string, fallback: number): number {
  return wholeNumber(value, option, fallback, 1);
}

/** A whole number >= 0 from an option value, or `fallback` when absent. @throws ConfigError naming the option. */
export function nonNegativeInteger(value: string | boolean | undefined, option: string, fallback: number): number {
  return wholeNumber(value, option, fallback, 0);
}

function wholeNumber(value: string | boolean | undefined, option: string, fallback: number, minimum: number): number {
  if (value === undefined) return fallback;
  const number = typeof value === "string" && /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < minimum) throw new ConfigError(`${option} must be a whole number >= ${minimum}, got "${String(value)}".`);
  return number;
}
