// docs/search.md
// #region setup
import { PrismaPg } from "@prisma/adapter-pg";
import { createAI, withAI } from "prisma-extension-ai";
import { PrismaClient } from "./generated/prisma/client.js";
import { aiSchema } from "./generated/ai/index.js";

const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) })
  .$extends(withAI({ ai: createAI(), schema: aiSchema }));

const hits = await prisma.article.semanticSearch("ml tutorials", {
  where: { published: true, author: { is: { name: { not: null } } } }, // an ordinary Prisma where
  take: 10,
  skip: 0,
  minSimilarity: 0.3,
  field: "body", // default: every embedded field (each row gets its best similarity)
  mode: "vector", // or "hybrid" (needs `search: hybrid`): full text + vectors, reciprocal rank fusion
  select: { id: true, title: true }, // or include / omit, exactly as findMany
});
// hits: Array<{ id: number; title: string; _similarity: number }>, best first
// #endregion
console.log(hits[0]?.title);

// #region more
await prisma.article.findSimilar(42, { take: 5, where: { published: true } }); // by the row's stored vectors; 42 left out
await prisma.article.generateEmbedding(42); // embed now, bypassing the queue: { embedded: [{ id, field, chunks }], cleared }
await prisma.article.embeddingStatus(); // { total, embedded, pending, failed, stale }
const mixed = await prisma.$semanticSearch("pricing", { models: ["Article", "Product"], take: 10 });
for (const hit of mixed) if (hit._model === "Product") console.log(hit.name, hit._similarity); // typed per model
// #endregion
