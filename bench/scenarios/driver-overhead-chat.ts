import { request } from "undici";
import { createAI } from "../../src/router/create-ai.js";
import { startLoopbackWorker } from "../support/loopback-worker.js";
import { compare, round, type Scenario } from "../support/measure.js";

const calls = 2_000;

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
 */
export const driverOverheadChat: Scenario = {
  name: "driver-overhead-chat",
  goal: "ratio <= 1.10",
  async run() {
    const server = await startLoopbackWorker({ kind: "fixed-json", body: reply });
    const apiKey = "sk-bench-0123456789";
    const ai = createAI({ providers: { openai: { apiKey, baseURL: `${server.url}/v1` } } });
    const messages = [{ role: "user" as const, content: "Hi" }];
    const url = `${server.url}/v1/chat/completions`;
    const headers = { authorization: `Bearer ${apiKey}`, "content-type": "application/json", accept: "application/json" };
    try {
      const { ours, baseline } = await compare(
        async () => {
          for (let index = 0; index < calls; index++) {
            const result = await ai.chat({ model: "openai:gpt-4o-mini", messages, temperature: 0 });
            if (result.text.length === 0) throw new Error("empty reply");
          }
        },
        async () => {
          for (let index = 0; index < calls; index++) {
            const response = await request(url, {
              method: "POST",
              headers,
              body: JSON.stringify({ model: "gpt-4o-mini", messages, temperature: 0 }),
            });
            const body = (await response.body.json()) as typeof reply;
            if (body.choices[0]!.message.content.length === 0) throw new Error("empty reply");
          }
        },
        7,
      );
      return {
        ours_ms: round(ours),
        baseline_ms: round(baseline),
        ratio: round(ours / baseline),
        per_call_overhead_us: round(((ours - baseline) / calls) * 1000, 1),
        notes: `${calls} sequential calls; ours = ai.chat (openai driver over the shared undici Agent), baseline = undici request + JSON parse; server in a worker thread; medians of 7 alternating rounds`,
      };
    } finally {
      await server.close();
    }
  },
};
