import { describe, expect, it } from "vitest";
import type { TableMeta } from "../../src/schema/ai-schema.js";
import type { RowFilter } from "../../src/schema/row-filter.js";
import { UnknownFieldError, UnsupportedFilterError } from "../../src/spec/errors/search-errors.js";
import { filterToSql } from "../../src/sql/filter-to-sql.js";
import { SqlParameters } from "../../src/sql/sql-parameters.js";
import { projectAISchema as schema } from "../support/project-ai-schema.js";

// The engine's filter compiled on its own, as any adapter (not only Prisma's) would hand it over.
const compile = (filter: RowFilter | undefined, table: TableMeta = schema.models.Article) => {
  const parameters = new SqlParameters();
  return { sql: filterToSql(filter, { schema, table, alias: "t", parameters }), values: parameters.values };
};

describe("filterToSql", () => {
  it("binds every value with the column's cast and quotes identifiers from the metadata", () => {
    const filter: RowFilter = {
      kind: "and",
      filters: [
        { kind: "compare", field: "title", operator: "=", value: "x' OR 1=1 --", caseInsensitive: true },
        { kind: "in", field: "views", values: [1, 2], negated: true },
        { kind: "or", filters: [{ kind: "isNull", field: "summary" }, { kind: "like", field: "body", position: "startsWith", value: "a%" }] },
      ],
    };
    expect(compile(filter)).toEqual({
      sql: `((lower("t"."title") = lower($1::text)) AND (NOT ("t"."views" = ANY ($2::integer[]))) AND (("t"."summary" IS NULL) OR ("t"."body" LIKE ($3::text || '%'))))`,
      values: ["x' OR 1=1 --", [1, 2], "a%"],
    });
  });

  it("compiles relations one level deep and the empty forms", () => {
    expect(compile(undefined).sql).toBe("TRUE");
    expect(compile({ kind: "and", filters: [] }).sql).toBe("TRUE");
    expect(compile({ kind: "or", filters: [] }).sql).toBe("FALSE");
    expect(compile({ kind: "relation", relation: "author", quantifier: "is", filter: null }).sql).toBe(`"t"."author_id" IS NULL`);
    expect(compile({ kind: "relation", relation: "articles", quantifier: "some", filter: { kind: "and", filters: [] } }, schema.tables.User).sql).toBe(
      `EXISTS (SELECT 1 FROM "public"."articles" AS "r1" WHERE "r1"."author_id" = "t"."id")`,
    );
  });

  it("rejects names the metadata does not know, unsupported columns and nested relations", () => {
    expect(() => compile({ kind: "isNull", field: 'title" OR 1=1 --' })).toThrow(UnknownFieldError);
    expect(() => compile({ kind: "relation", relation: "nope", quantifier: "is", filter: null })).toThrow(UnknownFieldError);
    expect(() => compile({ kind: "like", field: "views", position: "contains", value: "1" })).toThrow(UnsupportedFilterError);
    expect(() => compile({ kind: "relation", relation: "author", quantifier: "some", filter: { kind: "and", filters: [] } })).toThrow(/applies to list relations/);
    const nested: RowFilter = { kind: "relation", relation: "author", quantifier: "is", filter: { kind: "relation", relation: "articles", quantifier: "some", filter: { kind: "and", filters: [] } } };
    expect(() => compile(nested)).toThrow(/one level deep/);
  });
});
