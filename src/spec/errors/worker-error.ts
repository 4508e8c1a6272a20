import { AIError, hasMarker, type AIErrorOptions } from "./ai-error.js";

// The class's own marker, so `isInstance` tells it apart from the other errors across duplicated package copies.
const workerErrorMarker = Symbol.for("prisma-ai.error.WorkerError");

/**
 * The background worker cannot go on by itself (its job loop stalled and restarting it did not help, or Graphile
 * Worker cannot be started again): the process should exit non-zero so its supervisor starts a fresh one.
 */
export class WorkerError extends AIError {
  readonly [workerErrorMarker] = true;

  /** Whether `value` is a WorkerError, also from another copy of the package: checks its `Symbol.for` marker. */
  static override isInstance(value: unknown): value is WorkerError {
    return hasMarker(value, workerErrorMarker);
  }

  constructor(message: string, options: Omit<AIErrorOptions, "isRetryable"> = {}) {
    super("worker", message, options);
  }
}
