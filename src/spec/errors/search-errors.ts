import { AIError, hasMarker, type AIErrorOptions } from "./ai-error.js";

// Each class's own marker, so `isInstance` tells the classes apart across duplicated package copies.
const invalidSearchQueryErrorMarker = Symbol.for("prisma-ai.error.InvalidSearchQueryError");
const takeLimitErrorMarker = Symbol.for("prisma-ai.error.TakeLimitError");
const unknownFieldErrorMarker = Symbol.for("prisma-ai.error.UnknownFieldError");
const unsupportedFilterErrorMarker = Symbol.for("prisma-ai.error.UnsupportedFilterError");
const invalidFilterValueErrorMarker = Symbol.for("prisma-ai.error.InvalidFilterValueError");
const noEmbeddingsErrorMarker = Symbol.for("prisma-ai.error.NoEmbeddingsError");
const dimensionMismatchErrorMarker = Symbol.for("prisma-ai.error.DimensionMismatchError");
const recordNotFoundErrorMarker = Symbol.for("prisma-ai.error.RecordNotFoundError");

type SearchErrorOptions = Omit<AIErrorOptions, "isRetryable">;

/** The search text is empty (after trimming) or longer than the configured maximum. */
export class InvalidSearchQueryError extends AIError {
  readonly [invalidSearchQueryErrorMarker] = true;

  /** Whether `value` is an InvalidSearchQueryError (or a subclass), also from another copy of the package: checks its `Symbol.for` marker. */
  static override isInstance(value: unknown): value is InvalidSearchQueryError {
    return hasMarker(value, invalidSearchQueryErrorMarker);
  }

  constructor(message: string, options: SearchErrorOptions = {}) {
    super("invalid_search_query", message, options);
  }
}

/** `take` (or `skip + take`) is beyond the maximum configured with `withAI({ maxTake })`. */
export class TakeLimitError extends AIError {
  readonly [takeLimitErrorMarker] = true;

  /** Whether `value` is a TakeLimitError (or a subclass), also from another copy of the package: checks its `Symbol.for` marker. */
  static override isInstance(value: unknown): value is TakeLimitError {
    return hasMarker(value, takeLimitErrorMarker);
  }

  /** The configured maximum. */
  readonly maxTake: number;

  constructor(message: string, maxTake: number, options: SearchErrorOptions = {}) {
    super("take_limit", message, options);
    this.maxTake = maxTake;
  }
}

/** A field name (in `field`, in a `where` object, or a model name) that the generated metadata does not know. */
export class UnknownFieldError extends AIError {
  readonly [unknownFieldErrorMarker] = true;

  /** Whether `value` is an UnknownFieldError (or a subclass), also from another copy of the package: checks its `Symbol.for` marker. */
  static override isInstance(value: unknown): value is UnknownFieldError {
    return hasMarker(value, unknownFieldErrorMarker);
  }

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
  readonly [unsupportedFilterErrorMarker] = true;

  /** Whether `value` is an UnsupportedFilterError (or a subclass), also from another copy of the package: checks its `Symbol.for` marker. */
  static override isInstance(value: unknown): value is UnsupportedFilterError {
    return hasMarker(value, unsupportedFilterErrorMarker);
  }

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
  readonly [invalidFilterValueErrorMarker] = true;

  /** Whether `value` is an InvalidFilterValueError (or a subclass), also from another copy of the package: checks its `Symbol.for` marker. */
  static override isInstance(value: unknown): value is InvalidFilterValueError {
    return hasMarker(value, invalidFilterValueErrorMarker);
  }

  /** Dotted path of the value inside the `where` object. */
  readonly path: string;

  constructor(message: string, path: string, options: SearchErrorOptions = {}) {
    super("invalid_filter_value", message, options);
    this.path = path;
  }
}

/** The model (or the searched field) has no stored embeddings yet: run the backfill or the worker first. */
export class NoEmbeddingsError extends AIError {
  readonly [noEmbeddingsErrorMarker] = true;

  /** Whether `value` is a NoEmbeddingsError (or a subclass), also from another copy of the package: checks its `Symbol.for` marker. */
  static override isInstance(value: unknown): value is NoEmbeddingsError {
    return hasMarker(value, noEmbeddingsErrorMarker);
  }

  readonly model: string;

  constructor(message: string, model: string, options: SearchErrorOptions = {}) {
    super("no_embeddings", message, options);
    this.model = model;
  }
}

/** The configured embedding model returns vectors of another size than those stored (or declared) for a field. */
export class DimensionMismatchError extends AIError {
  readonly [dimensionMismatchErrorMarker] = true;

  /** Whether `value` is a DimensionMismatchError (or a subclass), also from another copy of the package: checks its `Symbol.for` marker. */
  static override isInstance(value: unknown): value is DimensionMismatchError {
    return hasMarker(value, dimensionMismatchErrorMarker);
  }

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
  readonly [recordNotFoundErrorMarker] = true;

  /** Whether `value` is a RecordNotFoundError (or a subclass), also from another copy of the package: checks its `Symbol.for` marker. */
  static override isInstance(value: unknown): value is RecordNotFoundError {
    return hasMarker(value, recordNotFoundErrorMarker);
  }

  readonly model: string;
  /** The id, as text. */
  readonly id: string;

  constructor(message: string, details: { model: string; id: string }, options: SearchErrorOptions = {}) {
    super("record_not_found", message, options);
    this.model = details.model;
    this.id = details.id;
  }
}
