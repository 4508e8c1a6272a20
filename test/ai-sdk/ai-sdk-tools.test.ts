// aiSdkTools with the real `ai` package: AI SDK generateText with our search tools and an `@ai-sdk/openai` model
// on a loopback server that answers with a tool call. The search runs on real Postgres (rows embedded by fakeAI
// through the inline queue), and its rows go back to the model in the next request.
import { createOpenAI } from "@ai-sdk/openai";
import { generateText, stepCountIs } from "ai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { aiSdkTools } from "../../src/ai-sdk.js";
import { ConfigError } from "../../src/spec/errors/index.js";
import { fakeAI } from "../../src/testing.js";
import { appSchema, createAppClient, type AppClient } from "../../examples/testing/app.js";
import { applyAITables } from "../support/ai-tables.js";
import { startLoopbackServer, type LoopbackReply } from "../support/loopback-server.js";
import { createProjectPrisma } from "../support/prisma.js";
import { useTestDatabase } from "../support/test-database.js";

const database = useTestDatabase();
const server = await startLoopbackServer();
const openai = createOpenAI({ baseURL: server.url("/v1"), apiKey: "sk-tools-test-0001" });
let base: ReturnType<typeof createProjectPrisma>;
let prisma: AppClient;
const ids: Record<string, number> = {};

function completion(message: Record<string, unknown>, finishReason = "stop"): LoopbackReply {
  return {
    json: {
      id: "chatcmpl-tools",
      object: "chat.completion",
      created: 1_700_000_000,
      model: "gpt-4o-mini",
      choices: [{ index: 0, message: { role: "assistant", ...message }, finish_reason: finishReason }],
      usage: { prompt_tokens: 30, completion_tokens: 8, total_tokens: 38 },
    },
  };
}
const toolCall = (name: string, input: unknown) => completion({ content: null, tool_calls: [{ id: "call_1", type: "function", function: { name, arguments: JSON.stringify(input) } }] }, "tool_calls");

beforeAll(async () => {
  await applyAITables(database().pool, appSchema);
  base = createProjectPrisma(database().url);
  prisma = createAppClient(base, fakeAI().reply("s1", "s2", "s3", "s4"), "inline");
  for (const [title, body] of [
    ["Fresh egg pasta by hand", "Knead flour and eggs into pasta dough, roll it thin and cut tagliatelle."],
    ["Slow-cooked tomato sauce", "Simmer tomatoes with garlic and olive oil for a pasta sauce."],
    ["Indexing Postgres tables", "A btree index speeds up lookups; read the query plan first."],
    ["Building an emergency fund", "Keep three months of expenses in a savings account."],
  ] as const) {
    ids[title] = (await prisma.article.create({ data: { title, body } })).id;
  }
  expect(await prisma.$ai.drain()).toMatchObject({ failures: [] });
});
afterAll(async () => {
  await base?.$disconnect();
  await server.close();
});
beforeEach(() => server.reset());

describe("aiSdkTools with AI SDK generateText", () => {
  it("the model calls search_article, our search runs on Postgres, and its rows go back to the model", async () => {
    server.reply(toolCall("search_article", { query: "egg pasta dough", take: 2 }), completion({ content: "Try Fresh egg pasta by hand." }));
    const tools = aiSdkTools({ article: { model: prisma.article, description: "blog articles", select: { id: true, title: true } } });
    const result = await generateText({ model: openai.chat("gpt-4o-mini"), tools, stopWhen: stepCountIs(3), prompt: "Which article teaches pasta?" });

    expect(result.text).toBe("Try Fresh egg pasta by hand.");
    expect(server.requests).toHaveLength(2);
    // What the model was offered: both tools, with their input schemas.
    const offered = (server.requests[0]!.body as { tools: Array<{ function: { name: string; description: string; parameters: { properties: Record<string, unknown>; required: string[] } } }> }).tools;
    expect(offered.map((tool) => tool.function.name)).toEqual(["search_article", "find_similar_article"]);
    expect(offered[0]!.function.description).toContain("Search blog articles by meaning");
    expect(offered[0]!.function.parameters.required).toEqual(["query"]);
    expect(offered[0]!.function.parameters.properties.take).toMatchObject({ type: "integer", minimum: 1, maximum: 20 });
    // What went back: the rows our search found, best first.
    const toolMessage = (server.requests[1]!.body as { messages: Array<{ role: string; tool_call_id?: string; content: string }> }).messages.find((message) => message.role === "tool")!;
    expect(toolMessage.tool_call_id).toBe("call_1");
    const rows = JSON.parse(toolMessage.content) as Array<{ id: number; title: string; _similarity: number }>;
    expect(rows.map((row) => row.title)).toEqual(["Fresh egg pasta by hand", "Slow-cooked tomato sauce"]);
    expect(rows[0]).toEqual({ id: ids["Fresh egg pasta by hand"], title: "Fresh egg pasta by hand", _similarity: expect.any(Number) });
    expect(rows[0]!._similarity).toBeGreaterThan(rows[1]!._similarity);
    expect(result.steps[0]!.toolResults[0]!.output).toEqual(rows);
  });

  it("find_similar_article returns the rows like the given one, without it", async () => {
    const pasta = ids["Fresh egg pasta by hand"]!;
    server.reply(toolCall("find_similar_article", { id: pasta, take: 1 }), completion({ content: "done" }));
    const result = await generateText({
      model: openai.chat("gpt-4o-mini"),
      tools: aiSdkTools({ article: { model: prisma.article, select: { title: true } } }),
      stopWhen: stepCountIs(3),
      prompt: "Similar to the pasta article?",
    });
    expect(result.steps[0]!.toolResults[0]!.output).toEqual([{ title: "Slow-cooked tomato sauce", _similarity: expect.any(Number) }]);
  });

  it("bad configuration is a ConfigError", () => {
    expect(() => aiSdkTools({ article: {} as never })).toThrow(ConfigError);
    expect(() => aiSdkTools({ "my article": prisma.article })).toThrow(/key "my article" is invalid/);
    expect(() => aiSdkTools({ article: prisma.article }, { maxTake: 0 })).toThrow(/maxTake/);
  });
});
