// docs/testing-your-app.md
// #region testing-your-app-2
import { AIError, type AI, type CreateAIOptions } from "prisma-extension-ai";

/** If OpenAI fails (rate limit, outage), the same call goes to Anthropic. */
export const aiOptions = {
  fallbacks: { "openai:gpt-4o-mini": ["anthropic:claude-haiku-4-5"] },
} satisfies CreateAIOptions;

export const topics = ["cooking", "software", "money"] as const;

/** Tags a text; when every provider fails, files it as "untagged" instead of failing. */
export async function tagText(ai: Pick<AI, "classify">, text: string): Promise<(typeof topics)[number] | "untagged"> {
  try {
    const { label } = await ai.classify({ model: "openai:gpt-4o-mini", text, labels: topics });
    return label;
  } catch (error) {
    if (AIError.isInstance(error) && error.isRetryable) return "untagged";
    throw error;
  }
}
// #endregion
