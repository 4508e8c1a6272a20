// SearchEngine over a scripted SqlExecutor: which statements a search sends (no database needed).
import { describe, expect, it } from "vitest";
import { resolveOptions } from "../../src/extension/options.js";
import { SearchEngine } from "../../src/engine/search-engine.js";
import { ConfigError } from "../../src/spec/errors/index.js";
import type { SqlExecutor } from "../../src/sql/sql-executor.js";
import type { SqlStatement } from "../../src/sql/sql-parameters.js";
import { projectAISchema as schema } from "../support/project-ai-schema.js";

/** An engine whose statements are answered by `hits` (the search) and recorded by kind. */
function scripted(options: { hits: () => Array<Record<string, unknown>>; beforeCheck?: () => Promise<void>; storedDimensions?: () => number | null }) {
  let resolveEmbedCalled!: () => void;
  const embedCalled = new Promise<void>((resolve) => (resolveEmbedCalled = resolve));
  const ai = {
    embed: async ({ dimensions }: { dimensions: number }) => {
      resolveEmbedCalled();
      return { embeddings: [Array.from({ length: dimensions }, (_, index) => (index === 0 ? 1 : 0))] };
    },
    chat: async () => {
      throw new Error("no chat here");
    },
  };
  const sent: Array<{ kind: "check" | "search" | "explain" | "other"; values: readonly unknown[] }> = [];
  const database: SqlExecutor = {
    async query<Row>(statement: SqlStatement): Promise<Row[]> {
      if (statement.text.includes("vector_dims")) {
        sent.push({ kind: "check", values: statement.values });
        await options.beforeCheck?.();
        const dimensions = options.storedDimensions?.() ?? null; // default: no stored vectors yet
        const embeddingModel = dimensions === null ? null : "openai:text-embedding-ada-002";
        return (statement.values[0] as string[]).map((field) => ({ field, embedding_model: embeddingModel, dimensions, row_security: false })) as Row[];
      }
      if (statement.text.startsWith("WITH prisma_ai_settings")) {
        sent.push({ kind: "search", values: statement.values });
        return options.hits() as Row[];
      }
      if (statement.text.startsWith("SELECT 1 FROM")) {
        sent.push({ kind: "explain", values: statement.values });
        return [{ "?column?": 1 }] as Row[];
      }
      sent.push({ kind: "other", values: statement.values });
      return [];
    },
    transaction: async () => {
      throw new Error("not used by search");
    },
  };
  const engine = new SearchEngine(resolveOptions({ ai: ai as never, schema }));
  return { engine, database, sent, embedCalled };
}

describe("SearchEngine.search", () => {
  it("checks stored vectors once per field, remembers fields with none, and checks those again after an empty result", async () => {
    let hits: Array<Record<string, unknown>> = [{ id: "1", similarity: 0.9, match: null, score: 0.9 }];
    const { engine, database, sent } = scripted({ hits: () => hits });
    await engine.search(database, "Article", "piano", { field: "title" });
    await engine.search(database, "Article", "piano", { field: "title" });
    expect(sent.map((statement) => statement.kind)).toEqual(["check", "search", "search"]);
    // Only the field not checked yet is sent.
    await engine.search(database, "Article", "piano");
    expect(sent.filter((statement) => statement.kind === "check").map((statement) => statement.values[0])).toEqual([["title"], ["body"]]);
    sent.length = 0;
    hits = [];
    expect(await engine.search(database, "Article", "piano", { field: "title" })).toEqual([]);
    await engine.search(database, "Article", "piano", { field: "title" });
    expect(sent.map((statement) => statement.kind)).toEqual(["search", "explain", "check", "search", "explain"]);
  });

  it("checks a field found empty again when the search fails on dimensions, to name the model that made them", async () => {
    let stored: number | null = null;
    const { engine, database, sent } = scripted({
      hits: () => {
        if (stored !== null) throw new Error(`expected 4 dimensions, not ${stored}`);
        return [{ id: "1", similarity: 0.9, match: null, score: 0.9 }];
      },
      storedDimensions: () => stored,
    });
    await engine.search(database, "Article", "piano", { field: "title" });
    stored = 3; // vectors of another model written since
    const error = await engine.search(database, "Article", "piano", { field: "title" }).catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(/Article\.title is configured with .* at 4 dimensions, but its stored vectors have 3 \(made by openai:text-embedding-ada-002\)/);
    expect(sent.map((statement) => statement.kind)).toEqual(["check", "search", "search", "check"]);
  });

  it("embeds the query while the stored vectors are checked", async () => {
    // The check answers only once the query embedding has been asked for: run one after the other, this would hang.
    const state: { embedCalled?: Promise<void> } = {};
    const { engine, database, embedCalled } = scripted({ hits: () => [], beforeCheck: () => state.embedCalled! });
    state.embedCalled = embedCalled;
    expect(await engine.search(database, "Article", "piano")).toEqual([]);
  });

  it("rejects an invalid searchQuality before embedding or querying anything", async () => {
    const { engine, database, sent } = scripted({ hits: () => [] });
    await expect(engine.search(database, "Article", "piano", { searchQuality: 5000 })).rejects.toThrow(ConfigError);
    await expect(engine.search(database, "Article", "piano", { searchQuality: "best" as never })).rejects.toThrow(/^semanticSearch: searchQuality must be/);
    await expect(engine.similar(database, "Article", 1, { searchQuality: 0 })).rejects.toThrow(/^findSimilar: searchQuality as a number/);
    expect(sent).toEqual([]);
  });
});
