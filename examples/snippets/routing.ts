// docs/routing.md
// #region routing
import { createAI } from "prisma-extension-ai";

const ai = createAI({
  providers: { openai: {}, anthropic: {}, groq: {} }, // API keys from the environment
  fallbacks: { "openai:gpt-4o-mini": ["anthropic:claude-haiku-4-5", "groq:llama-3.1-8b-instant"] },
  limits: {
    openai: { requestsPerMinute: 500, tokensPerMinute: 200_000 }, // per provider...
    "openai:gpt-4o-mini": { maxConcurrency: 8 }, // ...and per model: both apply
  },
  cache: { maxBytes: 50_000_000 }, // temperature-0 chat and embeddings
  prices: { "openai:gpt-4o-mini-2024-07-18": { input: 0.15, output: 0.6 } }, // USD per 1M tokens
  budget: { maxUsd: 5, onExceed: "throw" },
});

const reply = await ai.chat({ model: "openai:gpt-4o-mini", messages: [{ role: "user", content: "Name three primes." }], temperature: 0 });
console.log(reply.provider, reply.model); // who answered: "anthropic", "claude-haiku-4-5" if OpenAI was down
console.log(reply.failedAttempts); // [{ provider: "openai", model: "gpt-4o-mini", error: RateLimitError }]
console.log(reply.cached); // true when served from the cache (no request, costUsd 0)
console.log(reply.costUsd); // e.g. 0.000021; undefined when the price or the token counts are unknown
console.log(ai.usage()); // { requests, cacheHits, inputTokens, outputTokens, costUsd, unpricedRequests, byProvider, byModel }
// #endregion
