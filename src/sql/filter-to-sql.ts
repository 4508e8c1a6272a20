// Compiles the engine's RowFilter (src/schema/row-filter.ts) to a parameterised SQL boolean expression over a
// table. Identifiers come from the generated metadata (quoted); every value is a bound parameter with an explicit
// cast. The filter is checked against the metadata again (unknown names, list/Json columns, relations more than
// one level deep are rejected), so a filter from any adapter compiles to safe SQL or fails.
import type { AISchema, RelationFieldMeta, ScalarFieldMeta, TableMeta } from "../schema/ai-schema.js";
import { filterColumnType, resolveRelationJoin, type FilterColumnType, type RowFilter } from "../schema/row-filter.js";
import { UnknownFieldError, UnsupportedFilterError } from "../spec/errors/search-errors.js";
import { quoteIdentifier, quoteQualifiedName } from "./quote.js";
import type { SqlParameters } from "./sql-parameters.js";

/** What the compiler needs: the metadata, the table being filtered and the alias it has in the statement. */
export interface FilterToSqlContext {
  readonly schema: AISchema;
  /** The model (or related table) the filter applies to. */
  readonly table: TableMeta;
  /** SQL alias of that table in the surrounding statement, e.g. `t`. */
  readonly alias: string;
  /** Where bound values go; placeholders continue its numbering. */
  readonly parameters: SqlParameters;
}

interface Scope extends FilterToSqlContext {
  /** Relation filters already entered (0 at the root; relation filters are allowed one level deep). */
  readonly depth: number;
  /** Shared counter for subquery aliases. */
  readonly aliases: { next: number };
}

/** Returns the SQL condition of `filter` over `context.table` (aliased `context.alias`); `undefined` gives `TRUE`. */
export function filterToSql(filter: RowFilter | undefined, context: FilterToSqlContext): string {
  if (filter === undefined) return "TRUE";
  return compile(filter, { ...context, depth: 0, aliases: { next: 1 } });
}

function compile(filter: RowFilter, scope: Scope): string {
  switch (filter.kind) {
    case "and":
      return conjunction(filter.filters.map((part) => compile(part, scope)));
    case "or": {
      const parts = filter.filters.map((part) => compile(part, scope));
      return parts.length === 0 ? "FALSE" : parts.length === 1 ? parts[0]! : `(${parts.map(parenthesise).join(" OR ")})`;
    }
    case "not":
      return `NOT ${parenthesise(compile(filter.filter, scope))}`;
    case "isNull":
      return `${column(scope, filter.field).sql} IS NULL`;
    case "isNotNull":
      return `${column(scope, filter.field).sql} IS NOT NULL`;
    case "compare": {
      const target = column(scope, filter.field);
      const cast = castOf(target.type);
      const value = scope.parameters.add(filter.value, cast);
      if (filter.caseInsensitive && target.type === "text") return `lower(${target.sql}) ${filter.operator} lower(${value})`;
      return `${columnExpression(target)} ${filter.operator} ${value}`;
    }
    case "in": {
      const target = column(scope, filter.field);
      if (filter.values.length === 0) return filter.negated ? "TRUE" : "FALSE";
      const array = scope.parameters.add([...filter.values], `${castOf(target.type)}[]`);
      const test =
        filter.caseInsensitive && target.type === "text"
          ? `lower(${target.sql}) = ANY (SELECT lower(item) FROM unnest(${array}) AS item)`
          : `${columnExpression(target)} = ANY (${array})`;
      return filter.negated ? `NOT (${test})` : test;
    }
    case "like": {
      const target = column(scope, filter.field);
      if (target.type !== "text") {
        throw new UnsupportedFilterError(`${target.path}: "${filter.position}" applies to String fields only.`, { operator: filter.position, path: target.path });
      }
      // Exactly as Prisma builds it (so both give the same rows): the value is bound, and `%` / `_` inside it
      // keep their LIKE meaning, as they do in Prisma's own `contains`.
      const value = scope.parameters.add(filter.value, "text");
      const like = filter.position === "contains" ? `('%' || ${value} || '%')` : filter.position === "startsWith" ? `(${value} || '%')` : `('%' || ${value})`;
      return `${target.sql} ${filter.caseInsensitive ? "ILIKE" : "LIKE"} ${like}`;
    }
    case "relation":
      return compileRelation(filter, scope);
  }
}

// ----- columns ----------------------------------------------------------------------------------------------

interface Column {
  /** `"alias"."column"`. */
  readonly sql: string;
  readonly type: FilterColumnType;
  /** `Model.field`, for error messages. */
  readonly path: string;
}

