// The engine's filter over a model's rows: a small, ORM-neutral data type over the field names of the generated
// metadata. An adapter builds it from its ORM's own syntax (the Prisma adapter: src/extension/where-to-filter.ts);
// src/sql/filter-to-sql.ts compiles it to a parameterised SQL condition. Pure data, no SQL text, no ORM types.
import type { AISchema, RelationFieldMeta, ScalarFieldMeta, TableMeta } from "./ai-schema.js";

/**
 * A filter value in its canonical form for the field's {@link FilterColumnType}: a `string` for text, uuid and
 * enum values; a `number` for integer (32-bit) and float; a decimal `string` for bigint and decimal; a `boolean`;
 * an ISO 8601 `string` for timestamp, timestamptz and date; `HH:MM:SS.mmm` for time (`+00` appended for timetz).
 * `normalizeFilterValue` (src/engine/filter-values.ts) converts JavaScript values to it.
 */
export type FilterValue = string | number | boolean;

/** Comparison operators of a {@link RowFilter} `compare` node. */
export type CompareOperator = "=" | "<>" | "<" | "<=" | ">" | ">=";

/**
 * A condition on the rows of one table (fields and relations by their Prisma names, as in the metadata).
 *
 * - `and` (empty: true), `or` (empty: false), `not`;
 * - `isNull` / `isNotNull` on a scalar field;
 * - `compare`, `in` (`negated`: not in; empty: false, or true when negated) and `like` (String fields:
 *   `contains`, `startsWith`, `endsWith`; `%` and `_` in the value keep their LIKE meaning) with an optional
 *   `caseInsensitive` (honoured on String fields);
 * - `relation` one level deep: `some` / `every` / `none` over a list relation; `is` / `isNot` over a to-one
 *   relation, where a `null` filter means "there is no related row".
 */
export type RowFilter =
  | { readonly kind: "and"; readonly filters: readonly RowFilter[] }
  | { readonly kind: "or"; readonly filters: readonly RowFilter[] }
  | { readonly kind: "not"; readonly filter: RowFilter }
  | { readonly kind: "isNull" | "isNotNull"; readonly field: string }
  | { readonly kind: "compare"; readonly field: string; readonly operator: CompareOperator; readonly value: FilterValue; readonly caseInsensitive?: boolean }
  | { readonly kind: "in"; readonly field: string; readonly values: readonly FilterValue[]; readonly negated?: boolean; readonly caseInsensitive?: boolean }
  | { readonly kind: "like"; readonly field: string; readonly position: "contains" | "startsWith" | "endsWith"; readonly value: string; readonly caseInsensitive?: boolean }
  | { readonly kind: "relation"; readonly relation: string; readonly quantifier: "some" | "every" | "none"; readonly filter: RowFilter }
  | { readonly kind: "relation"; readonly relation: string; readonly quantifier: "is" | "isNot"; readonly filter: RowFilter | null };

/** The filter that keeps every row. */
export const everyRow: RowFilter = { kind: "and", filters: [] };

/**
 * How a filtered column's values are typed (and bound): enums are compared as text, `@db.Uuid` strings as uuid,
 * DateTime by its native type. Undefined for types a filter cannot use (Json, Bytes, Unsupported, ...).
 */
export type FilterColumnType = "text" | "uuid" | "enum" | "integer" | "bigint" | "float" | "decimal" | "boolean" | "timestamp" | "timestamptz" | "date" | "time" | "timetz";

/** The {@link FilterColumnType} of a scalar field, or undefined when filters on it are not supported. */
export function filterColumnType(field: ScalarFieldMeta): FilterColumnType | undefined {
  if (field.kind === "enum") return "enum";
  switch (field.type) {
    case "String":
      return field.nativeType === "Uuid" ? "uuid" : "text";
    case "Int":
      return "integer";
    case "BigInt":
      return "bigint";
    case "Float":
      return "float";
    case "Decimal":
      return "decimal";
    case "Boolean":
      return "boolean";
    case "DateTime":
      // Prisma stores DateTime in UTC; a `timestamp` (without time zone) column holds the UTC wall time.
      return field.nativeType && Object.hasOwn(dateTimeTypes, field.nativeType) ? dateTimeTypes[field.nativeType]! : "timestamp";
    default:
      return undefined;
  }
}

const dateTimeTypes: Readonly<Record<string, FilterColumnType>> = { Timestamptz: "timestamptz", Date: "date", Time: "time", Timetz: "timetz" };

/** The join between a filtered table and a related one: `remote[i] = local[i]` (column names). */
export interface RelationJoin {
  /** The related table. */
  readonly related: TableMeta;
  /** Columns on the filtered table. */
  readonly localColumns: readonly string[];
  /** Matching columns on the related table. */
  readonly remoteColumns: readonly string[];
  /** Whether the filtered table holds the foreign key (then its `localColumns` are NULL exactly when nothing is related). */
  readonly holdsKey: boolean;
}

/** Why a relation cannot be joined: its table is not in the metadata, or no single foreign key backs it. */
export type RelationJoinProblem = { readonly problem: "unknown-table" } | { readonly problem: "ambiguous-key"; readonly candidates: number };

/** Resolves the join of `table.relation` from the metadata (this side's foreign key, else the inverse relation's). */
export function resolveRelationJoin(schema: AISchema, table: TableMeta, relation: RelationFieldMeta): RelationJoin | RelationJoinProblem {
  const related = schema.models[relation.model] ?? schema.tables[relation.model];
  if (!related) return { problem: "unknown-table" };
  if (relation.fromColumns.length > 0) {
    // This side holds the key: related.toColumns = this.fromColumns.
    return { related, localColumns: relation.fromColumns, remoteColumns: relation.toColumns, holdsKey: true };
  }
  // The other side holds the key: find its relation back to this model.
  const inverse = Object.values(related.relations).filter(
    (candidate) => candidate.model === table.name && candidate.fromColumns.length > 0 && !(related.name === table.name && candidate.name === relation.name),
  );
  if (inverse.length !== 1) return { problem: "ambiguous-key", candidates: inverse.length };
  const back = inverse[0]!;
  return { related, localColumns: back.toColumns, remoteColumns: back.fromColumns, holdsKey: false };
}
