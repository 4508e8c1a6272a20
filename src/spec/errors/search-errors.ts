import { AIError, type AIErrorOptions } from "./ai-error.js";

type SearchErrorOptions = Omit<AIErrorOptions, "isRetryable">;

/** The search text is empty (after trimming) or longer than the configured maximum. */
export class InvalidSearchQueryError extends AIError {
  constructor(message: string, options: SearchErrorOptions = {}) {
    super("invalid_search_query", message, options);
  }
}

/** `take` (or `skip + take`) is beyond the maximum configured with `withAI({ maxTake })`. */
export class TakeLimitError extends AIError {
  /** The configured maximum. */
  readonly maxTake: number;

  constructor(message: string, maxTake: number, options: SearchErrorOptions = {}) {
    super("take_limit", message, options);
    this.maxTake = maxTake;
  }
}

/** A field name (in `field`, in a `where` object, or a model name) that the generated metadata does not know. */
export class UnknownFieldError extends AIError {
  /** Prisma model name the field was looked up on. */
  readonly model: string;
  /** The unknown name, as given. */
  readonly field: string;

  constructor(message: string, details: { model: string; field: string }, options: SearchErrorOptions = {}) {
    super("unknown_field", message, options);
    this.model = details.model;
    this.field = details.field;
  }
}

/**
 * A `where` filter uses an operator prisma-ai cannot translate to SQL (for example `search`, `has`, JSON path
 * filters or relation filters nested more than one level). Never ignored: the whole query is rejected.
 */
export class UnsupportedFilterError extends AIError {
  /** The operator as written in the `where` object, e.g. `"has"`. */
  readonly operator: string;
  /** Dotted path of the operator inside the `where` object, e.g. `"author.is.tags.has"`. */
  readonly path: string;

  constructor(message: string, details: { operator: string; path: string }, options: SearchErrorOptions = {}) {
    super("unsupported_filter", message, options);
    this.operator = details.operator;
    this.path = details.path;
  }
}

/** A `where` value has the wrong type for its field (e.g. a string for an `Int`, a non-array for `in`). */
export class InvalidFilterValueError extends AIError {
  /** Dotted path of the value inside the `where` object. */
  readonly path: string;

  constructor(message: string, path: string, options: SearchErrorOptions = {}) {
    super("invalid_filter_value", message, options);
    this.path = path;
  }
}

/** The model (or the searched field) has no stored embeddings yet: run the backfill or the worker first. */
export class NoEmbeddingsError extends AIError {
  readonly model: string;

  constructor(message: string, model: string, options: SearchErrorOptions = {}) {
    super("no_embeddings", message, options);
    this.model = model;
  }
}

/** The configured embedding model returns vectors of another size than those stored (or declared) for a field. */
export class DimensionMismatchError extends AIError {
  /** Dimensions the configured model produced (or is declared with). */
  readonly expected: number;
  /** Dimensions found in the database (or returned by the provider). */
  readonly actual: number;

  constructor(message: string, details: { expected: number; actual: number }, options: SearchErrorOptions = {}) {
    super("dimension_mismatch", message, options);
    this.expected = details.expected;
    this.actual = details.actual;
  }
}

/** `findSimilar(id)` or `generateEmbedding(id)` was given an id with no row in the model's table. */
export class RecordNotFoundError extends AIError {
  readonly model: string;
  /** The id, as text. */
  readonly id: string;

  constructor(message: string, details: { model: string; id: string }, options: SearchErrorOptions = {}) {
    super("record_not_found", message, options);
    this.model = details.model;
    this.id = details.id;
  }
}
