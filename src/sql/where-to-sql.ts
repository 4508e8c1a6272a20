// Translates an ordinary Prisma `where` object into a parameterised SQL boolean expression over a model's
// table, driven only by the generated metadata. Identifiers come from the metadata (quoted); every value is a
// bound parameter with an explicit cast. Anything not translated exactly is rejected, never ignored.
import type { AISchema, RelationFieldMeta, ScalarFieldMeta, TableMeta } from "../schema/ai-schema.js";
import { InvalidFilterValueError, UnknownFieldError, UnsupportedFilterError } from "../spec/errors/search-errors.js";
import { quoteIdentifier, quoteQualifiedName } from "./quote.js";
import type { SqlParameters } from "./sql-parameters.js";

/** What the translator needs: the metadata, the table being filtered and the alias it has in the statement. */
export interface WhereToSqlContext {
  readonly schema: AISchema;
  /** The model (or related table) the `where` object applies to. */
  readonly table: TableMeta;
  /** SQL alias of that table in the surrounding statement, e.g. `t`. */
  readonly alias: string;
  /** Where bound values go; placeholders continue its numbering. */
  readonly parameters: SqlParameters;
}

interface Scope extends WhereToSqlContext {
  /** Relation filters already entered (0 at the root; relation filters are allowed one level deep). */
  readonly depth: number;
  /** Dotted path in the user's `where` object, for error messages. */
  readonly path: string;
  /** Shared counter for subquery aliases. */
  readonly aliases: { next: number };
}

type QueryMode = "default" | "insensitive";

const scalarOperators = new Set(["equals", "not", "in", "notIn", "lt", "lte", "gt", "gte", "contains", "startsWith", "endsWith", "mode"]);
const listRelationOperators = new Set(["some", "every", "none"]);
const toOneRelationOperators = new Set(["is", "isNot"]);

/**
 * Returns a SQL boolean expression equivalent to Prisma's `where` over `context.table` (aliased
 * `context.alias`), binding values into `context.parameters`. `undefined`, `{}` give `TRUE`.
 *
 * Supported: shorthand `field: value`, `equals`, `not` (value, `null` or nested filter), `in`, `notIn`,
 * `lt/lte/gt/gte`, `contains/startsWith/endsWith`, `mode: "insensitive"`, `null` checks, `AND/OR/NOT` (object and
 * array forms), and relation filters one level deep: `some/every/none` on lists, `is/isNot` (and `null`) on to-one.
 * Throws {@link UnsupportedFilterError} for any other operator, {@link UnknownFieldError} for names the metadata
 * does not know and {@link InvalidFilterValueError} for values of the wrong type.
 */
export function whereToSql(where: unknown, context: WhereToSqlContext): string {
  return translateWhere(where, { ...context, depth: 0, path: "where", aliases: { next: 1 } });
}

function translateWhere(where: unknown, scope: Scope): string {
  if (where === undefined) return "TRUE";
  if (!isPlainObject(where)) {
    throw new InvalidFilterValueError(`${scope.path} must be a Prisma where object, got ${describe(where)}.`, scope.path);
  }
  const conditions: string[] = [];
  for (const [key, value] of Object.entries(where)) {
    if (value === undefined) continue; // Prisma ignores undefined keys.
    const path = `${scope.path}.${key}`;
    if (key === "AND") conditions.push(translateCombination("AND", value, { ...scope, path }));
    else if (key === "OR") conditions.push(translateCombination("OR", value, { ...scope, path }));
    else if (key === "NOT") conditions.push(translateCombination("NOT", value, { ...scope, path }));
    else if (Object.hasOwn(scope.table.fields, key)) conditions.push(translateScalar(scope.table.fields[key]!, value, { ...scope, path }));
    else if (Object.hasOwn(scope.table.relations, key)) conditions.push(translateRelation(scope.table.relations[key]!, value, { ...scope, path }));
    else {
      throw new UnknownFieldError(
        `${path}: model ${scope.table.name} has no field "${key}" in the generated metadata; use one of ${listNames(scope.table)}.`,
        { model: scope.table.name, field: key },
      );
    }
  }
  return conjunction(conditions);
}

function translateCombination(operator: "AND" | "OR" | "NOT", value: unknown, scope: Scope): string {
  const items = Array.isArray(value) ? value : [value];
  const parts = items.map((item, index) => translateWhere(item, { ...scope, path: Array.isArray(value) ? `${scope.path}[${index}]` : scope.path }));
  if (operator === "AND") return conjunction(parts);
  if (operator === "OR") return parts.length === 0 ? "FALSE" : parts.length === 1 ? parts[0]! : `(${parts.map(parenthesise).join(" OR ")})`;
  // Prisma's NOT: none of the listed conditions holds (each negated, all required).
  return conjunction(parts.map((part) => `NOT ${parenthesise(part)}`));
}

