// The small builder the search SQL is assembled with: identifiers are quoted (and only ever come from the
// generated metadata), every value becomes a numbered `$n` parameter, never SQL text.

/** Quotes one SQL identifier (`"name"`, with embedded quotes doubled). Use only on names from metadata. */
export function quoteIdentifier(name: string): string {
  if (name.length === 0 || name.includes("\u0000")) throw new TypeError(`Invalid SQL identifier ${JSON.stringify(name)}.`);
  return `"${name.replaceAll('"', '""')}"`;
}

/** `"schema"."table"`, both quoted. */
export function qualifiedName(schema: string, name: string): string {
  return `${quoteIdentifier(schema)}.${quoteIdentifier(name)}`;
}

/** A SQL string literal (`'text'`, quotes doubled). Only for names from metadata (e.g. a Prisma field name in `field = '...'`). */
export function quoteLiteral(value: string): string {
  if (value.includes("\u0000")) throw new TypeError("SQL literals cannot contain NUL characters.");
  return `'${value.replaceAll("'", "''")}'`;
}

/** Collects bound values and hands out their `$n` placeholders. */
export class SqlParameters {
  /** The values, in placeholder order (`values[0]` is `$1`). */
  readonly values: unknown[] = [];

  /** Binds `value` and returns its placeholder, with `::cast` appended when given (e.g. `$3::uuid`). */
  add(value: unknown, cast?: string): string {
    this.values.push(value);
    const placeholder = `$${this.values.length}`;
    return cast ? `${placeholder}::${cast}` : placeholder;
  }
}

/** A finished statement: SQL text with `$n` placeholders and the values to bind. */
export interface SqlStatement {
  readonly text: string;
  readonly values: readonly unknown[];
}
