import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/spec/errors/index.js";
import { summarize, type SummarizeOptions } from "../../src/tasks/index.js";
import { anthropicModel, anthropicSystem, anthropicTextReply, anthropicUserText, chatBody, chatReply, messagesBody, openaiModel, useTaskServers } from "./task-servers.js";

const servers = await useTaskServers();
const article = "PostgreSQL 18 adds asynchronous I/O. Reads of large tables get faster. Upgrades keep planner statistics.";

describe("summarize", () => {
  it("is a plain chat call (no response_format) at temperature 0, with the text delimited, and returns the trimmed summary", async () => {
    servers.openai.reply(chatReply("\n  PostgreSQL 18 speeds up reads with asynchronous I/O.  \n"));
    const result = await summarize(servers.ai(), { model: openaiModel, text: article });
    expect(result.text).toBe("PostgreSQL 18 speeds up reads with asynchronous I/O.");
    expect(result).toMatchObject({ provider: "compat", model: "gpt-4o-mini", finishReason: "stop", usage: { totalTokens: 49 } });
    const body = chatBody(servers.openai.requests[0]);
    expect(body).not.toHaveProperty("response_format");
    expect(body.temperature).toBe(0);
    expect(body.messages[0]!.content).toContain("Summarize the text in one paragraph.");
    expect(body.messages[0]!.content).toContain("Write in the language of the text.");
    expect(body.messages[0]!.content).not.toContain("words");
    expect(body.messages[1]).toEqual({ role: "user", content: `<text>\n${article}\n</text>` });
  });

  it("asks for bullets, a word limit and a language when given", async () => {
    servers.openai.reply(chatReply("- Asynchronous I/O\n- Faster reads"));
    const result = await summarize(servers.ai(), { model: openaiModel, text: article, format: "bullets", maxWords: 12, language: "German", maxOutputTokens: 100 });
    expect(result.text).toBe("- Asynchronous I/O\n- Faster reads");
    const body = chatBody(servers.openai.requests[0]);
    expect(body.max_tokens).toBe(100);
    const system = body.messages[0]!.content;
    expect(system).toContain('one per line, each line starting with "- "');
    expect(system).toContain("Use at most 12 words.");
    expect(system).toContain("Write in German.");
  });

  it.each([
    [{ text: "" }, /ai.summarize needs `text`/],
    [{ maxWords: 0 }, /`maxWords` must be a positive whole number, got number/],
    [{ maxWords: 2.5 }, /`maxWords` must be a positive whole number/],
    [{ format: "table" }, /`format` must be "paragraph" or "bullets", got "table"/],
    [{ language: " " }, /needs `language`: a non-empty string/],
  ])("throws a ConfigError for %j before any request", async (override, message) => {
    const options = { model: openaiModel, text: article, ...override } as SummarizeOptions;
    const error = await summarize(servers.ai(), options).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect(servers.openai.requests).toHaveLength(0);
  });

  it("works the same through Anthropic: system prompt in `system`, the text in the user message, no tools", async () => {
    servers.anthropic.reply(anthropicTextReply("Faster reads in PostgreSQL 18."));
    const result = await summarize(servers.ai(), { model: anthropicModel, text: article, maxWords: 8 });
    expect(result).toMatchObject({ text: "Faster reads in PostgreSQL 18.", provider: "anthropic", model: "claude-haiku-4-5" });
    const body = messagesBody(servers.anthropic.requests[0]);
    expect(body).not.toHaveProperty("tools");
    expect(body.temperature).toBe(0);
    expect(anthropicSystem(body)).toContain("Use at most 8 words.");
    expect(anthropicUserText(body)).toBe(`<text>\n${article}\n</text>`);
  });
});
