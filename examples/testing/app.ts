// A small app built on prisma-extension-ai, as its own code would look: the AI options it runs with, a search
// over its articles, and a tagger with a fallback of its own. test/examples/testing-app.test.ts tests it with
// fakeAI, no API key.
// (Inside this repository the imports are relative; an app imports from "prisma-extension-ai".)
import { AIError, withAI, type AI, type AISchema, type CreateAIOptions } from "../../src/index.js";
import type { PrismaClient } from "../../test/generated/prisma/client.js";
import { projectAISchema } from "../../test/support/project-ai-schema.js";

// The app's schema (the generated `aiSchema` in an app): Article with title + chunked body embedded and a
// generated summary, on OpenAI models, at 256 dimensions (typed as the generated metadata is).
export const appSchema = {
  ...projectAISchema,
  models: Object.fromEntries(
    Object.entries(projectAISchema.models).map(([name, model]) => [name, { ...model, embedded: model.embedded.map((field) => ({ ...field, dimensions: 256 })) }]),
  ),
} satisfies AISchema as unknown as typeof projectAISchema;

/** The app's Prisma client: its base client extended with withAI. */
export function createAppClient(base: PrismaClient, ai: Pick<AI, "embed" | "chat">, queue: "worker" | "inline" = "worker") {
  return base.$extends(withAI({ ai, schema: appSchema, queue }));
}
export type AppClient = ReturnType<typeof createAppClient>;

/** The app's AI options: if OpenAI fails (rate limit, outage), the same call goes to Anthropic. */
export const aiOptions = {
  fallbacks: { "openai:gpt-4o-mini": ["anthropic:claude-haiku-4-5"] },
} satisfies CreateAIOptions;

/** The app's search: the five best article titles for a query. */
export async function searchArticles(prisma: AppClient, query: string): Promise<string[]> {
  const hits = await prisma.article.semanticSearch(query, { take: 5, select: { id: true, title: true } });
  return hits.map((hit) => hit.title);
}

export const topics = ["cooking", "software", "money"] as const;

/** Tags a text with a topic; when every AI provider fails, the app files it as "untagged" instead of failing. */
export async function tagText(ai: Pick<AI, "classify">, text: string): Promise<(typeof topics)[number] | "untagged"> {
  try {
    const { label } = await ai.classify({ model: "openai:gpt-4o-mini", text, labels: topics });
    return label;
  } catch (error) {
    if (AIError.isInstance(error) && error.isRetryable) return "untagged";
    throw error;
  }
}
