// A module the snippets import as "./db.js" (docs/ai-sdk.md, docs/testing-your-app.md): the app's Prisma client,
// extended with withAI. Not shown in a page itself.
import { PrismaPg } from "@prisma/adapter-pg";
import { createAI, withAI } from "prisma-extension-ai";
import { PrismaClient } from "./generated/prisma/client.js";
import { aiSchema } from "./generated/ai/index.js";

export const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) }).$extends(
  withAI({ ai: createAI(), schema: aiSchema }),
);
