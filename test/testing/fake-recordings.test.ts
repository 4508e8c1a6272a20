// fakeAI record/replay: replies recorded from a real AI core (OpenAI's wire format on a loopback server) into a
// fixture, then answered from it with nothing sent.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { ConfigError } from "../../src/spec/errors/index.js";
import { fakeAI } from "../../src/testing.js";
import { startLoopbackAI, type LoopbackAI } from "../support/loopback-ai.js";

let loopback: LoopbackAI;
const directory = mkdtempSync(join(tmpdir(), "fake-recordings-"));
const path = join(directory, "nested", "ai.json");

beforeAll(async () => {
  loopback = await startLoopbackAI({ vectorOf: (text) => [text.length, 1, 0], reply: (prompt) => `real reply to ${prompt}` });
});
afterAll(async () => {
  await loopback.close();
  rmSync(directory, { recursive: true, force: true });
});

describe("fakeAI recordings", () => {
  it("records misses from the real core, then replays them without sending anything", async () => {
    const recorder = fakeAI({ recordings: { path, mode: "record", from: loopback.ai } });
    const chat = await recorder.chat({ model: "openai:gpt-4o-mini", messages: [{ role: "user", content: "Hello" }], temperature: 0 });
    expect(chat.text).toBe("real reply to Hello");
    const embedded = await recorder.embed({ model: "openai:text-embedding-3-small", input: ["abc", "de"], dimensions: 3 });
    expect(embedded.embeddings).toEqual([[3, 1, 0], [2, 1, 0]]);
    // Already recorded: not sent again.
    await recorder.embed({ model: "openai:text-embedding-3-small", input: ["de"], dimensions: 3 });
    expect(loopback.chatRequests()).toHaveLength(1);
    expect(loopback.embeddingRequests()).toHaveLength(1);
    expect(loopback.chatRequests()[0]!.body).toMatchObject({ model: "gpt-4o-mini", temperature: 0, messages: [{ role: "user", content: "Hello" }] });

    const file = JSON.parse(readFileSync(path, "utf8")) as { version: number; chat: Record<string, unknown>; embeddings: Record<string, unknown> };
    expect(file.version).toBe(1);
    expect(Object.keys(file.chat)).toHaveLength(1);
    expect(Object.keys(file.embeddings)).toHaveLength(2);

    const replayer = fakeAI({ recordings: { path } });
    expect((await replayer.chat({ model: "openai:gpt-4o-mini", messages: [{ role: "user", content: "Hello" }], temperature: 0 })).text).toBe("real reply to Hello");
    const events = [];
    for await (const event of replayer.stream({ model: "openai:gpt-4o-mini", messages: [{ role: "user", content: "Hello" }], temperature: 0 })) events.push(event);
    expect(events.filter((event) => event.type === "text-delta").map((event) => event.delta).join("")).toBe("real reply to Hello");
    expect((await replayer.embed({ model: "openai:text-embedding-3-small", input: ["de", "abc"], dimensions: 3 })).embeddings).toEqual([[2, 1, 0], [3, 1, 0]]);
    expect(loopback.chatRequests()).toHaveLength(1);
    expect(loopback.embeddingRequests()).toHaveLength(1);
    replayer.expectCalled("chat", { matching: "Hello", times: 1 });
  });

  it("a call the file does not hold fails in replay with a ConfigError naming it; scripted replies still come first", async () => {
    const replayer = fakeAI({ recordings: { path } });
    await expect(replayer.chat({ model: "openai:gpt-4o-mini", messages: [{ role: "user", content: "Hello" }] })).rejects.toThrow(
      /has no recording of the chat call to openai:gpt-4o-mini with the prompt "Hello"; record it with/,
    );
    await expect(replayer.embed({ model: "openai:text-embedding-3-small", input: "new text", dimensions: 3 })).rejects.toBeInstanceOf(ConfigError);
    replayer.reply({ object: { ok: true } });
    expect((await replayer.generateObject({ model: "openai:gpt-4o-mini", messages: [{ role: "user", content: "x" }], schema: z.object({ ok: z.boolean() }) })).object).toEqual({ ok: true });
  });

  it("bad options are a ConfigError", () => {
    expect(() => fakeAI({ recordings: { path: join(directory, "missing.json") } })).toThrow(/does not exist; record it first/);
    expect(() => fakeAI({ recordings: { path, mode: "record" } })).toThrow(/need `from`/);
  });
});
