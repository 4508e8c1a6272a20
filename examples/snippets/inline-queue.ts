// docs/search.md and docs/local-and-pglite.md: embedding in the writing process, without a worker.
import { PrismaPg } from "@prisma/adapter-pg";
import { createAI } from "prisma-extension-ai";
import { aiSchema } from "./generated/ai/index.js";

const adapter = new PrismaPg({ connectionString: process.env.DATABASE_URL });
const ai = createAI();
// #region inline
import { withAI } from "prisma-extension-ai";
import { PrismaClient } from "./generated/prisma/client.js";

const prisma = new PrismaClient({ adapter }).$extends(withAI({ ai, schema: aiSchema, queue: "inline" }));
await prisma.article.create({ data: { title: "Vectors", body: "pgvector stores embeddings" } });
const { embedded, generated, failures } = await prisma.$ai.drain(); // embedded (and summarized) now
// #endregion
console.log(embedded, generated, failures);
