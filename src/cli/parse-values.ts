// Small parsers for option values of the prisma-ai commands.
import { ConfigError } from "../spec/errors/index.js";

/** A whole number >= 1 from an option value, or `fallback` when absent. @throws ConfigError naming the option. */
export function positiveInteger(value: string | boolean | undefined, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  const number = typeof value === "string" && /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < 1) throw new ConfigError(`${option} must be a whole number >= 1, got "${String(value)}".`);
  return number;
}
