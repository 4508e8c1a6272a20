// createAI({ defaults }): calls without `model` use the defaults (a task's own first), then the environment
// variables; an explicit model always wins; no model anywhere is a ConfigError saying how to set one.
import { readFileSync, rmSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ConfigError } from "../../src/spec/errors/index.js";
import { resolveDefaultModels } from "../../src/router/default-models.js";
import { fakeAI } from "../../src/testing.js";
import { repositoryRoot, runPrismaGenerate } from "../fixtures/generator/prisma-generate.js";

const messages = [{ role: "user" as const, content: "Hi" }];

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("default models", () => {
  it("chat, stream, generateObject and embed without `model` use defaults.chat / defaults.embedding", async () => {
    vi.stubEnv("PRISMA_AI_DEFAULT_CHAT_MODEL", "");
    const ai = fakeAI({ defaults: { chat: "anthropic:claude-haiku-4-5", embedding: "cohere:embed-v4.0" } });
    expect(await ai.chat({ messages })).toMatchObject({ provider: "anthropic", model: "claude-haiku-4-5" });
    for await (const event of ai.stream({ messages })) void event;
    await ai.generateObject({ messages, schema: z.object({ ok: z.boolean() }) });
    expect(ai.calls("chat").map((call) => call.model)).toEqual(["anthropic:claude-haiku-4-5", "anthropic:claude-haiku-4-5"]);
    expect(ai.calls("stream").map((call) => call.model)).toEqual(["anthropic:claude-haiku-4-5"]);
    expect(await ai.embed({ input: "x", dimensions: 8 })).toMatchObject({ provider: "cohere", model: "embed-v4.0" });
    // An explicit model wins.
    expect(await ai.chat({ model: "openai:gpt-4o", messages })).toMatchObject({ provider: "openai", model: "gpt-4o" });
  });

  it("tasks use their own default first, then defaults.chat", async () => {
    const ai = fakeAI({ defaults: { chat: "openai:gpt-4o-mini", tasks: { summarize: "anthropic:claude-haiku-4-5", classify: "mistral:mistral-small-latest" } } });
    await ai.summarize({ text: "A long text." });
    await ai.classify({ text: "I love it", labels: ["good", "bad"] });
    await ai.translate({ text: "Bonjour", to: "English" });
    await ai.classify({ model: "google:gemini-2.5-flash", text: "I love it", labels: ["good", "bad"] });
    expect(ai.calls("chat").map((call) => call.model)).toEqual([
      "anthropic:claude-haiku-4-5",
      "mistral:mistral-small-latest",
      "openai:gpt-4o-mini",
      "google:gemini-2.5-flash",
    ]);
  });

  it("falls back to PRISMA_AI_DEFAULT_CHAT_MODEL / PRISMA_AI_DEFAULT_EMBEDDING_MODEL, read by createAI; explicit options win", async () => {
    vi.stubEnv("PRISMA_AI_DEFAULT_CHAT_MODEL", "groq:llama-3.3-70b-versatile");
    vi.stubEnv("PRISMA_AI_DEFAULT_EMBEDDING_MODEL", "mistral:mistral-embed");
    const fromEnvironment = fakeAI();
    expect(await fromEnvironment.chat({ messages })).toMatchObject({ provider: "groq", model: "llama-3.3-70b-versatile" });
    expect((await fromEnvironment.embed({ input: "x" })).embeddings[0]).toHaveLength(1024);
    expect(await fromEnvironment.extract({ text: "Ada, 36", schema: z.object({ name: z.string() }) })).toMatchObject({ provider: "groq" });
    const explicit = fakeAI({ defaults: { chat: "openai:gpt-4o-mini" } });
    expect(await explicit.chat({ messages })).toMatchObject({ provider: "openai" });
    vi.stubEnv("PRISMA_AI_DEFAULT_CHAT_MODEL", "gpt-4o");
    expect(() => fakeAI()).toThrow(/PRISMA_AI_DEFAULT_CHAT_MODEL must be a model string "provider:model-id", got "gpt-4o"/);
  });

  it("a call with no model and no default is a ConfigError saying how to set one; bad defaults fail in createAI", async () => {
    vi.stubEnv("PRISMA_AI_DEFAULT_CHAT_MODEL", "");
    vi.stubEnv("PRISMA_AI_DEFAULT_EMBEDDING_MODEL", "");
    const ai = fakeAI();
    await expect(ai.chat({ messages })).rejects.toThrow(
      new ConfigError(
        'ai.chat has no model: pass `model: "openai:gpt-4o-mini"`, set createAI({ defaults: { chat: "openai:gpt-4o-mini" } }), or set the environment variable PRISMA_AI_DEFAULT_CHAT_MODEL.',
      ),
    );
    await expect(ai.embed({ input: "x" })).rejects.toThrow(/ai.embed has no model: .*defaults: \{ embedding: .*PRISMA_AI_DEFAULT_EMBEDDING_MODEL/);
    await expect(ai.classify({ text: "x", labels: ["a", "b"] })).rejects.toThrow(/ai.classify has no model: .* \(or defaults.tasks.classify\)/);
    expect(() => ai.stream({ messages })).toThrow(ConfigError);
    expect(ai.calls()).toEqual([]);
    expect(() => resolveDefaultModels({ chat: "gpt-4o" }, {})).toThrow(/defaults.chat` must be a model string/);
    expect(() => resolveDefaultModels({ tasks: { summarise: "openai:gpt-4o" } as never }, {})).toThrow(/unknown task "summarise"; tasks: classify, extract/);
  });
});

describe("the generator's default embedding model", () => {
  const output = `${repositoryRoot}test/fixtures/generator/env-default/generated`;

  it("comes from PRISMA_AI_DEFAULT_EMBEDDING_MODEL when the generator block has no embeddingModel, and is written into the metadata", () => {
    rmSync(output, { recursive: true, force: true });
    vi.stubEnv("PRISMA_AI_DEFAULT_EMBEDDING_MODEL", "openai:text-embedding-3-large");
    const result = runPrismaGenerate("test/fixtures/generator/env-default/schema.prisma");
    expect(result.status, result.output).toBe(0);
    expect(readFileSync(`${output}/index.ts`, "utf8")).toMatch(/model: "openai:text-embedding-3-large",\s+dimensions: 3072/);

    vi.stubEnv("PRISMA_AI_DEFAULT_EMBEDDING_MODEL", "");
    const failed = runPrismaGenerate("test/fixtures/generator/env-default/schema.prisma");
    expect(failed.status).not.toBe(0);
    expect(failed.output).toContain("has no embedding model");
    rmSync(output, { recursive: true, force: true });
  }, 120_000);
});
