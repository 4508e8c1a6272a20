import { AIError, type AIErrorOptions } from "./ai-error.js";

/**
 * The background worker cannot go on by itself (its job loop stalled and restarting it did not help, or Graphile
 * Worker cannot be started again): the process should exit non-zero so its supervisor starts a fresh one.
 */
export class WorkerError extends AIError {
  constructor(message: string, options: Omit<AIErrorOptions, "isRetryable"> = {}) {
    super("worker", message, options);
  }
}
