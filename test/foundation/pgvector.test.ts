import { describe, expect, it } from "vitest";
import { createProjectPrisma } from "../support/prisma.js";
import { useTestDatabase } from "../support/test-database.js";

const database = useTestDatabase();

describe("test harness: real PostgreSQL with pgvector", () => {
  it("stores vectors and orders them by cosine distance with <=>", async () => {
    const { pool } = database();
    await pool.query("create table items (id int primary key, embedding vector(3))");
    await pool.query("insert into items values (1, '[1,0,0]'), (2, '[0,1,0]'), (3, '[0.9,0.1,0]')");
    const { rows } = await pool.query<{ id: number; distance: number }>(
      "select id, embedding <=> $1::vector as distance from items order by embedding <=> $1::vector",
      ["[1,0,0]"],
    );
    expect(rows.map((row) => row.id)).toEqual([1, 3, 2]);
    expect(rows[0]!.distance).toBeCloseTo(0, 6);
    expect(rows[2]!.distance).toBeCloseTo(1, 6);
  });

  it("runs pgvector 0.8 or newer (iterative index scans)", async () => {
    const { pool } = database();
    const { rows } = await pool.query<{ extversion: string }>("select extversion from pg_extension where extname = 'vector'");
    const [major, minor] = rows[0]!.extversion.split(".").map(Number);
    expect(major! > 0 || minor! >= 8).toBe(true);
    await pool.query("set hnsw.iterative_scan = relaxed_order");
  });

  it("gives each test file its own database with the project's migrations applied", async () => {
    const { pool, name } = database();
    const { rows } = await pool.query<{ current_database: string }>("select current_database()");
    expect(rows[0]!.current_database).toBe(name);
    const tables = await pool.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public' order by table_name",
    );
    expect(tables.rows.map((row) => row.table_name)).toEqual(expect.arrayContaining(["articles", "products", "users"]));
  });

  it("reads and writes through a real Prisma 7 client over @prisma/adapter-pg", async () => {
    const prisma = createProjectPrisma(database().url);
    try {
      const author = await prisma.user.create({ data: { email: "ada@example.com", name: "Ada" } });
      await prisma.article.create({ data: { title: "Vectors", body: "pgvector stores embeddings", authorId: author.id } });
      const product = await prisma.product.create({ data: { name: "Lamp", description: "A desk lamp", price: "19.90" } });
      const found = await prisma.article.findMany({ include: { author: true } });
      expect(found).toHaveLength(1);
      expect(found[0]!.author?.email).toBe("ada@example.com");
      expect(product.id).toMatch(/^[0-9a-f-]{36}$/);
      const rows = await prisma.$queryRaw<{ n: bigint }[]>`select count(*) as n from articles`;
      expect(Number(rows[0]!.n)).toBe(1);
    } finally {
      await prisma.$disconnect();
    }
  });
});
