// A second adapter, over plain node-postgres: semantic search with the engine, rows loaded with SQL. It is the
// skeleton docs/porting-to-another-orm.md describes; a Drizzle or Kysely adapter has the same four parts and
// differs in where its filter comes from and how it loads rows. `npm run typecheck` compiles this file.
import type pg from "pg";
import { poolExecutor } from "../../src/engine/pg-executor.js";
import { SearchEngine, idFromText, type SearchRequest } from "../../src/engine/search-engine.js";
import type { AI } from "../../src/ai/create-ai.js";
import type { AISchema } from "../../src/schema/ai-schema.js";
import { quoteIdentifier, quoteQualifiedName } from "../../src/sql/quote.js";

export function createPgSearch(options: { pool: pg.Pool; ai: Pick<AI, "embed" | "chat">; schema: AISchema }) {
  // 1. The SQL executor: where the engine's statements run.
  const database = poolExecutor(options.pool);
  const engine = new SearchEngine({ ai: options.ai, schema: options.schema, maxTake: 100, maxQueryLength: 4_000, cacheBytes: 16 * 1024 * 1024, searchQuality: "balanced" });

  return {
    /** 2. The filter: `request.filter` is the engine's RowFilter as it is (an ORM adapter translates its own `where`). */
    async semanticSearch(modelName: string, query: string, request: SearchRequest = {}) {
      const hits = await engine.search(database, modelName, query, request);
      if (hits.length === 0) return [];
      // 3. The row loader: one query for the hits' rows, by id.
      const model = engine.embeddedModel(modelName);
      const ids = hits.map((hit) => idFromText(model, hit.id));
      const { rows } = await options.pool.query<Record<string, unknown>>(
        `SELECT * FROM ${quoteQualifiedName(model.dbSchema, model.table)} WHERE ${quoteIdentifier(model.id.column)}::text = ANY ($1::text[])`,
        [ids.map(String)],
      );
      // 4. Results back in hit order, with the similarity (and the best chunk of a chunked field).
      const byId = new Map(rows.map((row) => [String(row[model.id.column]), row]));
      return hits.flatMap((hit) => {
        const row = byId.get(hit.id);
        return row ? [{ ...row, _similarity: hit.similarity, _match: hit.match }] : [];
      });
    },
  };
}