// ----- scalar fields --------------------------------------------------------------------------------------

function translateScalar(field: ScalarFieldMeta, filter: unknown, scope: Scope): string {
  const column = `${quoteIdentifier(scope.alias)}.${quoteIdentifier(field.column)}`;
  if (field.isList) {
    throw new UnsupportedFilterError(`${scope.path}: filters on list field ${field.name} (has, hasSome, isEmpty, ...) are not supported in semantic search; filter after the search instead.`, {
      operator: "list",
      path: scope.path,
    });
  }
  const kind = scalarKind(field, scope.path);
  if (filter === null) return `${column} IS NULL`;
  if (!isPlainObject(filter)) return compare(column, kind, "=", filter, "default", scope);
  const mode = readMode(filter, scope);
  return conjunction(translateOperators(column, kind, filter, mode, scope));
}

function translateOperators(column: string, kind: ColumnKind, filter: Record<string, unknown>, mode: QueryMode, scope: Scope): string[] {
  const conditions: string[] = [];
  for (const [operator, operand] of Object.entries(filter)) {
    if (operand === undefined || operator === "mode") continue;
    const path = `${scope.path}.${operator}`;
    const inner = { ...scope, path };
    if (!scalarOperators.has(operator)) {
      throw new UnsupportedFilterError(
        `${path}: the where operator "${operator}" is not supported in semantic search (supported: ${[...scalarOperators].join(", ")}); remove it or filter after the search.`,
        { operator, path },
      );
    }
    switch (operator) {
      case "equals":
        conditions.push(operand === null ? `${column} IS NULL` : compare(column, kind, "=", operand, mode, inner));
        break;
      case "not":
        if (operand === null) conditions.push(`${column} IS NOT NULL`);
        else if (isPlainObject(operand)) conditions.push(`NOT ${parenthesise(conjunction(translateOperators(column, kind, operand, readMode(operand, inner, mode), inner)))}`);
        else conditions.push(compare(column, kind, "<>", operand, mode, inner));
        break;
      case "in":
      case "notIn":
        conditions.push(membership(column, kind, operand, mode, operator === "notIn", inner));
        break;
      case "lt":
        conditions.push(compare(column, kind, "<", operand, mode, inner));
        break;
      case "lte":
        conditions.push(compare(column, kind, "<=", operand, mode, inner));
        break;
      case "gt":
        conditions.push(compare(column, kind, ">", operand, mode, inner));
        break;
      case "gte":
        conditions.push(compare(column, kind, ">=", operand, mode, inner));
        break;
      case "contains":
      case "startsWith":
      case "endsWith":
        conditions.push(pattern(column, kind, operator, operand, mode, inner));
        break;
    }
  }
  return conditions;
}

function readMode(filter: Record<string, unknown>, scope: Scope, inherited: QueryMode = "default"): QueryMode {
  const mode = filter.mode;
  if (mode === undefined) return inherited;
  if (mode === "default" || mode === "insensitive") return mode;
  throw new InvalidFilterValueError(`${scope.path}.mode must be "default" or "insensitive", got ${describe(mode)}.`, `${scope.path}.mode`);
}

function compare(column: string, kind: ColumnKind, operator: "=" | "<>" | "<" | "<=" | ">" | ">=", operand: unknown, mode: QueryMode, scope: Scope): string {
  if (operand === null) {
    throw new InvalidFilterValueError(`${scope.path}: null is only allowed with equals and not (it means IS NULL / IS NOT NULL).`, scope.path);
  }
  const value = scope.parameters.add(bindValue(kind, operand, scope.path), kind.cast);
  if (mode === "insensitive" && kind.textual) return `lower(${column}) ${operator} lower(${value})`;
  return `${kind.columnExpression(column)} ${operator} ${value}`;
}

function membership(column: string, kind: ColumnKind, operand: unknown, mode: QueryMode, negate: boolean, scope: Scope): string {
  if (!Array.isArray(operand)) {
    throw new InvalidFilterValueError(`${scope.path} must be an array, got ${describe(operand)}.`, scope.path);
  }
  if (operand.length === 0) return negate ? "TRUE" : "FALSE";
  const values = operand.map((item, index) => {
    if (item === null) throw new InvalidFilterValueError(`${scope.path}[${index}]: null is not allowed in a list; use equals: null.`, `${scope.path}[${index}]`);
    return bindValue(kind, item, `${scope.path}[${index}]`);
  });
  const array = scope.parameters.add(values, `${kind.cast}[]`);
  const test =
    mode === "insensitive" && kind.textual
      ? `lower(${column}) = ANY (SELECT lower(item) FROM unnest(${array}) AS item)`
      : `${kind.columnExpression(column)} = ANY (${array})`;
  return negate ? `NOT (${test})` : test;
}

