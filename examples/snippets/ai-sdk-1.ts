// docs/ai-sdk.md
// #region ai-sdk-1
import { createOpenAI } from "@ai-sdk/openai";
import { createAI } from "prisma-extension-ai";
import { fromAISDK } from "prisma-extension-ai/ai-sdk";

const openai = createOpenAI({ apiKey: process.env.OPENAI_API_KEY });

const ai = createAI({
  providers: {
    // One model of a kind: any model id selects it ("mine:any").
    mine: fromAISDK({ chat: openai.chat("gpt-4o"), embedding: openai.embedding("text-embedding-3-small") }),
    // Several: the model id must be one of the keys ("sdk:fast", "sdk:smart").
    sdk: fromAISDK({ chat: { fast: openai.chat("gpt-4o-mini"), smart: openai.chat("gpt-4o") } }),
  },
  fallbacks: { "mine:any": ["sdk:fast"] },
});

const reply = await ai.chat({ model: "mine:any", messages: [{ role: "user", content: "Hello" }] });
const summary = await ai.summarize({ model: "sdk:smart", text: reply.text });
const vectors = await ai.embed({ model: "mine:any", input: ["a", "b"], dimensions: 512 });
console.log(summary.text, vectors.embeddings.length);
// #endregion
