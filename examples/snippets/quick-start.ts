// README, quick start step 5: extend the Prisma client and search.
// #region client
import { PrismaPg } from "@prisma/adapter-pg";
import { createAI, withAI } from "prisma-extension-ai";
import { PrismaClient } from "./generated/prisma/client.js";
import { aiSchema } from "./generated/ai/index.js";

const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) })
  .$extends(withAI({ ai: createAI(), schema: aiSchema })); // API keys from OPENAI_API_KEY etc.

const hits = await prisma.article.semanticSearch("ml tutorials", { where: { published: true }, take: 10 });
for (const hit of hits) console.log(hit._similarity.toFixed(3), hit.title);
// #endregion
