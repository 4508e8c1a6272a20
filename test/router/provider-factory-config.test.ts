// createAI({ providers: { name: { factory } } }): a provider entry that carries its own driver factory (what
// fromAISDK and fakeAI return), registered before fallbacks are checked.
import { describe, expect, it } from "vitest";
import { createAI } from "../../src/ai/create-ai.js";
import { ConfigError } from "../../src/spec/errors/index.js";
import type { ChatModel, ChatResult, Message } from "../../src/spec/chat-model.js";
import type { ProviderContext } from "../../src/spec/provider.js";

const userText = (message: Message | undefined) => (message?.role === "user" && typeof message.content === "string" ? message.content : "?");

function echoFactory(seen: Array<{ settings: unknown; context: ProviderContext }>) {
  return (settings: unknown, context: ProviderContext) => {
    seen.push({ settings, context });
    return {
      name: context.name,
      chatModel: (modelId: string): ChatModel => ({
        provider: context.name,
        modelId,
        capabilities: { streaming: false, tools: false, structuredOutput: "none", imageInput: false },
        doGenerate: async (options): Promise<ChatResult> => ({
          text: `${context.name}/${modelId}: ${userText(options.messages.at(-1))}`,
          toolCalls: [],
          finishReason: "stop",
          usage: { inputTokens: 1, outputTokens: 1, cachedInputTokens: undefined, totalTokens: 2 },
          raw: {},
          response: {},
          warnings: [],
        }),
        doStream: () => Promise.reject(new Error("no streaming")),
      }),
    };
  };
}

describe("provider entries with a factory", () => {
  it("are built at createAI with their other settings (without `factory`), and serve model strings and fallbacks", async () => {
    const seen: Array<{ settings: unknown; context: ProviderContext }> = [];
    const ai = createAI({
      providers: { custom: { factory: echoFactory(seen), region: "eu" }, openai: { factory: echoFactory(seen) } },
      fallbacks: { "custom:a": ["openai:b"] },
    });
    expect(seen.map((entry) => [entry.context.name, entry.settings])).toEqual([
      ["custom", { region: "eu" }],
      ["openai", {}],
    ]);
    expect(ai.providers()).toContain("custom");
    expect((await ai.chat({ model: "custom:a", messages: [{ role: "user", content: "hi" }] })).text).toBe("custom/a: hi");
    // The entry replaces the built-in of the same name: no OPENAI_API_KEY needed.
    expect((await ai.chat({ model: "openai:b", messages: [{ role: "user", content: "hi" }] })).text).toBe("openai/b: hi");
  });

  it("a factory that is not a function is a ConfigError", () => {
    expect(() => createAI({ providers: { custom: { factory: "nope" as never } } })).toThrow(
      new ConfigError('The `factory` of provider "custom" must be a function (settings, context) => driver.'),
    );
  });
});
