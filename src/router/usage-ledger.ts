// Totals of tokens and spend per provider and model, and the budget check before each request.
import { BudgetExceededError, ConfigError } from "../spec/errors/index.js";
import { costOf, findPrice, type ModelPrice, type PriceTable } from "./prices.js";

/** `createAI({ budget })`: a spending limit for the lifetime of one AI core (in process memory). */
export interface BudgetOptions {
  /** Limit in US dollars. Once the recorded spend reaches it, requests are refused before they are sent. */
  maxUsd: number;
  /** What to do then. `"throw"` (the only mode, and the default): throw a `BudgetExceededError`. */
  onExceed?: "throw";
}

/** Totals for one provider or one model. */
export interface UsageTotals {
  /** Requests sent to the provider (cache hits not included). */
  requests: number;
  /** Results served from the response cache (no request, no cost). */
  cacheHits: number;
  /** Sums of what providers reported; requests without a count add nothing. */
  inputTokens: number;
  outputTokens: number;
  /** Spend in US dollars of the requests with a known cost. */
  costUsd: number;
  /** Requests whose cost is unknown (model not in the price table, or tokens not reported); not in `costUsd`. */
  unpricedRequests: number;
}

/** What `ai.usage()` returns: totals since the AI core was created. */
export interface UsageReport extends UsageTotals {
  /** Keyed by provider name. */
  byProvider: Record<string, UsageTotals>;
  /** Keyed by `"provider:model-id"`. */
  byModel: Record<string, UsageTotals>;
}

/** What one provider and model's calls are recorded with; the price table does not change after construction. */
interface LedgerEntry {
  price: ModelPrice | undefined;
  /** The grand total, the provider's and the model's. */
  totals: readonly UsageTotals[];
}

function emptyTotals(): UsageTotals {
  return { requests: 0, cacheHits: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, unpricedRequests: 0 };
}

/** Records every call's usage and cost; refuses new requests once the budget is spent. */
export class UsageLedger {
  private readonly total = emptyTotals();
  private readonly byProvider = new Map<string, UsageTotals>();
  private readonly byModel = new Map<string, UsageTotals>();
  /** Per provider, per model id: its price and the totals a call adds to (looked up once, not per call). */
  private readonly entries = new Map<string, Map<string, LedgerEntry>>();

  constructor(
    private readonly prices: PriceTable,
    private readonly budget?: BudgetOptions,
  ) {
    if (budget === undefined) return;
    if (typeof budget.maxUsd !== "number" || !Number.isFinite(budget.maxUsd) || budget.maxUsd < 0) {
      throw new ConfigError(`budget.maxUsd must be a number of US dollars >= 0, got ${String(budget.maxUsd)}.`);
    }
    if (budget.onExceed !== undefined && budget.onExceed !== "throw") {
      throw new ConfigError(`budget.onExceed must be "throw", got ${JSON.stringify(budget.onExceed)}.`);
    }
  }

  /** Throws a `BudgetExceededError` when the spend has reached `budget.maxUsd`. Call before each request. */
  checkBudget(provider: string, modelId: string): void {
    if (this.budget !== undefined && this.total.costUsd >= this.budget.maxUsd) {
      throw new BudgetExceededError({ maxUsd: this.budget.maxUsd, spentUsd: this.total.costUsd, model: `${provider}:${modelId}` });
    }
  }

  /** Records one request's usage; returns its cost in US dollars, `undefined` when unknown. */
  record(provider: string, modelId: string, usage: { inputTokens: number | undefined; outputTokens?: number | undefined; cachedInputTokens?: number | undefined }): number | undefined {
    const entry = this.entryFor(provider, modelId);
    const cost = costOf(entry.price, usage);
    for (const totals of entry.totals) {
      totals.requests++;
      totals.inputTokens += usage.inputTokens ?? 0;
      totals.outputTokens += usage.outputTokens ?? 0;
      if (cost === undefined) totals.unpricedRequests++;
      else totals.costUsd += cost;
    }
    return cost;
  }

  /** Records results served from the cache. */
  recordCacheHits(provider: string, modelId: string, count = 1): void {
    for (const totals of this.entryFor(provider, modelId).totals) totals.cacheHits += count;
  }

  /** A copy of the totals. */
  report(): UsageReport {
    const copy = (map: Map<string, UsageTotals>) => Object.fromEntries([...map].map(([key, totals]) => [key, { ...totals }]));
    return { ...this.total, byProvider: copy(this.byProvider), byModel: copy(this.byModel) };
  }

  private entryFor(provider: string, modelId: string): LedgerEntry {
    let models = this.entries.get(provider);
    if (!models) this.entries.set(provider, (models = new Map()));
    let entry = models.get(modelId);
    if (!entry) {
      const modelKey = `${provider}:${modelId}`;
      let providerTotals = this.byProvider.get(provider);
      if (!providerTotals) this.byProvider.set(provider, (providerTotals = emptyTotals()));
      let modelTotals = this.byModel.get(modelKey);
      if (!modelTotals) this.byModel.set(modelKey, (modelTotals = emptyTotals()));
      entry = { price: findPrice(this.prices, provider, modelId), totals: [this.total, providerTotals, modelTotals] };
      models.set(modelId, entry);
    }
    return entry;
  }
}