function pattern(column: string, kind: ColumnKind, operator: "contains" | "startsWith" | "endsWith", operand: unknown, mode: QueryMode, scope: Scope): string {
  if (!kind.textual) {
    throw new UnsupportedFilterError(`${scope.path}: "${operator}" applies to String fields only.`, { operator, path: scope.path });
  }
  if (typeof operand !== "string") {
    throw new InvalidFilterValueError(`${scope.path} must be a string, got ${describe(operand)}.`, scope.path);
  }
  // Exactly as Prisma builds it (so both give the same rows): the value is bound, and `%` / `_` inside it
  // keep their LIKE meaning, as they do in Prisma's own `contains`.
  const value = scope.parameters.add(operand, "text");
  const like = operator === "contains" ? `('%' || ${value} || '%')` : operator === "startsWith" ? `(${value} || '%')` : `('%' || ${value})`;
  return `${column} ${mode === "insensitive" ? "ILIKE" : "LIKE"} ${like}`;
}

// ----- column kinds: how a Prisma type is bound and cast ----------------------------------------------------

interface ColumnKind {
  /** Cast applied to the bound parameter, e.g. `uuid`, `numeric`, `timestamp`. */
  readonly cast: string;
  /** Whether `mode: "insensitive"` and contains/startsWith/endsWith apply. */
  readonly textual: boolean;
  /** The column expression compared (enums are compared as text: the metadata has no database enum name). */
  columnExpression(column: string): string;
  /** Converts (and checks) one JS value for binding. */
  bind(value: unknown): unknown;
  /** What the value must be, for error messages. */
  readonly expected: string;
}

const same = (column: string) => column;

function scalarKind(field: ScalarFieldMeta, path: string): ColumnKind {
  if (field.kind === "enum") {
    return { cast: "text", textual: false, columnExpression: (column) => `${column}::text`, bind: asString, expected: `a ${field.type} value (string)` };
  }
  switch (field.type) {
    case "String":
      if (field.nativeType === "Uuid") return { cast: "uuid", textual: false, columnExpression: same, bind: asUuid, expected: "a uuid string" };
      return { cast: "text", textual: true, columnExpression: same, bind: asString, expected: "a string" };
    case "Int":
      return { cast: "integer", textual: false, columnExpression: same, bind: asInteger, expected: "an integer" };
    case "BigInt":
      return { cast: "bigint", textual: false, columnExpression: same, bind: asBigIntText, expected: "a bigint or an integer" };
    case "Float":
      return { cast: "double precision", textual: false, columnExpression: same, bind: asNumber, expected: "a number" };
    case "Decimal":
      return { cast: "numeric", textual: false, columnExpression: same, bind: asDecimalText, expected: "a Decimal, number or numeric string" };
    case "Boolean":
      return { cast: "boolean", textual: false, columnExpression: same, bind: asBoolean, expected: "a boolean" };
    case "DateTime":
      return dateTimeKind(field.nativeType);
    default:
      throw new UnsupportedFilterError(`${path}: filters on ${field.type} field ${field.name} are not supported in semantic search; filter after the search instead.`, {
        operator: field.type,
        path,
      });
  }
}

function dateTimeKind(nativeType: string | undefined): ColumnKind {
  // Prisma stores DateTime in UTC; a `timestamp` (without time zone) column holds the UTC wall time, so the
  // ISO string's `Z` is dropped by the cast exactly as Prisma's own binding does.
  const casts: Record<string, string> = { Timestamptz: "timestamptz", Date: "date", Time: "time", Timetz: "timetz" };
  const cast = (nativeType && casts[nativeType]) ?? "timestamp";
  const timeOnly = cast === "time" || cast === "timetz";
  return {
    cast,
    textual: false,
    columnExpression: same,
    bind: (value) => {
      const iso = asIsoDate(value);
      if (iso === undefined) return undefined;
      return timeOnly ? iso.slice(11, 23) + (cast === "timetz" ? "+00" : "") : iso;
    },
    expected: "a Date or an ISO 8601 string",
  };
}

