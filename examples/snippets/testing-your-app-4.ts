// docs/testing-your-app.md
// #region testing-your-app-4
import { expect, it } from "vitest";
import { withAI } from "prisma-extension-ai";
import { fakeAI } from "prisma-extension-ai/testing";
import { runAIWorker } from "prisma-extension-ai/worker";
import { aiSchema } from "./generated/ai/index.js";
import { prisma as base } from "./db.js";

it("finds articles by meaning", async () => {
  const ai = fakeAI();
  const prisma = base.$extends(withAI({ ai, schema: aiSchema }));
  const worker = await runAIWorker({ connectionString: process.env.DATABASE_URL, ai, schema: aiSchema, handleSignals: false });
  try {
    await prisma.article.create({ data: { title: "Fresh egg pasta by hand", body: "Knead flour and eggs into a dough." } });
    await prisma.article.create({ data: { title: "Indexing Postgres tables", body: "A btree index speeds up lookups." } });
    // Wait for the worker (with a generous deadline, not a fixed sleep).
    for (let tries = 0; (await prisma.article.embeddingStatus()).pending > 0; tries++) {
      if (tries > 300) throw new Error("the worker did not embed the articles");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const hits = await prisma.article.semanticSearch("italian pasta dough", { take: 2 });
    expect(hits[0]!.title).toBe("Fresh egg pasta by hand");
  } finally {
    await worker.stop();
  }
});
// #endregion
