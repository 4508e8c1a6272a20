// docs/troubleshooting.md: one error hierarchy.
import { createAI } from "prisma-extension-ai";

const ai = createAI();
// #region errors
import { AIError, RateLimitError } from "prisma-extension-ai";

try {
  await ai.chat({ model: "openai:gpt-4o-mini", messages: [{ role: "user", content: "Hi" }] });
} catch (error) {
  if (!AIError.isInstance(error)) throw error; // works across duplicated copies of the package
  console.log(error.code, error.isRetryable, error.message); // e.g. "rate_limit", true, "..."
  if (error instanceof RateLimitError) console.log(`the provider asked to wait ${error.retryAfterMs ?? "?"} ms`);
}
// #endregion