function bindValue(kind: ColumnKind, value: unknown, path: string): unknown {
  if (isFieldReference(value)) {
    throw new UnsupportedFilterError(`${path}: field references (prisma.<model>.fields.*) are not supported in semantic search filters.`, { operator: "fieldRef", path });
  }
  const bound = kind.bind(value);
  if (bound === undefined) throw new InvalidFilterValueError(`${path} must be ${kind.expected}, got ${describe(value)}.`, path);
  return bound;
}

function asString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

const uuidPattern = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
function asUuid(value: unknown): string | undefined {
  return typeof value === "string" && uuidPattern.test(value.replace(/^\{|\}$/g, "")) ? value : undefined;
}

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

function asBoolean(value: unknown): boolean | undefined {
  return typeof value === "boolean" ? value : undefined;
}

function asIsoDate(value: unknown): string | undefined {
  const date = value instanceof Date ? value : typeof value === "string" ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) return undefined;
  return date.toISOString();
}

// ----- relation filters -------------------------------------------------------------------------------------

function translateRelation(relation: RelationFieldMeta, filter: unknown, scope: Scope): string {
  if (scope.depth >= 1) {
    throw new UnsupportedFilterError(`${scope.path}: relation filters are supported one level deep only; move this condition to a separate query.`, {
      operator: relation.name,
      path: scope.path,
    });
  }
  const related = scope.schema.models[relation.model] ?? scope.schema.tables[relation.model];
  if (!related) {
    throw new UnknownFieldError(`${scope.path}: the generated metadata has no table for model ${relation.model}; regenerate with \`prisma generate\`.`, {
      model: relation.model,
      field: relation.name,
    });
  }
  const alias = `r${scope.aliases.next++}`;
  const join = joinCondition(scope, relation, related, alias);
  const from = `${quoteQualifiedName(related.dbSchema, related.table)} AS ${quoteIdentifier(alias)}`;
  const inner: Scope = { ...scope, table: related, alias, depth: scope.depth + 1 };

  if (relation.isList) {
    if (!isPlainObject(filter)) {
      throw new InvalidFilterValueError(`${scope.path} must be an object with some, every or none, got ${describe(filter)}.`, scope.path);
    }
    const conditions: string[] = [];
    for (const [operator, operand] of Object.entries(filter)) {
      if (operand === undefined) continue;
      const path = `${scope.path}.${operator}`;
      if (!listRelationOperators.has(operator)) {
        throw new UnsupportedFilterError(`${path}: the list relation operator "${operator}" is not supported; use some, every or none.`, { operator, path });
      }
      const condition = translateWhere(operand, { ...inner, path });
      const where = condition === "TRUE" ? join.on : `${join.on} AND ${parenthesise(condition)}`;
      if (operator === "some") conditions.push(`EXISTS (SELECT 1 FROM ${from} WHERE ${where})`);
      else if (operator === "none") conditions.push(`NOT EXISTS (SELECT 1 FROM ${from} WHERE ${where})`);
      else conditions.push(`NOT EXISTS (SELECT 1 FROM ${from} WHERE ${join.on} AND NOT ${parenthesise(condition)})`);
    }
    return conjunction(conditions);
  }

  // To-one: `author: null`, `author: { is: ..., isNot: ... }`, or the shorthand `author: { <where> }` (= is).
  // Prisma evaluates these over a LEFT JOIN, keeping SQL's three-valued logic (a related row whose column is
  // NULL makes `NOT is` unknown, hence excluded); the scalar subquery below is that same LEFT JOIN, row by row.
  const isNull = () =>
    join.localColumns.length > 0 ? conjunction(join.localColumns.map((column) => `${column} IS NULL`)) : `NOT EXISTS (SELECT 1 FROM ${from} WHERE ${join.on})`;
  const leftJoined = (expression: string) => `(SELECT ${expression} FROM (SELECT 1) AS ${quoteIdentifier(`${alias}_row`)} LEFT JOIN ${from} ON ${join.on})`;
  const is = (operand: unknown, path: string) => {
    const condition = translateWhere(operand, { ...inner, path });
    return leftJoined(condition === "TRUE" ? `${join.matched} IS NOT NULL` : `${parenthesise(condition)} AND ${join.matched} IS NOT NULL`);
  };
  const isNot = (operand: unknown, path: string) => {
    const condition = translateWhere(operand, { ...inner, path });
    return leftJoined(condition === "TRUE" ? `${join.matched} IS NULL` : `NOT ${parenthesise(condition)} OR ${join.matched} IS NULL`);
  };
  if (filter === null) return isNull();
  if (!isPlainObject(filter)) {
    throw new InvalidFilterValueError(`${scope.path} must be a where object, null, or an object with is / isNot, got ${describe(filter)}.`, scope.path);
  }
  const keys = Object.keys(filter).filter((key) => filter[key] !== undefined);
  const misplaced = keys.find((key) => listRelationOperators.has(key));
  if (misplaced) {
    throw new UnsupportedFilterError(`${scope.path}.${misplaced}: "${misplaced}" applies to list relations; ${relation.name} is to-one, use is / isNot.`, {
      operator: misplaced,
      path: `${scope.path}.${misplaced}`,
    });
  }
  if (!keys.some((key) => toOneRelationOperators.has(key))) return is(filter, scope.path);
  const conditions: string[] = [];
  for (const key of keys) {
    const path = `${scope.path}.${key}`;
    if (!toOneRelationOperators.has(key)) {
      throw new UnsupportedFilterError(`${path}: "${key}" cannot be mixed with is / isNot; put it inside is.`, { operator: key, path });
    }
    const operand = filter[key];
    if (operand === null) conditions.push(key === "is" ? isNull() : `NOT ${parenthesise(isNull())}`);
    else conditions.push(key === "is" ? is(operand, path) : isNot(operand, path));
  }
  return conjunction(conditions);
}