function column(scope: Scope, name: string): Column {
  const field: ScalarFieldMeta | undefined = Object.hasOwn(scope.table.fields, name) ? scope.table.fields[name] : undefined;
  const path = `${scope.table.name}.${name}`;
  if (!field) {
    throw new UnknownFieldError(`${path}: model ${scope.table.name} has no field "${name}" in the generated metadata.`, { model: scope.table.name, field: name });
  }
  const type = field.isList ? undefined : filterColumnType(field);
  if (!type) {
    throw new UnsupportedFilterError(`${path}: filters on ${field.isList ? "list" : field.type} field ${field.name} are not supported in semantic search.`, {
      operator: field.isList ? "list" : field.type,
      path,
    });
  }
  return { sql: `${quoteIdentifier(scope.alias)}.${quoteIdentifier(field.column)}`, type, path };
}

/** The cast of a bound value (enums are compared as text: the metadata has no database enum name). */
function castOf(type: FilterColumnType): string {
  if (type === "enum") return "text";
  if (type === "float") return "double precision";
  if (type === "decimal") return "numeric";
  return type;
}

/** The column as compared: enums as text, everything else as it is. */
function columnExpression(target: Column): string {
  return target.type === "enum" ? `${target.sql}::text` : target.sql;
}

// ----- relations --------------------------------------------------------------------------------------------

function compileRelation(filter: Extract<RowFilter, { kind: "relation" }>, scope: Scope): string {
  const path = `${scope.table.name}.${filter.relation}`;
  const relation: RelationFieldMeta | undefined = Object.hasOwn(scope.table.relations, filter.relation) ? scope.table.relations[filter.relation] : undefined;
  if (!relation) {
    throw new UnknownFieldError(`${path}: model ${scope.table.name} has no relation "${filter.relation}" in the generated metadata.`, {
      model: scope.table.name,
      field: filter.relation,
    });
  }
  if (scope.depth >= 1) {
    throw new UnsupportedFilterError(`${path}: relation filters are supported one level deep only.`, { operator: relation.name, path });
  }
  const listQuantifier = filter.quantifier === "some" || filter.quantifier === "every" || filter.quantifier === "none";
  if (listQuantifier !== relation.isList) {
    throw new UnsupportedFilterError(`${path}: "${filter.quantifier}" applies to ${listQuantifier ? "list" : "to-one"} relations; ${relation.name} is ${relation.isList ? "a list" : "to-one"}.`, {
      operator: filter.quantifier,
      path,
    });
  }
  const join = resolveRelationJoin(scope.schema, scope.table, relation);
  if ("problem" in join) {
    throw new UnsupportedFilterError(`${path}: the generated metadata does not say how to join ${relation.model}; regenerate with \`prisma generate\`.`, {
      operator: relation.name,
      path,
    });
  }
  const alias = `r${scope.aliases.next++}`;
  const here = quoteIdentifier(scope.alias);
  const there = quoteIdentifier(alias);
  const remoteColumns = join.remoteColumns.map((name) => `${there}.${quoteIdentifier(name)}`);
  const on = remoteColumns.map((remote, index) => `${remote} = ${here}.${quoteIdentifier(join.localColumns[index]!)}`).join(" AND ");
  /** A related column that is NOT NULL exactly when a related row matched (for LEFT JOIN tests). */
  const matched = remoteColumns[0]!;
  const from = `${quoteQualifiedName(join.related.dbSchema, join.related.table)} AS ${quoteIdentifier(alias)}`;
  const inner: Scope = { ...scope, table: join.related, alias, depth: scope.depth + 1 };

  switch (filter.quantifier) {
    case "some":
    case "none": {
      const condition = compile(filter.filter, inner);
      const where = condition === "TRUE" ? on : `${on} AND ${parenthesise(condition)}`;
      return `${filter.quantifier === "none" ? "NOT " : ""}EXISTS (SELECT 1 FROM ${from} WHERE ${where})`;
    }
    case "every":
      return `NOT EXISTS (SELECT 1 FROM ${from} WHERE ${on} AND NOT ${parenthesise(compile(filter.filter, inner))})`;
  }

  // To-one. Prisma evaluates these over a LEFT JOIN, keeping SQL's three-valued logic (a related row whose column
  // is NULL makes `NOT is` unknown, hence excluded); the scalar subquery below is that same LEFT JOIN, row by row.
  const isNull = join.holdsKey
    ? conjunction(join.localColumns.map((name) => `${here}.${quoteIdentifier(name)} IS NULL`))
    : `NOT EXISTS (SELECT 1 FROM ${from} WHERE ${on})`;
  if (filter.filter === null) return filter.quantifier === "is" ? isNull : `NOT ${parenthesise(isNull)}`;
  const leftJoined = (expression: string) => `(SELECT ${expression} FROM (SELECT 1) AS ${quoteIdentifier(`${alias}_row`)} LEFT JOIN ${from} ON ${on})`;
  const condition = compile(filter.filter, inner);
  if (filter.quantifier === "is") return leftJoined(condition === "TRUE" ? `${matched} IS NOT NULL` : `${parenthesise(condition)} AND ${matched} IS NOT NULL`);
  return leftJoined(condition === "TRUE" ? `${matched} IS NULL` : `NOT ${parenthesise(condition)} OR ${matched} IS NULL`);
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
