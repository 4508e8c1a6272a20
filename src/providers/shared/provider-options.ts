// Reading a driver's own `providerOptions` (rule of three: provider-specific options live there), strictly.
import type { z } from "zod";
import { ConfigError } from "../../spec/errors/index.js";
import type { ProviderOptions } from "../../spec/shared-types.js";

/**
 * The keys a driver reads its options under, most specific first: the name it is registered under, then its
 * driver's name (`["my-mistral", "mistral"]`; just `["mistral"]` when they are the same).
 */
export function providerOptionsKeys(registeredName: string, driverName: string): readonly string[] {
  return registeredName === driverName ? [driverName] : [registeredName, driverName];
}

/**
 * Merges `providerOptions[key]` for `keys` (the first key wins) and parses the result with a strict zod
 * object schema, so a typo fails the call before any request: a `ConfigError` naming the first bad key and
 * the keys the driver reads (the schema's keys, in its order).
 */
export function parseProviderOptions<Schema extends z.ZodObject>(
  providerOptions: ProviderOptions | undefined,
  keys: readonly string[],
  schema: Schema,
): z.output<Schema> {
  if (!keys.some((key) => providerOptions?.[key] !== undefined) && parsesEmptyToEmpty(schema)) return {} as z.output<Schema>;
  const merged: Record<string, unknown> = {};
  for (const key of [...keys].reverse()) Object.assign(merged, providerOptions?.[key]);
  const parsed = schema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.map(String).join(".") || "(root)"}: ${issue.message}` : "invalid";
    const accepted = Object.keys(schema.shape).join(", ");
    throw new ConfigError(`Invalid providerOptions.${keys[0]} (${where}); the accepted keys are ${accepted}.`);
  }
  return parsed.data;
}

const emptyParses = new WeakMap<z.ZodType, boolean>();

/**
 * Whether the schema turns `{}` into `{}` (no defaults), found once per schema: then a call without options
 * for the driver gets `{}` without a parse (most calls have none).
 */
function parsesEmptyToEmpty(schema: z.ZodType): boolean {
  let empty = emptyParses.get(schema);
  if (empty === undefined) {
    const parsed = schema.safeParse({});
    empty = parsed.success && typeof parsed.data === "object" && parsed.data !== null && Object.keys(parsed.data).length === 0;
    emptyParses.set(schema, empty);
  }
  return empty;
}
