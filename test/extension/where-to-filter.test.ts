import { beforeAll, describe, expect, it } from "vitest";
import { AIError } from "../../src/spec/errors/ai-error.js";
import { InvalidFilterValueError, UnknownFieldError, UnsupportedFilterError } from "../../src/spec/errors/search-errors.js";
import type { TableMeta } from "../../src/schema/ai-schema.js";
import { quoteQualifiedName as qualifiedName } from "../../src/sql/quote.js";
import { SqlParameters } from "../../src/sql/sql-parameters.js";
import { whereToFilter } from "../../src/extension/where-to-filter.js";
import { filterToSql, type FilterToSqlContext } from "../../src/sql/filter-to-sql.js";
import type { Prisma } from "../generated/prisma/client.js";
import { projectAISchema } from "../support/project-ai-schema.js";
import { createProjectPrisma } from "../support/prisma.js";
import { useTestDatabase } from "../support/test-database.js";

const database = useTestDatabase();

/** Prisma `where` -> the engine's filter -> SQL, as a search translates it. */
function whereToSql(where: unknown, context: FilterToSqlContext): string {
  return filterToSql(whereToFilter(where, context.schema, context.table), context);
}
const schema = projectAISchema;

/** Runs the translated where over the table and returns the ids that pass, sorted. */
async function idsBySql(table: TableMeta, where: unknown): Promise<string[]> {
  const parameters = new SqlParameters();
  const condition = whereToSql(where, { schema, table, alias: "t", parameters });
  const { rows } = await database().pool.query<{ id: string }>(
    `SELECT t."id"::text AS id FROM ${qualifiedName(table.dbSchema, table.table)} AS t WHERE ${condition}`,
    [...parameters.values],
  );
  return rows.map((row) => row.id).sort();
}

let prisma: ReturnType<typeof createProjectPrisma>;
let totals: Record<"Article" | "User" | "Product", number>;

beforeAll(async () => {
  prisma = createProjectPrisma(database().url);
  const ada = await prisma.user.create({ data: { email: "ada@example.com", name: "Ada", createdAt: new Date("2024-01-01T10:00:00Z") } });
  const bob = await prisma.user.create({ data: { email: "BOB@Example.com", name: null, createdAt: new Date("2024-03-01T10:00:00Z") } });
  const cy = await prisma.user.create({ data: { email: "cy@other.org", name: "Cy O'Neil", createdAt: new Date("2024-06-01T10:00:00Z") } });
  await prisma.user.create({ data: { email: "dee@other.org", name: "Dee", createdAt: new Date("2024-09-01T10:00:00Z") } }); // no articles
  const articles: Prisma.ArticleCreateManyInput[] = [
    { title: "Intro to Vectors", body: "embeddings and cosine", summary: "vectors", published: true, views: 10, authorId: ada.id, createdAt: new Date("2024-01-05T00:00:00Z") },
    { title: "100% Pure SQL", body: "percent signs % and under_scores", summary: null, published: false, views: 0, authorId: ada.id, createdAt: new Date("2024-02-05T00:00:00Z") },
    { title: "intro to prisma", body: "ORM basics", summary: "orm", published: true, views: 250, authorId: bob.id, createdAt: new Date("2024-03-05T12:30:00Z") },
    { title: "Robert'); DROP TABLE articles;--", body: "little bobby tables", summary: null, published: false, views: 7, authorId: null, createdAt: new Date("2024-04-05T00:00:00Z") },
    { title: "HNSW indexes", body: "graphs of neighbours", summary: "hnsw", published: true, views: 99, authorId: cy.id, createdAt: new Date("2024-05-05T00:00:00Z") },
    { title: "under_score", body: "Underscore matters", summary: "", published: true, views: 1, authorId: cy.id, createdAt: new Date("2024-06-05T00:00:00Z") },
  ];
  await prisma.article.createMany({ data: articles });
  await prisma.product.createMany({
    data: [
      { id: "00000000-0000-4000-8000-000000000001", name: "Lamp", description: "A desk lamp", price: "19.90", inStock: true },
      { id: "00000000-0000-4000-8000-000000000002", name: "lamp shade", description: "Shade for a lamp", price: "5.00", inStock: false },
      { id: "00000000-0000-4000-8000-0000000000ab", name: "Chair", description: "Oak chair", price: "120.50", inStock: true },
      { id: "10000000-0000-4000-8000-000000000000", name: "Desk", description: "A big desk", price: "300.00", inStock: true },
    ],
  });
  totals = { Article: await prisma.article.count(), User: await prisma.user.count(), Product: await prisma.product.count() };
  return async () => {
    await prisma.$disconnect();
  };
});

