import { AIError, hasMarker } from "./ai-error.js";

// Each class's own marker, so `isInstance` tells the classes apart across duplicated package copies.
const budgetExceededErrorMarker = Symbol.for("prisma-ai.error.BudgetExceededError");

/**
 * The spend recorded by `createAI({ budget: { maxUsd } })` has reached its limit, so the router refused to send
 * another request. Raise `maxUsd` (or build a new AI core) to continue. Not retryable.
 */
export class BudgetExceededError extends AIError {
  readonly [budgetExceededErrorMarker] = true;

  /** Whether `value` is a BudgetExceededError (or a subclass), also from another copy of the package: checks its `Symbol.for` marker. */
  static override isInstance(value: unknown): value is BudgetExceededError {
    return hasMarker(value, budgetExceededErrorMarker);
  }

  /** The configured limit, in US dollars. */
  readonly maxUsd: number;
  /** What had been spent when the request was refused, in US dollars. */
  readonly spentUsd: number;

  constructor(details: { maxUsd: number; spentUsd: number; model: string }) {
    super(
      "budget_exceeded",
      `The AI budget of $${details.maxUsd} is used up ($${details.spentUsd.toFixed(6)} spent), so the request to ${details.model} was not sent; raise budget.maxUsd to continue.`,
    );
    this.maxUsd = details.maxUsd;
    this.spentUsd = details.spentUsd;
  }
}
