// prisma_ai.generate on real Postgres + Graphile Worker + a loopback chat model: the generated field is written
// from the row's current sources, its own write never enqueues another job, an edit while the model answers
// wins (the older answer is not written), a deleted row is a no-op, and the last failed attempt is recorded.
import type pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../generated/prisma/client.js";
import { type FakeProvider, fakeSummary, queuedJobs, skipBackoff, useJobsHarness, waitFor } from "./job-harness.js";

describe("prisma_ai.generate", () => {
  const harness = useJobsHarness();
  let pool: pg.Pool;
  let prisma: PrismaClient;
  let provider: FakeProvider;
  beforeAll(() => void ({ pool, prisma, provider } = harness));

  const summaryOf = async (id: number) => (await prisma.article.findUniqueOrThrow({ where: { id } })).summary;
  const generateJobs = async () => (await queuedJobs(pool)).filter((job) => job.task === "prisma_ai.generate");

  it("writes the generated field from the row's sources, and its own write enqueues nothing more", async () => {
    await harness.startWorker();
    const article = await prisma.article.create({ data: { title: "Tides", body: "The moon pulls the oceans." } });
    await waitFor(async () => (await summaryOf(article.id)) !== null, "the summary");
    expect(await summaryOf(article.id)).toBe(fakeSummary("Summarize in one sentence: The moon pulls the oceans."));
    expect(provider.chatPrompts).toEqual(["Summarize in one sentence: The moon pulls the oceans."]);
    await waitFor(async () => (await queuedJobs(pool)).length === 0, "the queue to drain");
    // The summary write changed only the generated column: no generate (nor embed) job followed it.
    expect(provider.chatPrompts).toHaveLength(1);

    await prisma.article.update({ where: { id: article.id }, data: { body: "The sun pulls them too." } });
    await waitFor(async () => (await summaryOf(article.id)) === fakeSummary("Summarize in one sentence: The sun pulls them too."), "the new summary");
    // The job wrote the summary before Graphile completed it: wait until it is gone, so what follows sees only new jobs.
    await waitFor(async () => (await queuedJobs(pool)).length === 0, "the queue to drain again");
    // Editing the summary by hand enqueues no generation either.
    await prisma.article.update({ where: { id: article.id }, data: { summary: "hand written" } });
    expect(await generateJobs()).toEqual([]);
    expect(provider.chatPrompts).toHaveLength(2);
  });

  it("an edit of the sources while the model answers wins: the older answer is not written, the newer one is", async () => {
    await harness.startWorker({ concurrency: 2 });
    const gate = provider.gate((inputs) => inputs[0]!.includes("first version"), { chat: true });
    const article = await prisma.article.create({ data: { title: "Draft", body: "first version" } });
    await gate.arrived;
    await prisma.article.update({ where: { id: article.id }, data: { body: "second version" } });
    // The newer job runs on the other slot and writes its summary while the first answer is held.
    await waitFor(async () => (await summaryOf(article.id)) === fakeSummary("Summarize in one sentence: second version"), "the newer summary");
    gate.open();
    await waitFor(async () => (await generateJobs()).length === 0, "the older job to finish");
    expect(await summaryOf(article.id)).toBe(fakeSummary("Summarize in one sentence: second version"));
    expect(provider.chatPrompts.sort()).toEqual(["Summarize in one sentence: first version", "Summarize in one sentence: second version"]);
  });

  it("a deleted row's job does nothing", async () => {
    const article = await prisma.article.create({ data: { title: "Gone", body: "soon deleted" } });
    await prisma.article.delete({ where: { id: article.id } });
    await harness.startWorker();
    await waitFor(async () => (await queuedJobs(pool)).length === 0, "the jobs to complete");
    expect(provider.chatPrompts).toEqual([]);
  });

  it("records the failure on the last attempt and clears it when a later generation succeeds", async () => {
    provider.goDown();
    await harness.startWorker();
    const article = await prisma.article.create({ data: { title: "Down", body: "no model" } });
    await waitFor(async () => {
      await skipBackoff(pool);
      return (await generateJobs()).length === 0;
    }, "the generate job to use up its attempts");
    const { rows } = await pool.query("select model, row_id, field, kind, attempts, error from prisma_ai.failures where kind = 'generate'");
    expect(rows).toEqual([{ model: "Article", row_id: String(article.id), field: "summary", kind: "generate", attempts: 10, error: expect.stringContaining("fake provider is down") }]);
    provider.recover();
    await prisma.article.update({ where: { id: article.id }, data: { body: "model is back" } });
    await waitFor(async () => (await summaryOf(article.id)) !== null, "the summary");
    // The job clears the failure after writing the summary: wait for the job to complete first.
    await waitFor(async () => (await generateJobs()).length === 0, "the generate job to complete");
    expect((await pool.query("select * from prisma_ai.failures where kind = 'generate'")).rows).toEqual([]);
  });
});
