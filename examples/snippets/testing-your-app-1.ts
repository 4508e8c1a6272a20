// docs/testing-your-app.md
// #region testing-your-app-1
import { createAI } from "prisma-extension-ai";
import { fakeAI } from "prisma-extension-ai/testing";

const recording = process.env.RECORD_AI === "1";
export const ai = fakeAI({
  recordings: recording
    ? { path: "test/fixtures/ai-recordings.json", mode: "record", from: createAI({ providers: { openai: { apiKey: process.env.OPENAI_API_KEY } } }) }
    : { path: "test/fixtures/ai-recordings.json" },
});
// #endregion