// Every case is run through Prisma's own findMany and through our SQL: the same ids must pass.
const articleCases: Record<string, Prisma.ArticleWhereInput> = {
  "shorthand value": { published: true },
  "shorthand null": { summary: null },
  "equals": { views: { equals: 7 } },
  "equals null": { authorId: { equals: null } },
  "not value (nullable column)": { summary: { not: "orm" } },
  "not null": { summary: { not: null } },
  "not nested filter": { views: { not: { gt: 50 } } },
  "not nested in": { authorId: { not: { in: [1, 2] } } },
  "in": { views: { in: [0, 1, 99] } },
  "in empty": { views: { in: [] } },
  "notIn": { authorId: { notIn: [1] } },
  "notIn empty": { views: { notIn: [] } },
  "lt": { views: { lt: 10 } },
  "lte": { views: { lte: 10 } },
  "gt": { views: { gt: 10 } },
  "gte and lte range": { views: { gte: 7, lte: 99 } },
  "contains": { title: { contains: "to" } },
  "contains insensitive": { title: { contains: "INTRO", mode: "insensitive" } },
  // Prisma binds the value but keeps `%` and `_` as LIKE wildcards; we give the same rows.
  "contains percent": { title: { contains: "0%" } },
  "contains underscore": { title: { contains: "r_s" } },
  "startsWith": { title: { startsWith: "intro" } },
  "startsWith insensitive": { title: { startsWith: "intro", mode: "insensitive" } },
  "endsWith insensitive": { body: { endsWith: "SCORES", mode: "insensitive" } },
  "equals insensitive": { title: { equals: "hnsw INDEXES", mode: "insensitive" } },
  "in insensitive": { title: { in: ["INTRO TO PRISMA", "under_score"], mode: "insensitive" } },
  "not insensitive": { summary: { not: "ORM", mode: "insensitive" } },
  "string gt": { title: { gt: "I" } },
  "empty string equals": { summary: "" },
  "DateTime gte Date": { createdAt: { gte: new Date("2024-03-05T12:30:00Z") } },
  "DateTime lt ISO string": { createdAt: { lt: "2024-03-05T12:30:00.000Z" } },
  "DateTime equals": { createdAt: new Date("2024-03-05T12:30:00Z") },
  "AND array": { AND: [{ published: true }, { views: { gt: 5 } }] },
  "AND object": { AND: { published: false } },
  "AND empty": { AND: [] },
  "OR": { OR: [{ views: 0 }, { title: { contains: "HNSW" } }] },
  "OR empty": { OR: [] },
  "NOT object": { NOT: { published: true, views: { gt: 50 } } },
  "NOT array": { NOT: [{ published: true }, { views: 7 }] },
  "NOT over nullable": { NOT: { summary: "orm" } },
  "nested combinations": { OR: [{ AND: [{ published: true }, { NOT: { views: { lt: 50 } } }] }, { summary: null, authorId: null }] },
  "undefined keys are ignored": { title: undefined, views: { gt: undefined, lt: 100 } },
  "to-one shorthand": { author: { name: "Ada" } },
  "to-one is": { author: { is: { email: { endsWith: "other.org" } } } },
  "to-one isNot": { author: { isNot: { name: "Ada" } } },
  "to-one null": { author: null },
  "to-one is null": { author: { is: null } },
  "to-one isNot null": { author: { isNot: null } },
  "to-one with nullable field inside": { author: { name: null } },
  "to-one and scalar": { author: { createdAt: { lt: new Date("2024-05-01T00:00:00Z") } }, published: true },
  "relation inside OR": { OR: [{ author: { is: { name: "Cy O'Neil" } } }, { views: { gt: 200 } }] },
  "relation inside NOT": { NOT: { author: { is: { name: "Ada" } } } },
};

