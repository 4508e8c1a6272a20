// docs/ai-defaults-and-tasks.md
// #region ai-defaults-and-tasks-3
import { createAI } from "prisma-extension-ai";

const ai = createAI({ defaults: { chat: "openai:gpt-4o-mini" } });

const { object } = await ai.extract({
  text: "Hi, I'm Ada Lovelace from Analytical Engines Ltd.",
  fields: ["name", "company", "email"],
});
// object: { name: "Ada Lovelace", company: "Analytical Engines Ltd", email: null }
// #endregion
console.log(object);
