// Translates an ordinary Prisma `where` object into the engine's RowFilter (src/schema/row-filter.ts), driven only
// by the generated metadata; src/sql/filter-to-sql.ts turns that into SQL. Anything not translated exactly is
// rejected, never ignored, with the path in the user's `where` object.
import { expectedFilterValue, normalizeFilterValue } from "../engine/filter-values.js";
import type { AISchema, RelationFieldMeta, ScalarFieldMeta, TableMeta } from "../schema/ai-schema.js";
import { filterColumnType, resolveRelationJoin, type CompareOperator, type FilterColumnType, type FilterValue, type RowFilter } from "../schema/row-filter.js";
import { InvalidFilterValueError, UnknownFieldError, UnsupportedFilterError } from "../spec/errors/search-errors.js";

interface Scope {
  readonly schema: AISchema;
  /** The model (or related table) the `where` object applies to. */
  readonly table: TableMeta;
  /** Relation filters already entered (0 at the root; relation filters are allowed one level deep). */
  readonly depth: number;
  /** Dotted path in the user's `where` object, for error messages. */
  readonly path: string;
}

type QueryMode = "default" | "insensitive";

const scalarOperators = new Set(["equals", "not", "in", "notIn", "lt", "lte", "gt", "gte", "contains", "startsWith", "endsWith", "mode"]);
const listRelationOperators = new Set(["some", "every", "none"]);
const toOneRelationOperators = new Set(["is", "isNot"]);

/**
 * Returns the {@link RowFilter} equivalent to Prisma's `where` over `table`. `undefined`, `{}` give an empty `and`
 * (every row).
 *
 * Supported: shorthand `field: value`, `equals`, `not` (value, `null` or nested filter), `in`, `notIn`,
 * `lt/lte/gt/gte`, `contains/startsWith/endsWith`, `mode: "insensitive"`, `null` checks, `AND/OR/NOT` (object and
 * array forms), and relation filters one level deep: `some/every/none` on lists, `is/isNot` (and `null`) on to-one.
 * Throws {@link UnsupportedFilterError} for any other operator, {@link UnknownFieldError} for names the metadata
 * does not know and {@link InvalidFilterValueError} for values of the wrong type.
 */
export function whereToFilter(where: unknown, schema: AISchema, table: TableMeta): RowFilter {
  return translateWhere(where, { schema, table, depth: 0, path: "where" });
}

const and = (filters: RowFilter[]): RowFilter => ({ kind: "and", filters });

function translateWhere(where: unknown, scope: Scope): RowFilter {
  if (where === undefined) return and([]);
  if (!isPlainObject(where)) {
    throw new InvalidFilterValueError(`${scope.path} must be a Prisma where object, got ${describe(where)}.`, scope.path);
  }
  const conditions: RowFilter[] = [];
  for (const [key, value] of Object.entries(where)) {
    if (value === undefined) continue; // Prisma ignores undefined keys.
    const path = `${scope.path}.${key}`;
    if (key === "AND" || key === "OR" || key === "NOT") conditions.push(translateCombination(key, value, { ...scope, path }));
    else if (Object.hasOwn(scope.table.fields, key)) conditions.push(translateScalar(scope.table.fields[key]!, value, { ...scope, path }));
    else if (Object.hasOwn(scope.table.relations, key)) conditions.push(translateRelation(scope.table.relations[key]!, value, { ...scope, path }));
    else {
      throw new UnknownFieldError(
        `${path}: model ${scope.table.name} has no field "${key}" in the generated metadata; use one of ${listNames(scope.table)}.`,
        { model: scope.table.name, field: key },
      );
    }
  }
  return and(conditions);
}

function translateCombination(operator: "AND" | "OR" | "NOT", value: unknown, scope: Scope): RowFilter {
  const items = Array.isArray(value) ? value : [value];
  const parts = items.map((item, index) => translateWhere(item, { ...scope, path: Array.isArray(value) ? `${scope.path}[${index}]` : scope.path }));
  if (operator === "AND") return and(parts);
  if (operator === "OR") return { kind: "or", filters: parts };
  // Prisma's NOT: none of the listed conditions holds (each negated, all required).
  return and(parts.map((part) => ({ kind: "not", filter: part })));
}

