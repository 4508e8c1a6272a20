import { Agent } from "undici";
import { createAI } from "../../src/ai/create-ai.js";
import { startLoopbackWorker } from "../support/loopback-worker.js";
import { compare, median, round, type Scenario } from "../support/measure.js";

const calls = 2_000;
const rounds = 15;

const reply = {
  id: "chatcmpl-bench",
  object: "chat.completion",
  created: 1741569952,
  model: "gpt-4o-mini-2024-07-18",
  choices: [{ index: 0, message: { role: "assistant", content: "Hello! How can I help you today?", refusal: null, annotations: [] }, logprobs: null, finish_reason: "stop" }],
  usage: { prompt_tokens: 9, completion_tokens: 9, total_tokens: 18, prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } },
  system_fingerprint: "fp_bench",
};

/**
 * 2,000 sequential non-streaming chat calls through `ai.chat` (OpenAI driver: request mapping, zod parsing of
 * the reply, error handling, usage mapping) vs the same request with bare undici `request` + `JSON.parse`.
 * The server runs in a worker thread and answers a fixed Chat Completions body at once.
 *
 * Both sides send the same bytes (same headers in the same order, same body) through an undici `Agent` with the
 * same settings (keep-alive 30 s, no pipelining). The baseline calls `Agent.request({ origin, path })` as our
 * HTTP client does: undici's top-level `request(url)` would add a URL parse and an options copy per call that
 * ours does not pay, flattering us.
 */
export const driverOverheadChat: Scenario = {
  name: "driver-overhead-chat",
  goal: "ratio <= 1.10",
  async run() {
    const server = await startLoopbackWorker({ kind: "fixed-json", body: reply });
    const apiKey = "sk-bench-0123456789";
    const ai = createAI({ providers: { openai: { apiKey, baseURL: `${server.url}/v1` } } });
    const messages = [{ role: "user" as const, content: "Hi" }];
    // The settings of our shared dispatcher (src/http/dispatcher.ts), in an Agent of the baseline's own.
    const agent = new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 600_000, connect: { timeout: 10_000 } });
    const headers = { "content-type": "application/json", accept: "application/json", authorization: `Bearer ${apiKey}` };
    try {
      const measured = await compare(
        async () => {
          for (let index = 0; index < calls; index++) {
            const result = await ai.chat({ model: "openai:gpt-4o-mini", messages, temperature: 0 });
            if (result.text.length === 0) throw new Error("empty reply");
          }
        },
        async () => {
          for (let index = 0; index < calls; index++) {
            const response = await agent.request({
              origin: server.url,
              path: "/v1/chat/completions",
              method: "POST",
              headers,
              body: JSON.stringify({ model: "gpt-4o-mini", messages, temperature: 0 }),
            });
            const body = (await response.body.json()) as typeof reply;
            if (body.choices[0]!.message.content.length === 0) throw new Error("empty reply");
          }
        },
        rounds,
        { warmups: 2, alternateOrder: true },
      );
      const { ours, baseline } = measured;
      // Each round's two sides run back to back, so their ratio is immune to the machine getting slower or faster
      // between rounds (other work on a shared machine): kept beside the ratio of the two medians.
      const roundRatios = measured.oursTimes.map((time, index) => time / measured.baselineTimes[index]!);
      return {
        ours_ms: round(ours),
        baseline_ms: round(baseline),
        ratio: round(ours / baseline),
        median_round_ratio: round(median(roundRatios)),
        per_call_overhead_us: round(((ours - baseline) / calls) * 1000, 1),
        notes: `${calls} sequential calls; ours = ai.chat (openai driver over the shared undici Agent), baseline = undici Agent.request (same Agent settings, same request bytes) + JSON parse; server in a worker thread; 2 warm-ups, then ${rounds} rounds, the side that runs first alternating; ms = medians, ratio = ours_ms / baseline_ms; median_round_ratio = median of the per-round ratios (robust to the machine's load changing between rounds)`,
      };
    } finally {
      await Promise.all([server.close(), agent.close()]);
    }
  },
};
