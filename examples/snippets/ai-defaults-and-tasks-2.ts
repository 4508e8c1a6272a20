// docs/ai-defaults-and-tasks.md
// #region ai-defaults-and-tasks-2
import { createAI } from "prisma-extension-ai";

const ai = createAI({ defaults: { chat: "openai:gpt-4o-mini" } });

const { label } = await ai.classify({ text: "Great screen, awful battery.", labels: "sentiment" });
// label: "positive" | "negative" | "neutral" | "mixed"  (here "mixed")

const { labels } = await ai.classify({ text: "Banks move their ledgers to the cloud.", labels: "topic", multiple: true });
// labels: e.g. ["finance", "technology"]
// #endregion
console.log(label, labels);