interface RelationJoin {
  /** The join predicate between the filtered table and the related alias. */
  readonly on: string;
  /** A related column that is NOT NULL exactly when a related row matched (for LEFT JOIN tests). */
  readonly matched: string;
  /** Foreign-key columns on the filtered table (when this side holds the key), else empty. */
  readonly localColumns: readonly string[];
}

/** The join between the filtered table (`scope.alias`) and the related table (`alias`), from the foreign key. */
function joinCondition(scope: Scope, relation: RelationFieldMeta, related: TableMeta, alias: string): RelationJoin {
  const here = quoteIdentifier(scope.alias);
  const there = quoteIdentifier(alias);
  if (relation.fromColumns.length > 0) {
    // This side holds the key: related.toColumns = this.fromColumns.
    const localColumns = relation.fromColumns.map((column) => `${here}.${quoteIdentifier(column)}`);
    const remoteColumns = relation.toColumns.map((column) => `${there}.${quoteIdentifier(column)}`);
    return { on: remoteColumns.map((remote, index) => `${remote} = ${localColumns[index]!}`).join(" AND "), matched: remoteColumns[0]!, localColumns };
  }
  // The other side holds the key: find its relation back to this model.
  const inverse = Object.values(related.relations).filter(
    (candidate) => candidate.model === scope.table.name && candidate.fromColumns.length > 0 && !(related.name === scope.table.name && candidate.name === relation.name),
  );
  if (inverse.length !== 1) {
    throw new UnsupportedFilterError(
      `${scope.path}: cannot tell which foreign key of ${related.name} backs the relation ${scope.table.name}.${relation.name} (${inverse.length} candidates); filter on the side that holds the key.`,
      { operator: relation.name, path: scope.path },
    );
  }
  const back = inverse[0]!;
  const remoteColumns = back.fromColumns.map((column) => `${there}.${quoteIdentifier(column)}`);
  return {
    on: remoteColumns.map((remote, index) => `${remote} = ${here}.${quoteIdentifier(back.toColumns[index]!)}`).join(" AND "),
    matched: remoteColumns[0]!,
    localColumns: [],
  };
}

// ----- helpers ----------------------------------------------------------------------------------------------

function conjunction(parts: readonly string[]): string {
  const meaningful = parts.filter((part) => part !== "TRUE");
  if (meaningful.length === 0) return "TRUE";
  if (meaningful.length === 1) return meaningful[0]!;
  return `(${meaningful.map(parenthesise).join(" AND ")})`;
}

function parenthesise(condition: string): string {
  return condition.startsWith("(") && matchingParenthesis(condition) === condition.length - 1 ? condition : `(${condition})`;
}

function matchingParenthesis(text: string): number {
  let depth = 0;
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (character === '"') quoted = !quoted;
    if (quoted) continue;
    if (character === "(") depth++;
    else if (character === ")" && --depth === 0) return index;
  }
  return -1;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function isDecimalLike(value: unknown): value is { toString(): string; toFixed(): string } {
  return typeof value === "object" && value !== null && typeof (value as { toFixed?: unknown }).toFixed === "function" && "d" in value && "e" in value && "s" in value;
}

function isFieldReference(value: unknown): boolean {
  return typeof value === "object" && value !== null && !isPlainObject(value) && "modelName" in value && "name" in value && "typeName" in value;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (value instanceof Date) return "a Date";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
  return `${typeof value} ${String(value)}`;
}

function listNames(table: TableMeta): string {
  return [...Object.keys(table.fields), ...Object.keys(table.relations)].join(", ");
}
