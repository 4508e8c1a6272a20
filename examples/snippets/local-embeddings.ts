// docs/local-and-pglite.md
// #region local
import { createAI } from "prisma-extension-ai";

const ai = createAI(); // no settings needed
const { embeddings, usage } = await ai.embed({
  model: "local:use-lite",
  input: ["machine learning tutorials", "deep learning course for beginners"],
});
// two 512-number vectors (cosine 0.75 between these two, 0.22 against "chocolate cake recipe");
// usage.inputTokens counts word pieces
// #endregion
console.log(embeddings.length, usage.inputTokens);
