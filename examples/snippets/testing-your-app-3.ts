// docs/testing-your-app.md
// #region testing-your-app-3
import { beforeEach, expect, it } from "vitest";
import { fakeAI, type FakeAI } from "prisma-extension-ai/testing";
import { aiOptions, tagText } from "./app.js"; // the block above

// Production code builds its core with createAI(aiOptions); the tests use the same options on fakes.

let ai: FakeAI;
beforeEach(() => {
  ai = fakeAI(aiOptions);
});

it("tags with the model's label", async () => {
  ai.replyWhen("pasta", { object: { label: "cooking" } });
  expect(await tagText(ai, "Roll the pasta thin")).toBe("cooking");
  const [call] = ai.expectCalled("chat", { model: "openai:gpt-4o-mini", times: 1 });
  expect(call!.responseFormat).toMatchObject({ type: "json" });
});

it("falls back to Anthropic when OpenAI is rate limited", async () => {
  ai.fail("chat", "rate-limit", { model: "openai" }).reply({ object: { label: "money" } });
  expect(await tagText(ai, "Saving for a rainy day")).toBe("money");
  ai.expectCalled("chat", { model: "anthropic", times: 1 });
});

it("files the text as untagged when every provider is down", async () => {
  ai.fail("chat", "server-error");
  expect(await tagText(ai, "Roll the pasta thin")).toBe("untagged");
});
// #endregion
