import { readFileSync } from "node:fs";
import { createAI } from "../../src/ai/create-ai.js";
import { compare, round, type Scenario } from "../support/measure.js";

const articles = 100;
const rounds = 3;

/**
 * The `local` provider (Universal Sentence Encoder lite, TensorFlow.js on WASM, in this process) on the blog
 * demo's workload: the title and the body of 100 articles (200 texts), through `ai.embed` with the provider's
 * default batching (16 texts / ~1,024 estimated tokens per call) vs one call per text. The model is loaded before
 * timing. The ratio is ours / baseline (below 1: batching is faster); texts per second of both are in the notes.
 * This model's per-call overhead is small, so the point is that the default batching costs nothing (calls of
 * 100+ texts would: about 30% slower per text).
 */
export const localEmbedThroughput: Scenario = {
  name: "local-embed-throughput",
  goal: "ratio <= 1.1 (batching never slower)",
  async run() {
    const seed = JSON.parse(readFileSync(new URL("../../examples/blog/articles.json", import.meta.url), "utf8")) as { articles: Array<{ title: string; body: string }> };
    const input = seed.articles.slice(0, articles).flatMap((article) => [article.title, article.body]);
    const texts = input.length;
    const ai = createAI();
    const model = "local:use-lite";
    await ai.embed({ model, input: "warm-up: load the model" });
    let calls = 0;
    const { ours, baseline } = await compare(
      async () => {
        calls = (await ai.embed({ model, input })).calls;
      },
      async () => {
        for (const text of input) await ai.embed({ model, input: text });
      },
      rounds,
    );
    const perSecond = (ms: number) => Math.round((texts / ms) * 1000);
    return {
      ours_ms: round(ours),
      baseline_ms: round(baseline),
      ratio: round(ours / baseline),
      ours_texts_per_s: perSecond(ours),
      baseline_texts_per_s: perSecond(baseline),
      notes:
        `${texts} texts (title and body of ${articles} demo articles), local:use-lite in process: batched ${perSecond(ours)} texts/s (${calls} calls), ` +
        `one at a time ${perSecond(baseline)} texts/s (${texts} calls), ${round(baseline / ours, 1)}x; median of ${rounds} alternating runs after a warm-up`,
    };
  },
};
