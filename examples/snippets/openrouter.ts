// docs/providers.md: OpenRouter.
// #region openrouter
import { createAI } from "prisma-extension-ai";

const ai = createAI({ providers: { openrouter: { appUrl: "https://example.com", appName: "Example" } } });

const reply = await ai.chat({
  model: "openrouter:anthropic/claude-sonnet-4.5",
  messages: [{ role: "user", content: "Hi" }],
  providerOptions: {
    openrouter: {
      provider: { order: ["anthropic", "amazon-bedrock"], allowFallbacks: false, dataCollection: "deny" },
      models: ["openai/gpt-4o-mini"],
      reasoning: { effort: "low" },
    },
  },
});
// #endregion
console.log(reply.text);
