// docs/local-and-pglite.md
declare const appTablesSql: string;

// #region pglite
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { buildMigrationSql, createAI, withAI } from "prisma-extension-ai";
import { PrismaClient } from "./generated/prisma/client.js";
import { aiSchema } from "./generated/ai/index.js";

const pglite = await PGlite.create({ extensions: { vector } });
await pglite.exec(appTablesSql); // your own tables first (what `prisma migrate` creates)
await pglite.exec(buildMigrationSql(aiSchema, { triggers: false, generatedBy: "my-app" }));
const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) })
  .$extends(withAI({ ai: createAI(), schema: aiSchema, queue: "inline" }));
// #endregion
await prisma.$disconnect();