// ----- scalar fields --------------------------------------------------------------------------------------

interface Target {
  readonly field: ScalarFieldMeta;
  readonly type: FilterColumnType;
}

function translateScalar(field: ScalarFieldMeta, filter: unknown, scope: Scope): RowFilter {
  if (field.isList) {
    throw new UnsupportedFilterError(`${scope.path}: filters on list field ${field.name} (has, hasSome, isEmpty, ...) are not supported in semantic search; filter after the search instead.`, {
      operator: "list",
      path: scope.path,
    });
  }
  const type = filterColumnType(field);
  if (!type) {
    throw new UnsupportedFilterError(`${scope.path}: filters on ${field.type} field ${field.name} are not supported in semantic search; filter after the search instead.`, {
      operator: field.type,
      path: scope.path,
    });
  }
  const target: Target = { field, type };
  if (filter === null) return { kind: "isNull", field: field.name };
  if (!isPlainObject(filter)) return compare(target, "=", filter, "default", scope);
  const mode = readMode(filter, scope);
  return and(translateOperators(target, filter, mode, scope));
}

function translateOperators(target: Target, filter: Record<string, unknown>, mode: QueryMode, scope: Scope): RowFilter[] {
  const conditions: RowFilter[] = [];
  const field = target.field.name;
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
        conditions.push(operand === null ? { kind: "isNull", field } : compare(target, "=", operand, mode, inner));
        break;
      case "not":
        if (operand === null) conditions.push({ kind: "isNotNull", field });
        else if (isPlainObject(operand)) conditions.push({ kind: "not", filter: and(translateOperators(target, operand, readMode(operand, inner, mode), inner)) });
        else conditions.push(compare(target, "<>", operand, mode, inner));
        break;
      case "in":
      case "notIn":
        conditions.push(membership(target, operand, mode, operator === "notIn", inner));
        break;
      case "lt":
        conditions.push(compare(target, "<", operand, mode, inner));
        break;
      case "lte":
        conditions.push(compare(target, "<=", operand, mode, inner));
        break;
      case "gt":
        conditions.push(compare(target, ">", operand, mode, inner));
        break;
      case "gte":
        conditions.push(compare(target, ">=", operand, mode, inner));
        break;
      case "contains":
      case "startsWith":
      case "endsWith":
        conditions.push(pattern(target, operator, operand, mode, inner));
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

function compare(target: Target, operator: CompareOperator, operand: unknown, mode: QueryMode, scope: Scope): RowFilter {
  if (operand === null) {
    throw new InvalidFilterValueError(`${scope.path}: null is only allowed with equals and not (it means IS NULL / IS NOT NULL).`, scope.path);
  }
  const value = bindValue(target, operand, scope.path);
  return { kind: "compare", field: target.field.name, operator, value, ...(mode === "insensitive" ? { caseInsensitive: true } : {}) };
}

function membership(target: Target, operand: unknown, mode: QueryMode, negated: boolean, scope: Scope): RowFilter {
  if (!Array.isArray(operand)) {
    throw new InvalidFilterValueError(`${scope.path} must be an array, got ${describe(operand)}.`, scope.path);
  }
  const values = operand.map((item, index) => {
    if (item === null) throw new InvalidFilterValueError(`${scope.path}[${index}]: null is not allowed in a list; use equals: null.`, `${scope.path}[${index}]`);
    return bindValue(target, item, `${scope.path}[${index}]`);
  });
  return { kind: "in", field: target.field.name, values, ...(negated ? { negated } : {}), ...(mode === "insensitive" ? { caseInsensitive: true } : {}) };
}

function pattern(target: Target, position: "contains" | "startsWith" | "endsWith", operand: unknown, mode: QueryMode, scope: Scope): RowFilter {
  if (target.type !== "text") {
    throw new UnsupportedFilterError(`${scope.path}: "${position}" applies to String fields only.`, { operator: position, path: scope.path });
  }
  if (typeof operand !== "string") {
    throw new InvalidFilterValueError(`${scope.path} must be a string, got ${describe(operand)}.`, scope.path);
  }
  return { kind: "like", field: target.field.name, position, value: operand, ...(mode === "insensitive" ? { caseInsensitive: true } : {}) };
}

function bindValue(target: Target, value: unknown, path: string): FilterValue {
  if (isFieldReference(value)) {
    throw new UnsupportedFilterError(`${path}: field references (prisma.<model>.fields.*) are not supported in semantic search filters.`, { operator: "fieldRef", path });
  }
  const bound = normalizeFilterValue(target.type, value);
  if (bound === undefined) throw new InvalidFilterValueError(`${path} must be ${expectedFilterValue(target.type, target.field.type)}, got ${describe(value)}.`, path);
  return bound;
}

// ----- relation filters -------------------------------------------------------------------------------------

function translateRelation(relation: RelationFieldMeta, filter: unknown, scope: Scope): RowFilter {
  if (scope.depth >= 1) {
    throw new UnsupportedFilterError(`${scope.path}: relation filters are supported one level deep only; move this condition to a separate query.`, {
      operator: relation.name,
      path: scope.path,
    });
  }
  const join = resolveRelationJoin(scope.schema, scope.table, relation);
  if ("problem" in join && join.problem === "unknown-table") {
    throw new UnknownFieldError(`${scope.path}: the generated metadata has no table for model ${relation.model}; regenerate with \`prisma generate\`.`, {
      model: relation.model,
      field: relation.name,
    });
  }
  if ("problem" in join) {
    const related = scope.schema.models[relation.model] ?? scope.schema.tables[relation.model]!;
    throw new UnsupportedFilterError(
      `${scope.path}: cannot tell which foreign key of ${related.name} backs the relation ${scope.table.name}.${relation.name} (${join.problem === "ambiguous-key" ? join.candidates : 0} candidates); filter on the side that holds the key.`,
      { operator: relation.name, path: scope.path },
    );
  }
  const inner: Scope = { ...scope, table: join.related, depth: scope.depth + 1 };
  const name = relation.name;

  if (relation.isList) {
    if (!isPlainObject(filter)) {
      throw new InvalidFilterValueError(`${scope.path} must be an object with some, every or none, got ${describe(filter)}.`, scope.path);
    }
    const conditions: RowFilter[] = [];
    for (const [operator, operand] of Object.entries(filter)) {
      if (operand === undefined) continue;
      const path = `${scope.path}.${operator}`;
      if (!listRelationOperators.has(operator)) {
        throw new UnsupportedFilterError(`${path}: the list relation operator "${operator}" is not supported; use some, every or none.`, { operator, path });
      }
      conditions.push({ kind: "relation", relation: name, quantifier: operator as "some" | "every" | "none", filter: translateWhere(operand, { ...inner, path }) });
    }
    return and(conditions);
  }

  // To-one: `author: null`, `author: { is: ..., isNot: ... }`, or the shorthand `author: { <where> }` (= is).
  if (filter === null) return { kind: "relation", relation: name, quantifier: "is", filter: null };
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
  if (!keys.some((key) => toOneRelationOperators.has(key))) return { kind: "relation", relation: name, quantifier: "is", filter: translateWhere(filter, { ...inner, path: scope.path }) };
  const conditions: RowFilter[] = [];
  for (const key of keys) {
    const path = `${scope.path}.${key}`;
    if (!toOneRelationOperators.has(key)) {
      throw new UnsupportedFilterError(`${path}: "${key}" cannot be mixed with is / isNot; put it inside is.`, { operator: key, path });
    }
    const operand = filter[key];
    conditions.push({ kind: "relation", relation: name, quantifier: key as "is" | "isNot", filter: operand === null ? null : translateWhere(operand, { ...inner, path }) });
  }
  return and(conditions);
}

// ----- helpers ----------------------------------------------------------------------------------------------

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Prisma's field references (`prisma.<model>.fields.<field>`). */
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