const userCases: Record<string, Prisma.UserWhereInput> = {
  "list some": { articles: { some: { published: true } } },
  "list some empty": { articles: { some: {} } },
  "list none": { articles: { none: { published: false } } },
  "list none empty": { articles: { none: {} } },
  "list every": { articles: { every: { published: true } } },
  "list every with nullable": { articles: { every: { summary: { not: null } } } },
  "list some with insensitive": { articles: { some: { title: { contains: "INTRO", mode: "insensitive" } } } },
  "email insensitive equals": { email: { equals: "bob@example.com", mode: "insensitive" } },
  "nullable name not": { name: { not: "Ada" } },
  "name with quote": { name: "Cy O'Neil" },
};

const productCases: Record<string, Prisma.ProductWhereInput> = {
  "uuid equals": { id: "00000000-0000-4000-8000-0000000000ab" },
  "uuid equals upper case": { id: "00000000-0000-4000-8000-0000000000AB" },
  "uuid in": { id: { in: ["00000000-0000-4000-8000-000000000001", "10000000-0000-4000-8000-000000000000"] } },
  "uuid notIn": { id: { notIn: ["00000000-0000-4000-8000-000000000001"] } },
  "uuid gt": { id: { gt: "00000000-0000-4000-8000-000000000002" } },
  "decimal gte string": { price: { gte: "19.9" } },
  "decimal lt number": { price: { lt: 120.5 } },
  "decimal equals": { price: "5" },
  "decimal in": { price: { in: ["5.00", "300"] } },
  "boolean": { inStock: false },
  "boolean not": { inStock: { not: true } },
  "name insensitive": { name: { startsWith: "LAMP", mode: "insensitive" } },
};

describe("whereToSql: the same ids as Prisma's findMany on the same where", () => {
  it.each(Object.entries(articleCases))("Article: %s", async (_name, where) => {
    const expected = (await prisma.article.findMany({ where, select: { id: true } })).map((row) => String(row.id)).sort();
    expect(await idsBySql(schema.models.Article, where)).toEqual(expected);
  });

  it.each(Object.entries(userCases))("User: %s", async (_name, where) => {
    const expected = (await prisma.user.findMany({ where, select: { id: true } })).map((row) => String(row.id)).sort();
    expect(await idsBySql(schema.tables.User, where)).toEqual(expected);
  });

  it.each(Object.entries(productCases))("Product: %s", async (_name, where) => {
    const expected = (await prisma.product.findMany({ where, select: { id: true } })).map((row) => row.id).sort();
    expect(await idsBySql(schema.models.Product, where)).toEqual(expected);
  });

  it("the cases are selective: most keep some rows but not all", async () => {
    let selective = 0;
    let all = 0;
    for (const where of Object.values(articleCases)) {
      const count = await prisma.article.count({ where });
      if (count > 0 && count < totals.Article) selective++;
      all++;
    }
    expect(selective / all).toBeGreaterThan(0.8);
  });
});

