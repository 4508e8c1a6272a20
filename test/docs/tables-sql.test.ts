// The hand-written SQL that docs/offline-and-migrations.md shows for creating an app's tables without
// `prisma migrate` (examples/snippets/tables.sql) really matches its Prisma schema: applied to an empty database,
// with prisma-ai's SQL after it, every model is written and read back through the Prisma client generated from
// examples/snippets/schema.prisma, relations included.
import { readFileSync } from "node:fs";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildMigrationSql } from "../../src/sql/migration-script.js";
import { aiSchema } from "../../examples/snippets/generated/ai/index.js";
import { PrismaClient } from "../../examples/snippets/generated/prisma/client.js";
import { createTestDatabase } from "../support/test-database.js";

const tablesSql = readFileSync(new URL("../../examples/snippets/tables.sql", import.meta.url), "utf8");

describe("examples/snippets/tables.sql", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let prisma: PrismaClient;
  beforeAll(async () => {
    database = await createTestDatabase({ projectSchema: false });
    prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.drop();
  });

  it("creates the tables the Prisma client and prisma-ai's SQL expect", async () => {
    await database.pool.query(tablesSql);
    // prisma-ai's tables reference the app's (embeddings rows cascade with their source row).
    await database.pool.query(buildMigrationSql(aiSchema, { triggers: false, generatedBy: "docs-test" }));

    const author = await prisma.user.create({ data: { email: "ada@example.com", name: "Ada" } });
    await expect(prisma.user.create({ data: { email: "ada@example.com" } })).rejects.toThrow(/Unique constraint/);
    const article = await prisma.article.create({
      data: { title: "Vectors", body: "pgvector stores embeddings", notes: null, author: { connect: { id: author.id } } },
    });
    expect(article).toMatchObject({ published: false, summary: null, authorId: author.id });
    const product = await prisma.product.create({ data: { name: "Lamp", description: "A desk lamp" } });
    expect(product.id).toMatch(/^[0-9a-f-]{36}$/);

    const loaded = await prisma.user.findUniqueOrThrow({ where: { email: "ada@example.com" }, include: { articles: true } });
    expect(loaded.articles.map((row) => row.title)).toEqual(["Vectors"]);
    // ON DELETE SET NULL, as Prisma's default for an optional relation.
    await prisma.user.delete({ where: { id: author.id } });
    expect((await prisma.article.findUniqueOrThrow({ where: { id: article.id } })).authorId).toBeNull();
    const { rows } = await database.pool.query<{ table: string }>(
      "select table_name as table from information_schema.tables where table_schema = 'prisma_ai' order by 1",
    );
    expect(rows.map((row) => row.table)).toEqual(expect.arrayContaining(["Article_embeddings", "Product_embeddings"]));
  });
});
