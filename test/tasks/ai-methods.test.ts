// The tasks as methods of createAI()'s object: same requests and results as the task functions, same types,
// and the router's features (cache, usage ledger) apply to them.
import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { createAI, type AI } from "../../src/ai/create-ai.js";
import { ConfigError } from "../../src/spec/errors/index.js";
import { chatBody, chatReply, jsonReply, openaiModel, useTaskServers } from "./task-servers.js";

const servers = await useTaskServers();

describe("ai.classify, ai.extract, ai.summarize, ai.translate, ai.generateCode", () => {
  it("run the tasks through the AI core, each one request", async () => {
    servers.openai.reply(
      jsonReply({ label: "feature" }),
      jsonReply({ city: "Lyon" }),
      chatReply("Short."),
      jsonReply({ detectedLanguage: "English", translation: "Salut" }),
      chatReply("```ts\nconst a = 1;\n```"),
    );
    const ai = servers.ai();
    expect((await ai.classify({ model: openaiModel, text: "Add dark mode", labels: ["bug", "feature"] })).label).toBe("feature");
    expect((await ai.extract({ model: openaiModel, text: "I live in Lyon.", schema: z.object({ city: z.string() }) })).object).toEqual({ city: "Lyon" });
    expect((await ai.summarize({ model: openaiModel, text: "A long story." })).text).toBe("Short.");
    expect(await ai.translate({ model: openaiModel, text: "Hi", to: "French" })).toMatchObject({ text: "Salut", detectedLanguage: "English" });
    expect(await ai.generateCode({ model: openaiModel, prompt: "a constant" })).toMatchObject({ code: "const a = 1;", language: "ts" });
    expect(servers.openai.requests.map((request) => request.path)).toEqual(Array(5).fill("/v1/chat/completions"));
    expect(chatBody(servers.openai.requests[0]).response_format?.json_schema?.name).toBe("classification");
    expect(ai.usage()).toMatchObject({ requests: 5, inputTokens: 5 * 42, outputTokens: 5 * 7 });
  });

  it("serve a repeated task from the response cache (temperature 0 by default)", async () => {
    servers.openai.reply(jsonReply({ label: "bug" }));
    const ai = createAI({
      providers: { compat: { driver: "openai-compatible", baseURL: servers.openai.url("/v1"), apiKey: "sk-task-test-0001", maxRetries: 0 } },
      cache: { maxBytes: 1_000_000 },
    });
    const first = await ai.classify({ model: openaiModel, text: "It crashes", labels: ["bug", "feature"] });
    const second = await ai.classify({ model: openaiModel, text: "It crashes", labels: ["bug", "feature"] });
    expect([first.cached, second.cached, second.label, second.costUsd]).toEqual([false, true, "bug", 0]);
    expect(servers.openai.requests).toHaveLength(1);
  });

  it("check their options before any request", async () => {
    await expect(servers.ai().classify({ model: openaiModel, text: "x", labels: ["only"] })).rejects.toThrow(ConfigError);
    expect(servers.openai.requests).toHaveLength(0);
  });

  it("are typed like the task functions", () => {
    const ai: AI = servers.ai();
    const single = () => ai.classify({ model: openaiModel, text: "x", labels: ["bug", "feature"] });
    expectTypeOf(single).returns.resolves.toHaveProperty("label").toEqualTypeOf<"bug" | "feature">();
    const many = () => ai.classify({ model: openaiModel, text: "x", labels: ["bug", "feature"], multiple: true });
    expectTypeOf(many).returns.resolves.toHaveProperty("labels").toEqualTypeOf<Array<"bug" | "feature">>();
    const extracted = () => ai.extract({ model: openaiModel, text: "x", schema: z.object({ city: z.string() }) });
    expectTypeOf(extracted).returns.resolves.toHaveProperty("object").toEqualTypeOf<{ city: string }>();
  });
});