describe("whereToSql: values are bound, never SQL text", () => {
  it("puts every value in a parameter with the column's cast", () => {
    const parameters = new SqlParameters();
    const sql = whereToSql(
      { title: "x' OR 1=1 --", views: { in: [1, 2] }, createdAt: { gte: new Date("2024-01-01T00:00:00Z") } },
      { schema, table: schema.models.Article, alias: "t", parameters },
    );
    expect(sql).toBe(`(("t"."title" = $1::text) AND ("t"."views" = ANY ($2::integer[])) AND ("t"."created_at" >= $3::timestamp))`);
    expect(parameters.values).toEqual(["x' OR 1=1 --", [1, 2], "2024-01-01T00:00:00.000Z"]);
  });

  it("casts uuid and decimal parameters", () => {
    const parameters = new SqlParameters();
    const sql = whereToSql({ id: { in: ["00000000-0000-4000-8000-000000000001"] }, price: { lt: "10" } }, { schema, table: schema.models.Product, alias: "p", parameters });
    expect(sql).toBe(`(("p"."id" = ANY ($1::uuid[])) AND ("p"."price" < $2::numeric))`);
  });

  it.each([
    ["quote and comment", "'; DROP TABLE articles; --"],
    ["backslash", "\\'; select pg_sleep(1); --"],
    ["dollar quoting", "$$; drop table articles; $$"],
    ["like wildcards", "%"],
  ])("injection through a value (%s) finds nothing and drops nothing", async (_name, attack) => {
    expect(await idsBySql(schema.models.Article, { title: attack })).toEqual([]);
    expect(await idsBySql(schema.models.Article, { body: { contains: attack } })).toEqual(
      (await prisma.article.findMany({ where: { body: { contains: attack } }, select: { id: true } })).map((row) => String(row.id)).sort(),
    );
    expect(await prisma.article.count()).toBe(totals.Article);
  });

  it("injection through a field name is an unknown field, before any SQL is built", () => {
    const attack = { ['title" = title OR 1=1 --']: "x" };
    expect(() => whereToSql(attack, { schema, table: schema.models.Article, alias: "t", parameters: new SqlParameters() })).toThrow(UnknownFieldError);
    expect(() =>
      whereToSql({ author: { is: { ['"id") OR (1=1']: 1 } } }, { schema, table: schema.models.Article, alias: "t", parameters: new SqlParameters() }),
    ).toThrow(/model User has no field/);
  });

  it("rejects values of the wrong type instead of letting Postgres guess", () => {
    const context = { schema, table: schema.models.Article, alias: "t", parameters: new SqlParameters() };
    expect(() => whereToSql({ views: "1 OR 1=1" }, context)).toThrow(InvalidFilterValueError);
    expect(() => whereToSql({ views: { in: "1,2" } }, context)).toThrow(/must be an array/);
    expect(() => whereToSql({ createdAt: { gt: "not a date" } }, context)).toThrow(/Date or an ISO 8601/);
    expect(() => whereToSql({ id: { in: [1, null] } }, context)).toThrow(/null is not allowed/);
    expect(() => whereToSql({ views: { lt: null } }, context)).toThrow(/null is only allowed/);
    const products = { ...context, table: schema.models.Product };
    expect(() => whereToSql({ id: "1 OR 1=1" }, products)).toThrow(/uuid/);
    expect(() => whereToSql({ price: { gt: "1; drop table products" } }, products)).toThrow(/Decimal/);
  });
});

describe("whereToSql: anything it cannot translate is rejected, naming the operator", () => {
  const context = () => ({ schema, table: schema.models.Article, alias: "t", parameters: new SqlParameters() });
  it.each([
    ["search", { title: { search: "cat & dog" } }, "search"],
    ["has", { title: { has: "x" } }, "has"],
    ["isEmpty", { body: { isEmpty: true } }, "isEmpty"],
    ["nested relation", { author: { is: { articles: { some: {} } } } }, "articles"],
    ["list operator on to-one", { author: { some: {} } }, "some"],
    ["mixed is and fields", { author: { is: { name: "Ada" }, email: "x" } }, "email"],
  ])("%s", (_name, where, operator) => {
    let caught: unknown;
    try {
      whereToSql(where, context());
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UnsupportedFilterError);
    expect(AIError.isInstance(caught)).toBe(true);
    expect((caught as UnsupportedFilterError).operator).toBe(operator);
    expect((caught as Error).message).toContain(`"${operator}"`.replaceAll('"', "")); // names it
  });

  it("a list relation filter needs some/every/none", () => {
    expect(() => whereToSql({ articles: { all: {} } }, { ...context(), table: schema.tables.User })).toThrow(UnsupportedFilterError);
  });

  it("an empty where is TRUE and binds nothing", () => {
    const parameters = new SqlParameters();
    expect(whereToSql({}, { schema, table: schema.models.Article, alias: "t", parameters })).toBe("TRUE");
    expect(whereToSql(undefined, { schema, table: schema.models.Article, alias: "t", parameters })).toBe("TRUE");
    expect(parameters.values).toEqual([]);
  });
});

