// docs/porting-to-another-orm.md: the condensed form of examples/porting/pg-adapter.ts (the engine is internal, so
// these imports are the repository's own paths).
import type pg from "pg";
import { poolExecutor } from "../../src/engine/pg-executor.js";
import { SearchEngine, idFromText, type SearchRequest } from "../../src/engine/search-engine.js";
import type { AI } from "../../src/ai/create-ai.js";
import type { AISchema } from "../../src/schema/ai-schema.js";
import { quoteIdentifier, quoteQualifiedName } from "../../src/sql/quote.js";
// #region porting-to-another-orm-2
export function createPgSearch(options: { pool: pg.Pool; ai: Pick<AI, "embed" | "chat">; schema: AISchema }) {
  const database = poolExecutor(options.pool);                                    // 1. the SQL executor
  const engine = new SearchEngine({ ai: options.ai, schema: options.schema, maxTake: 100, maxQueryLength: 4_000, cacheBytes: 16 * 1024 * 1024, searchQuality: "balanced" });
  return {
    async semanticSearch(modelName: string, query: string, request: SearchRequest = {}) {
      const hits = await engine.search(database, modelName, query, request);      // 2. request.filter: a RowFilter
      if (hits.length === 0) return [];
      const model = engine.embeddedModel(modelName);                              // 3. the row loader
      const ids = hits.map((hit) => idFromText(model, hit.id));
      const { rows } = await options.pool.query<Record<string, unknown>>(
        `SELECT * FROM ${quoteQualifiedName(model.dbSchema, model.table)} WHERE ${quoteIdentifier(model.id.column)}::text = ANY ($1::text[])`,
        [ids.map(String)],
      );
      const byId = new Map(rows.map((row) => [String(row[model.id.column]), row]));
      return hits.flatMap((hit) => {                                              // 4. results in hit order
        const row = byId.get(hit.id);
        return row ? [{ ...row, _similarity: hit.similarity, _match: hit.match }] : [];
      });
    },
  };
}
// #endregion
