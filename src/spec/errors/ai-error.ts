const marker = Symbol.for("prisma-ai.error");

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

  static isInstance(value: unknown): value is AIError {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}

/** Options or configuration are wrong: fix the call or the setup. Never retryable. */
export class ConfigError extends AIError {
  constructor(message: string, options: Omit<AIErrorOptions, "isRetryable"> = {}) {
    super("config", message, options);
  }
}
