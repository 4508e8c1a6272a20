import { createAI } from "../../src/ai/create-ai.js";
import { startLoopbackWorker } from "../support/loopback-worker.js";
import { median, round, time, type Scenario } from "../support/measure.js";

const texts = 10_000;
const batch = 100;
const concurrency = 4;
const latencyMs = 20;

/**
 * `ai.embed` of 10,000 short texts against a server answering each request after 20 ms, with a batch of 100
 * inputs per request (set on an `openai-compatible` provider) and 4 requests in flight. The baseline is the
 * ideal bound `ceil(10000 / batch) * 20 ms / concurrency`; the figure checks that batching and the worker
 * pool leave no idle gaps. Also checks the number of requests is exactly `ceil(10000 / batch)`.
 */
export const embedBatching: Scenario = {
  name: "embed-batching",
  goal: "ratio <= 1.2 (vs ideal bound)",
  async run() {
    const server = await startLoopbackWorker({ kind: "embeddings", dimensions: 8, latencyMs });
    const ai = createAI({ providers: { bench: { driver: "openai-compatible", baseURL: `${server.url}/v1`, maxEmbeddingsPerCall: batch } } });
    const input = Array.from({ length: texts }, (_, index) => `short text number ${index}`);
    const expectedRequests = Math.ceil(texts / batch);
    const ideal = (expectedRequests * latencyMs) / concurrency;
    try {
      await ai.embed({ model: "bench:embed", input, concurrency });
      const times: number[] = [];
      let requests = 0;
      for (let round = 0; round < 5; round++) {
        server.resetCount();
        times.push(await time(() => ai.embed({ model: "bench:embed", input, concurrency })));
        requests = await server.count();
      }
      if (requests !== expectedRequests) throw new Error(`embed-batching: ${requests} requests, expected ${expectedRequests}`);
      const ours = median(times);
      return {
        ours_ms: round(ours),
        baseline_ms: round(ideal),
        ratio: round(ours / ideal),
        requests,
        notes: `${texts} texts, batch ${batch}, concurrency ${concurrency}, ${latencyMs} ms server latency; baseline = ideal bound ceil(${texts}/${batch})*${latencyMs}ms/${concurrency}; median of 5 runs`,
      };
    } finally {
      await server.close();
    }
  },
};
