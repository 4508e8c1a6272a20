// docs/ai-sdk.md
// #region ai-sdk-2
import { createOpenAI } from "@ai-sdk/openai";
import { generateText, stepCountIs } from "ai";
import { aiSdkTools } from "prisma-extension-ai/ai-sdk";
import { prisma } from "./db.js"; // a client extended with withAI(...)

const openai = createOpenAI({ apiKey: process.env.OPENAI_API_KEY });

const result = await generateText({
  model: openai("gpt-4o"),
  tools: aiSdkTools(
    {
      article: { model: prisma.article, description: "blog articles", select: { id: true, title: true, summary: true }, where: { published: true } },
    },
    { defaultTake: 5, maxTake: 20 },
  ),
  stopWhen: stepCountIs(3),
  prompt: "Which of our articles explain how to make pasta?",
});
console.log(result.text);
// #endregion
