const marker = Symbol.for("prisma-ai.error");
const configErrorMarker = Symbol.for("prisma-ai.error.ConfigError");

/**
 * Whether `value` carries the `Symbol.for` marker `symbol`. Each error class has its own marker (set by its
 * field initialiser, so an instance carries the markers of its class and of every parent), which makes
 * `isInstance` work across duplicated package copies and tell sibling classes apart. @internal
 */
export function hasMarker(value: unknown, symbol: symbol): boolean {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[symbol] === true;
}

/** Options every prisma-ai error accepts. */
export interface AIErrorOptions {
  /** The error that caused this one, kept for debugging. */
  cause?: unknown;
  /** Whether repeating the same call may succeed (network blips, 429, 5xx). Default: false. */
  isRetryable?: boolean;
}

/**
 * Base class of every error prisma-ai throws. `code` is stable across versions; `isInstance` works even when
 * two copies of the package are loaded (it checks a `Symbol.for` marker, not the prototype chain).
 */
export class AIError extends Error {
  readonly [marker] = true;
  /** Stable machine-readable identifier, e.g. `"rate_limit"`. */
  readonly code: string;
  /** Whether repeating the same call may succeed. */
  readonly isRetryable: boolean;

  constructor(code: string, message: string, options: AIErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.isRetryable = options.isRetryable ?? false;
  }

  /** Whether `value` is an error of this package (any class), also from another copy of the package. */
  static isInstance(value: unknown): value is AIError {
    return hasMarker(value, marker);
  }
}

/** Options or configuration are wrong: fix the call or the setup. Never retryable. */
export class ConfigError extends AIError {
  readonly [configErrorMarker] = true;

  /** Whether `value` is a ConfigError, also from another copy of the package: checks its `Symbol.for` marker. */
  static override isInstance(value: unknown): value is ConfigError {
    return hasMarker(value, configErrorMarker);
  }

  constructor(message: string, options: Omit<AIErrorOptions, "isRetryable"> = {}) {
    super("config", message, options);
  }
}
