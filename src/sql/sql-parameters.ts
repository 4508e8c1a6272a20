// Bound parameters of the search SQL: every value becomes a numbered `$n` placeholder, never SQL text
// (identifiers are quoted with ./quote.ts and only ever come from the generated metadata).

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
