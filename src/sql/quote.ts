// Quoting for the few things SQL text is built from: identifiers and literals that come from the generated
// metadata (table, column and field names), never from user input. Values always travel as bound parameters.
import { ConfigError } from "../spec/errors/index.js";

/** Postgres truncates identifiers longer than this many bytes (NAMEDATALEN - 1). */
export const maxIdentifierBytes = 63;

/**
 * Quotes a Postgres identifier: `articles` -> `"articles"`, `a"b` -> `"a""b"`.
 * @throws ConfigError when the name is empty or contains a NUL character (Postgres cannot store either).
 */
export function quoteIdentifier(name: string): string {
  if (name.length === 0 || name.includes("\0")) {
    throw new ConfigError(`Invalid SQL identifier ${JSON.stringify(name)}: names must be non-empty and contain no NUL character.`);
  }
  return `"${name.replace(/"/g, '""')}"`;
}

/** Quotes a schema-qualified name: `("public", "articles")` -> `"public"."articles"`. */
export function quoteQualifiedName(schema: string, name: string): string {
  return `${quoteIdentifier(schema)}.${quoteIdentifier(name)}`;
}

/**
 * Quotes a text literal for metadata that must appear inside SQL text (an index predicate, a trigger body):
 * `it's` -> `'it''s'`; with a backslash the escape-string form is used (`E'a\\b'`), so the result is the same
 * whatever `standard_conforming_strings` says.
 * @throws ConfigError when the text contains a NUL character.
 */
export function quoteLiteral(value: string): string {
  if (value.includes("\0")) throw new ConfigError("Invalid SQL literal: text must not contain a NUL character.");
  const doubled = value.replace(/'/g, "''");
  return value.includes("\\") ? `E'${doubled.replace(/\\/g, "\\\\")}'` : `'${doubled}'`;
}

/** Byte length of a name as Postgres counts it (UTF-8). */
export function identifierBytes(name: string): number {
  return Buffer.byteLength(name, "utf8");
}
