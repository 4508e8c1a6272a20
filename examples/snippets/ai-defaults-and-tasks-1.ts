// docs/ai-defaults-and-tasks.md
// #region ai-defaults-and-tasks-1
import { createAI } from "prisma-extension-ai";

const ai = createAI({
  defaults: {
    chat: "openai:gpt-4o-mini",
    embedding: "openai:text-embedding-3-small",
    tasks: { summarize: "anthropic:claude-haiku-4-5", classify: "openai:gpt-4.1-nano" },
  },
});

await ai.chat({ messages: [{ role: "user", content: "Hi" }] }); // openai:gpt-4o-mini
await ai.summarize({ text: "A long text..." }); // anthropic:claude-haiku-4-5 (the task's own default)
await ai.translate({ text: "Bonjour", to: "English" }); // openai:gpt-4o-mini (no translate default: the chat one)
await ai.embed({ input: "a query" }); // openai:text-embedding-3-small
await ai.chat({ model: "google:gemini-2.5-flash", messages: [{ role: "user", content: "Hi" }] }); // an explicit model always wins
// #endregion
