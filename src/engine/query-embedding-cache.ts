// Query embeddings, cached in memory (LRU bounded by bytes) so a repeated search does not call the provider.
// Key: embedding model, dimensions and a SHA-256 of the text (the text itself is not kept). Concurrent misses
// for the same key share one provider call.
import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import type { AI } from "../ai/create-ai.js";

/** Counters, for tests and monitoring. */
export interface QueryEmbeddingCacheStats {
  hits: number;
  misses: number;
  /** Entries held now. */
  size: number;
  /** Approximate bytes held now. */
  bytes: number;
}

/** The cache; `maxBytes` 0 disables it (every call embeds). */
export class QueryEmbeddingCache {
  private readonly cache: LRUCache<string, readonly number[]> | undefined;
  private readonly inFlight = new Map<string, Promise<readonly number[]>>();
  private hits = 0;
  private misses = 0;

  constructor(
    private readonly ai: Pick<AI, "embed">,
    maxBytes: number,
  ) {
    this.cache =
      maxBytes > 0 ? new LRUCache<string, readonly number[]>({ maxSize: maxBytes, sizeCalculation: (vector, key) => vector.length * 8 + key.length * 2 + 64 }) : undefined;
  }

  /** The embedding of `text` (a search query) with `model` at `dimensions`; frozen (shared by later calls). */
  async embed(model: string, dimensions: number, text: string): Promise<readonly number[]> {
    const key = `${model}\u0000${dimensions}\u0000${createHash("sha256").update(text, "utf8").digest("base64")}`;
    const cached = this.cache?.get(key);
    if (cached) {
      this.hits++;
      return cached;
    }
    const running = this.inFlight.get(key);
    if (running) return running;
    this.misses++;
    const call = this.ai
      .embed({ model, input: text, dimensions, inputType: "query" })
      .then((response) => {
        const returned = response.embeddings[0];
        if (!returned) throw new TypeError(`ai.embed returned no vector for the query (${model}).`);
        // A frozen copy: shared by every search with this text, and its SQL literal can be cached (vectorLiteral).
        const vector: readonly number[] = Object.freeze([...returned]);
        this.cache?.set(key, vector);
        return vector;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, call);
    return call;
  }

  stats(): QueryEmbeddingCacheStats {
    return { hits: this.hits, misses: this.misses, size: this.cache?.size ?? 0, bytes: this.cache?.calculatedSize ?? 0 };
  }

  clear(): void {
    this.cache?.clear();
  }
}
