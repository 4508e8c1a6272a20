// docs/ai-core-and-providers.md: OpenAI-compatible servers and custom drivers.
// #region compatible
import { createAI } from "prisma-extension-ai";

const ai = createAI({
  providers: {
    vllm: { driver: "openai-compatible", baseURL: "http://127.0.0.1:8000/v1" },
    together: { driver: "openai-compatible", baseURL: "https://api.together.xyz/v1", apiKey: process.env.TOGETHER_API_KEY },
  },
});
await ai.chat({ model: "vllm:meta-llama/Llama-3.1-8B-Instruct", messages: [{ role: "user", content: "Hi" }] });
// #endregion

// #region extend
ai.extend("echo", (_settings, { name }) => ({
  name,
  chatModel: (modelId) => ({
    provider: name,
    modelId,
    capabilities: { streaming: false, tools: false, structuredOutput: "none", imageInput: false },
    doGenerate: async ({ messages }) => ({
      text: JSON.stringify(messages.at(-1)),
      toolCalls: [],
      finishReason: "stop",
      usage: { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, totalTokens: 0 },
      raw: null,
      response: {},
      warnings: [],
    }),
    doStream: async () => {
      throw new Error("not streaming");
    },
  }),
}));
const echoed = await ai.chat({ model: "echo:any", messages: [{ role: "user", content: "ping" }] });
// #endregion
console.log(echoed.text);
