// docs/ai-core-and-providers.md
import { z } from "zod";
import type { ToolCall } from "prisma-extension-ai";

declare function runTool(call: ToolCall): Promise<unknown>;

// #region chat
import { createAI, type Message } from "prisma-extension-ai";

const ai = createAI({ providers: { openai: { apiKey: process.env.OPENAI_API_KEY, timeoutMs: 30_000, maxRetries: 2 } } });

const reply = await ai.chat({ model: "openai:gpt-4o-mini", messages: [{ role: "user", content: "Hi" }], temperature: 0 });
console.log(reply.text, reply.finishReason, reply.usage.inputTokens, reply.usage.cachedInputTokens, reply.response.requestId);
// #endregion

// #region stream
for await (const event of ai.stream({ model: "openai:gpt-4o-mini", messages: [{ role: "user", content: "Tell a story" }] })) {
  if (event.type === "text-delta") process.stdout.write(event.delta);
  if (event.type === "finish") console.log(event.finishReason, event.usage.outputTokens);
}
// #endregion

// #region tools
// Tools: parameters as zod or JSON Schema; the model's calls come back parsed.
const messages: Message[] = [{ role: "user", content: "Weather in Paris?" }];
const weather = await ai.chat({
  model: "openai:gpt-4o-mini",
  messages,
  tools: [{ name: "get_weather", description: "Current weather", parameters: z.object({ city: z.string() }) }],
});
console.log(weather.toolCalls); // [{ toolCallId: "call_...", toolName: "get_weather", input: { city: "Paris" } }]

// Multi-turn tools: append the reply as an assistant message, unchanged, then one result per call.
messages.push(weather.message); // every reply has one; streams: the finish event's `message`
for (const call of weather.toolCalls) {
  messages.push({ role: "tool", toolCallId: call.toolCallId, toolName: call.toolName, result: await runTool(call) });
}
const answer = await ai.chat({ model: "openai:gpt-4o-mini", messages });
// #endregion
console.log(answer.text);

// #region object
// Structured output, typed and validated by the schema.
const { object } = await ai.generateObject({
  model: "openai:gpt-4o-mini",
  messages: [{ role: "user", content: "Suggest a blog title and three tags about pgvector" }],
  schema: z.object({ title: z.string(), tags: z.array(z.string()) }),
});
console.log(object.title, object.tags.join(", "));
// #endregion

// #region embed
// Split into the provider's batches (OpenAI: 2,048 inputs / 300k tokens), 4 requests in flight, vectors in
// input order; a vector of another size than `dimensions` is an error, never truncated.
const { embeddings, calls } = await ai.embed({ model: "openai:text-embedding-3-small", input: ["a", "b"], dimensions: 256 });
console.log(embeddings.length, calls);
// #endregion

// #region images
const images = await ai.image({ model: "openai:gpt-image-1", prompt: "A lighthouse at dawn" });
console.log(images.images[0]?.base64?.length);
const verdict = await ai.moderate({ model: "openai:omni-moderation-latest", input: "some user text" });
console.log(verdict.flagged);
// #endregion
