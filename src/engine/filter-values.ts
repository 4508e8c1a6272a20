// JavaScript values -> the canonical filter values of a RowFilter (see FilterValue in src/schema/row-filter.ts),
// checked against the column's type. Shared by every adapter that builds filters; none of this is ORM-specific
// (decimal values are recognised by their decimal.js shape, which Prisma's Decimal has).
import type { FilterColumnType, FilterValue } from "../schema/row-filter.js";

/**
 * The canonical value of `value` for a column of `type`, or undefined when it is not a valid value of that type
 * (an adapter reports that with the field's path; see {@link expectedFilterValue}).
 */
export function normalizeFilterValue(type: FilterColumnType, value: unknown): FilterValue | undefined {
  switch (type) {
    case "text":
    case "enum":
      return typeof value === "string" ? value : undefined;
    case "uuid":
      return typeof value === "string" && uuidPattern.test(value.replace(/^\{|\}$/g, "")) ? value : undefined;
    case "integer":
      return asInteger(value);
    case "bigint":
      return asBigIntText(value);
    case "float":
      return asNumber(value);
    case "decimal":
      return asDecimalText(value);
    case "boolean":
      return typeof value === "boolean" ? value : undefined;
    case "timestamp":
    case "timestamptz":
    case "date":
      return asIsoDate(value);
    case "time":
    case "timetz": {
      const iso = asIsoDate(value);
      if (iso === undefined) return undefined;
      return iso.slice(11, 23) + (type === "timetz" ? "+00" : "");
    }
  }
}

/** What a value of a column of `type` must be, for error messages (`typeName`: the field's Prisma type, for enums). */
export function expectedFilterValue(type: FilterColumnType, typeName: string): string {
  switch (type) {
    case "enum":
      return `a ${typeName} value (string)`;
    case "uuid":
      return "a uuid string";
    case "text":
      return "a string";
    case "integer":
      return "an integer";
    case "bigint":
      return "a bigint or an integer";
    case "float":
      return "a number";
    case "decimal":
      return "a Decimal, number or numeric string";
    case "boolean":
      return "a boolean";
    default:
      return "a Date or an ISO 8601 string";
  }
}

const uuidPattern = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

function asInteger(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "bigint" && value >= -2147483648n && value <= 2147483647n) return Number(value);
  return undefined;
}

function asBigIntText(value: unknown): string | undefined {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number" && Number.isSafeInteger(value)) return value.toString();
  return undefined;
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "bigint") return Number(value);
  return undefined;
}

const numericPattern = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
function asDecimalText(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value.toString();
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string") return numericPattern.test(value.trim()) ? value.trim() : undefined;
  if (isDecimalLike(value)) {
    const text = value.toString();
    return numericPattern.test(text) ? text : undefined;
  }
  return undefined;
}

function asIsoDate(value: unknown): string | undefined {
  const date = value instanceof Date ? value : typeof value === "string" ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) return undefined;
  return date.toISOString();
}

function isDecimalLike(value: unknown): value is { toString(): string; toFixed(): string } {
  return typeof value === "object" && value !== null && typeof (value as { toFixed?: unknown }).toFixed === "function" && "d" in value && "e" in value && "s" in value;
}
