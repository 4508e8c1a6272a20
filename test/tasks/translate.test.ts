import { describe, expect, it } from "vitest";
import { ConfigError, ObjectGenerationError } from "../../src/spec/errors/index.js";
import { translate, type TranslateOptions } from "../../src/tasks/index.js";
import { anthropicModel, anthropicSystem, anthropicToolReply, anthropicUserText, chatBody, jsonReply, messagesBody, openaiModel, useTaskServers } from "./task-servers.js";

const servers = await useTaskServers();
const text = "Bonjour {name}, votre commande est **prête**.";

describe("translate", () => {
  it("asks for the translation and the detected language through json_schema when `from` is not given", async () => {
    servers.openai.reply(jsonReply({ detectedLanguage: "French", translation: "Hallo {name}, Ihre Bestellung ist **fertig**." }));
    const result = await translate(servers.ai(), { model: openaiModel, text, to: "German" });
    expect(result).toMatchObject({ text: "Hallo {name}, Ihre Bestellung ist **fertig**.", detectedLanguage: "French", provider: "compat", model: "gpt-4o-mini" });
    expect(result.usage.totalTokens).toBe(49);
    const body = chatBody(servers.openai.requests[0]);
    expect(body.temperature).toBe(0);
    expect(body.response_format).toEqual({
      type: "json_schema",
      json_schema: {
        name: "translation",
        strict: true,
        schema: {
          type: "object",
          properties: {
            detectedLanguage: { type: "string", description: "English name of the language the text is written in" },
            translation: { type: "string" },
          },
          required: ["detectedLanguage", "translation"],
          additionalProperties: false,
        },
      },
    });
    expect(body.messages[0]!.content).toContain("Translate the text into German, and name the language it is written in.");
    expect(body.messages[0]!.content).toContain("placeholders such as {name}");
    expect(body.messages[1]).toEqual({ role: "user", content: `<text>\n${text}\n</text>` });
  });

  it("asks for the translation only when `from` is given, and returns detectedLanguage undefined", async () => {
    servers.openai.reply(jsonReply({ translation: "Hello {name}, your order is **ready**." }));
    const result = await translate(servers.ai(), { model: openaiModel, text, from: "French", to: "English", instructions: "Formal register." });
    expect(result.text).toBe("Hello {name}, your order is **ready**.");
    expect(result.detectedLanguage).toBeUndefined();
    const body = chatBody(servers.openai.requests[0]);
    expect(body.response_format?.json_schema?.schema).toMatchObject({ properties: { translation: { type: "string" } }, required: ["translation"] });
    expect(body.messages[0]!.content).toContain("Translate the text from French into English.");
    expect(body.messages[0]!.content).toContain("Additional instructions: Formal register.");
  });

  it("throws ObjectGenerationError when the reply lacks the translation", async () => {
    servers.openai.reply(jsonReply({ detectedLanguage: "French" }));
    await expect(translate(servers.ai(), { model: openaiModel, text, to: "German" })).rejects.toThrow(ObjectGenerationError);
  });

  it.each([
    [{ text: "" }, /ai.translate needs `text`/],
    [{ to: "" }, /ai.translate needs `to`: a non-empty string, got an empty string/],
    [{ to: undefined }, /ai.translate needs `to`: a non-empty string, got undefined/],
    [{ from: "  " }, /ai.translate needs `from`/],
  ])("throws a ConfigError for %j before any request", async (override, message) => {
    const options = { model: openaiModel, text, to: "German", ...override } as TranslateOptions;
    const error = await translate(servers.ai(), options).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect(servers.openai.requests).toHaveLength(0);
  });

  it("works the same through Anthropic: a forced `translation` tool", async () => {
    servers.anthropic.reply(anthropicToolReply("translation", { detectedLanguage: "French", translation: "Hola {name}" }));
    const result = await translate(servers.ai(), { model: anthropicModel, text, to: "Spanish" });
    expect(result).toMatchObject({ text: "Hola {name}", detectedLanguage: "French", provider: "anthropic" });
    const body = messagesBody(servers.anthropic.requests[0]);
    expect(body.tool_choice).toEqual({ type: "tool", name: "translation" });
    expect(body.tools?.[0]?.input_schema).toMatchObject({ required: ["detectedLanguage", "translation"] });
    expect(anthropicSystem(body)).toContain("into Spanish");
    expect(anthropicUserText(body)).toBe(`<text>\n${text}\n</text>`);
  });
});
