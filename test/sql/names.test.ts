import type pg from "pg";
import { describe, expect, it } from "vitest";
import { embeddingsTableName, enqueueFunctionName, fitIdentifier, quoteIdentifier, quoteLiteral, vectorIndexName } from "../../src/sql/index.js";
import { useTestDatabase } from "../support/test-database.js";

describe("object names", () => {
  it("names embeddings tables after the table, prefixed by the schema outside public", () => {
    expect(embeddingsTableName("public", "articles")).toBe("articles_embeddings");
    expect(embeddingsTableName("content", "docs")).toBe("content_docs_embeddings");
    expect(enqueueFunctionName({ dbSchema: "content", table: "docs" })).toBe("content_docs_enqueue");
    expect(vectorIndexName({ embeddingsTable: "articles_embeddings" }, { field: "body", index: "hnsw" })).toBe("articles_embeddings_body_hnsw");
  });

  it("fits long names into 63 bytes, keeping two long names apart", () => {
    const long = `${"a".repeat(60)}_first`;
    const other = `${"a".repeat(60)}_second`;
    expect(fitIdentifier("short")).toBe("short");
    expect(Buffer.byteLength(fitIdentifier(long))).toBeLessThanOrEqual(63);
    expect(fitIdentifier(long)).not.toBe(fitIdentifier(other));
    const multibyte = fitIdentifier("é".repeat(40));
    expect(Buffer.byteLength(multibyte)).toBeLessThanOrEqual(63);
    expect(multibyte.startsWith("é")).toBe(true);
  });
});

describe("quoting, checked by Postgres", () => {
  const database = useTestDatabase({ projectSchema: false });

  it("round-trips awkward identifiers and literals", async () => {
    const client: pg.Pool = database().pool;
    for (const text of [`it's`, `a"b`, `back\\slash`, `new\nline`, `ünï'cødé\\"`]) {
      const { rows } = await client.query(`select ${quoteLiteral(text)} as value`);
      expect(rows[0].value).toBe(text);
      await client.query(`create temporary table ${quoteIdentifier(text)} (id int)`);
      const found = await client.query("select relname from pg_class where relname = $1", [text]);
      expect(found.rows).toEqual([{ relname: text }]);
    }
  });

  it("refuses empty identifiers and NUL characters", () => {
    expect(() => quoteIdentifier("")).toThrow("Invalid SQL identifier");
    expect(() => quoteIdentifier("a\0b")).toThrow("Invalid SQL identifier");
    expect(() => quoteLiteral("a\0b")).toThrow("must not contain a NUL character");
  });
});
