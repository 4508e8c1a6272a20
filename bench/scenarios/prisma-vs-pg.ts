import { readFileSync } from "node:fs";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../../test/generated/prisma/client.js";
import { freshDatabase } from "../support/database.js";
import { compare, round, type Scenario } from "../support/measure.js";

const queries = 2_000;

/** A pg round trip through Prisma 7 ($queryRaw over @prisma/adapter-pg) vs the same query through bare pg. */
export const prismaVsPg: Scenario = {
  name: "prisma-queryraw-vs-pg",
  goal: "context for later scenarios (no goal)",
  async run() {
    const url = await freshDatabase("prisma_ai_bench_roundtrip");
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    await pool.query(readFileSync("prisma/migrations/0001_init/migration.sql", "utf8"));
    await pool.query("insert into articles (title, body) select 'title ' || i, 'body ' || i from generate_series(1, 100) i");
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 1 }) });
    try {
      const { ours, baseline } = await compare(
        async () => {
          for (let i = 1; i <= queries; i++) await prisma.$queryRaw`select id, title from articles where id = ${(i % 100) + 1}`;
        },
        async () => {
          for (let i = 1; i <= queries; i++) await pool.query("select id, title from articles where id = $1", [(i % 100) + 1]);
        },
        5,
      );
      return {
        ours_ms: round(ours),
        baseline_ms: round(baseline),
        ratio: round(ours / baseline),
        notes: `${queries} sequential point selects on one connection; ours = prisma.$queryRaw, baseline = pg.Pool.query`,
      };
    } finally {
      await prisma.$disconnect();
      await pool.end();
    }
  },
};