describe("whereToSql: enum, BigInt, timestamptz and date columns (tables outside the project schema)", () => {
  const events: TableMeta = {
    name: "Event",
    dbSchema: "audit",
    table: "event log",
    fields: {
      id: { name: "id", column: "id", type: "BigInt", kind: "scalar", isList: false, isRequired: true },
      kind: { name: "kind", column: "kind", type: "EventKind", kind: "enum", isList: false, isRequired: true },
      at: { name: "at", column: "at", type: "DateTime", kind: "scalar", isList: false, isRequired: true, nativeType: "Timestamptz" },
      day: { name: "day", column: "day", type: "DateTime", kind: "scalar", isList: false, isRequired: false, nativeType: "Date" },
      score: { name: "score", column: "score", type: "Float", kind: "scalar", isList: false, isRequired: true },
      tags: { name: "tags", column: "tags", type: "String", kind: "scalar", isList: true, isRequired: true },
      payload: { name: "payload", column: "payload", type: "Json", kind: "scalar", isList: false, isRequired: false },
    },
    relations: {},
  };

  beforeAll(async () => {
    const { pool } = database();
    await pool.query(`create schema audit; create type audit."EventKind" as enum ('created', 'deleted')`);
    await pool.query(`create table audit."event log" (id bigint primary key, kind audit."EventKind" not null, at timestamptz not null, day date, score float8 not null, tags text[] not null default '{}', payload jsonb)`);
    await pool.query(`insert into audit."event log" values
      (9007199254740993, 'created', '2024-01-01T10:00:00Z', '2024-01-01', 0.5, '{}', null),
      (2, 'deleted', '2024-01-02T10:00:00+02:00', null, 1.5, '{}', null),
      (3, 'created', '2024-01-03T00:00:00Z', '2024-01-03', -1, '{}', null)`);
  });

  it.each([
    ["bigint beyond 2^53 as BigInt", { id: 9007199254740993n }, ["9007199254740993"]],
    ["bigint in", { id: { in: [2n, 3] } }, ["2", "3"]],
    ["bigint gt", { id: { gt: 2n } }, ["3", "9007199254740993"]],
    ["enum equals", { kind: "deleted" }, ["2"]],
    ["enum in", { kind: { in: ["created"] } }, ["3", "9007199254740993"]],
    ["enum not", { kind: { not: "created" } }, ["2"]],
    ["timestamptz respects the offset", { at: { lt: new Date("2024-01-02T09:00:00Z") } }, ["2", "9007199254740993"]],
    ["date equals", { day: new Date("2024-01-03T00:00:00Z") }, ["3"]],
    ["date null", { day: null }, ["2"]],
    ["float", { score: { gte: 0.5 } }, ["2", "9007199254740993"]],
  ])("%s", async (_name, where, expected) => {
    expect(await idsBySql(events, where)).toEqual([...expected].sort());
  });

  it("rejects list and Json filters by name", () => {
    const context = { schema, table: events, alias: "e", parameters: new SqlParameters() };
    expect(() => whereToSql({ tags: { has: "x" } }, context)).toThrow(UnsupportedFilterError);
    expect(() => whereToSql({ payload: { path: ["a"], equals: 1 } }, context)).toThrow(/Json field payload/);
    expect(() => whereToSql({ id: 1.5 }, context)).toThrow(InvalidFilterValueError);
  });
});
