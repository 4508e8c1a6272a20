// An opt-in, in-process LRU cache of deterministic results: non-streaming chat at temperature 0, and
// embeddings per input text. Bounded by an estimate of the bytes it holds.
import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import type { ChatCallOptions, ChatResult } from "../spec/chat-model.js";
import { ConfigError } from "../spec/errors/index.js";

/** `createAI({ cache })`. */
export interface CacheOptions {
  /** Upper bound of the memory the cache holds (estimated: 8 bytes per vector number, 2 per character). Required. */
  maxBytes: number;
  /** Entries older than this are not used. Default: no expiry (least recently used entries go first). */
  ttlMs?: number;
}

/** What identifies one embedding besides its text. */
export interface EmbeddingKeyParts {
  provider: string;
  modelId: string;
  dimensions: number | undefined;
  inputType: "document" | "query" | undefined;
  providerOptions: unknown;
}

type Entry = { kind: "chat"; result: ChatResult; bytes: number } | { kind: "embedding"; vector: number[]; bytes: number };

/**
 * Keys are `provider`, `model` and a SHA-256 of the normalised request (JSON with sorted keys; the abort signal
 * and per-call headers are left out, so a trace header does not defeat the cache). Results are copied in and
 * out, so callers may mutate what they get.
 */
export class ResponseCache {
  private readonly entries: LRUCache<string, Entry>;

  constructor(options: CacheOptions) {
    if (typeof options !== "object" || options === null || !(Number.isInteger(options.maxBytes) && options.maxBytes > 0)) {
      throw new ConfigError(`cache.maxBytes must be a whole number of bytes > 0, e.g. { maxBytes: 50_000_000 }, got ${String(options?.maxBytes)}.`);
    }
    if (options.ttlMs !== undefined && !(typeof options.ttlMs === "number" && options.ttlMs > 0)) {
      throw new ConfigError(`cache.ttlMs must be a number of milliseconds > 0, got ${String(options.ttlMs)}.`);
    }
    this.entries = new LRUCache<string, Entry>({
      maxSize: options.maxBytes,
      sizeCalculation: (entry) => Math.max(1, entry.bytes),
      ...(options.ttlMs === undefined ? {} : { ttl: options.ttlMs }),
    });
  }

  /** Number of entries held. */
  get size(): number {
    return this.entries.size;
  }

  /** Estimated bytes held. */
  get bytes(): number {
    return this.entries.calculatedSize;
  }

  /** Whether a chat call may be cached: temperature exactly 0 (deterministic enough to reuse). */
  static isCacheableChat(options: ChatCallOptions): boolean {
    return options.temperature === 0;
  }

  /** The key of a chat call. */
  chatKey(provider: string, modelId: string, options: ChatCallOptions): string {
    const { abortSignal: _signal, headers: _headers, ...request } = options;
    return `chat\0${provider}\0${modelId}\0${hashRequest(request)}`;
  }

  /** A copy of the cached chat result under `key`, or `undefined`. */
  getChat(key: string): ChatResult | undefined {
    const entry = this.entries.get(key);
    return entry?.kind === "chat" ? structuredClone(entry.result) : undefined;
  }

  /** Stores a copy of `result` (its size estimated from its JSON). */
  setChat(key: string, result: ChatResult): void {
    const copy = structuredClone(result);
    this.entries.set(key, { kind: "chat", result: copy, bytes: 2 * (key.length + safeLength(copy)) });
  }

  /** The key of one input text of an embedding call. */
  embeddingKey(parts: EmbeddingKeyParts, text: string): string {
    const { provider, modelId, ...request } = parts;
    return `embedding\0${provider}\0${modelId}\0${hashRequest({ ...request, text })}`;
  }

  /** A copy of the cached vector under `key`, or `undefined`. */
  getEmbedding(key: string): number[] | undefined {
    const entry = this.entries.get(key);
    return entry?.kind === "embedding" ? entry.vector.slice() : undefined;
  }

  /** Stores a copy of `vector` (8 bytes per number). */
  setEmbedding(key: string, vector: readonly number[]): void {
    this.entries.set(key, { kind: "embedding", vector: vector.slice(), bytes: 8 * vector.length + 2 * key.length });
  }
}

function safeLength(value: unknown): number {
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return 0;
  }
}

/** SHA-256 (hex) of a value as JSON with object keys sorted, so `{a, b}` and `{b, a}` hash alike. */
export function hashRequest(value: unknown): string {
  return createHash("sha256").update(stableJson(value)).digest("hex");
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item instanceof Uint8Array) return { bytes: Buffer.from(item).toString("base64") };
    if (item === null || typeof item !== "object" || Array.isArray(item)) return item;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(item).sort()) sorted[key] = (item as Record<string, unknown>)[key];
    return sorted;
  });
}
