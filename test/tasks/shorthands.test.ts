// The plan's shorthands: classify with a ready label set ("sentiment", "topic") and extract from a list of field
// names, on a loopback server speaking OpenAI's wire format: what we send (the enum, the JSON Schema) and what we parse.
import { describe, expect, expectTypeOf, it } from "vitest";
import { ConfigError } from "../../src/spec/errors/index.js";
import { classifyPresets } from "../../src/tasks/index.js";
import { chatBody, jsonReply, openaiModel, useTaskServers } from "./task-servers.js";

const servers = await useTaskServers();

describe("classify presets", () => {
  it('"sentiment" sends the four labels as the enum, their descriptions in the prompt, and types the label', async () => {
    servers.openai.reply(jsonReply({ label: "mixed" }));
    const result = await servers.ai().classify({ model: openaiModel, text: "Great screen, awful battery.", labels: "sentiment" });
    expect(result.label).toBe("mixed");
    expectTypeOf(result.label).toEqualTypeOf<"positive" | "negative" | "neutral" | "mixed">();
    const body = chatBody(servers.openai.requests[0]);
    expect(body.response_format?.json_schema?.schema).toEqual({
      type: "object",
      properties: { label: { type: "string", enum: ["positive", "negative", "neutral", "mixed"] } },
      required: ["label"],
      additionalProperties: false,
    });
    expect(body.messages[0]!.content).toContain('- "mixed": clearly positive about some things and clearly negative about others');
  });

  it('"topic" with multiple: true sends the documented topic list and returns the labels that apply', async () => {
    servers.openai.reply(jsonReply({ labels: ["finance", "technology"] }));
    const result = await servers.ai().classify({ model: openaiModel, text: "Banks move their ledgers to the cloud.", labels: "topic", multiple: true });
    expect(result.labels).toEqual(["finance", "technology"].sort((a, b) => Object.keys(classifyPresets.topic).indexOf(a) - Object.keys(classifyPresets.topic).indexOf(b)));
    expectTypeOf(result.labels).toEqualTypeOf<Array<keyof typeof classifyPresets.topic>>();
    const schema = chatBody(servers.openai.requests[0]).response_format?.json_schema?.schema as { properties: { labels: { items: { enum: string[] } } } };
    expect(schema.properties.labels.items.enum).toEqual([
      "business",
      "finance",
      "technology",
      "science",
      "health",
      "politics",
      "sports",
      "entertainment",
      "education",
      "travel",
      "food",
      "lifestyle",
      "environment",
      "other",
    ]);
  });

  it("an unknown set name is a ConfigError before any request", async () => {
    await expect(servers.ai().classify({ model: openaiModel, text: "x", labels: "mood" as "topic" })).rejects.toThrow(
      new ConfigError('ai.classify has no label set named "mood"; use "sentiment" or "topic", or pass the labels as an array.'),
    );
    expect(servers.openai.requests).toHaveLength(0);
  });
});

describe("extract with field names", () => {
  it("sends an object of nullable strings, all required, and returns it typed", async () => {
    servers.openai.reply(jsonReply({ name: "Ada Lovelace", email: null, company: "Analytical Engines Ltd" }));
    const result = await servers.ai().extract({ model: openaiModel, text: "Ada Lovelace, Analytical Engines Ltd.", fields: ["name", "email", "company"] });
    expect(result.object).toEqual({ name: "Ada Lovelace", email: null, company: "Analytical Engines Ltd" });
    expectTypeOf(result.object).toEqualTypeOf<{ name: string | null; email: string | null; company: string | null }>();
    const body = chatBody(servers.openai.requests[0]);
    expect(body.response_format).toMatchObject({ type: "json_schema", json_schema: { name: "extraction", strict: true } });
    const schema = body.response_format?.json_schema?.schema as { properties: Record<string, unknown>; required: string[]; additionalProperties: boolean };
    expect(schema.required).toEqual(["name", "email", "company"]);
    expect(schema.additionalProperties).toBe(false);
    for (const field of ["name", "email", "company"]) expect(JSON.stringify(schema.properties[field])).toMatch(/"null"/);
  });

  it("rejects a reply with a field that is not a string or null", async () => {
    servers.openai.reply(jsonReply({ name: 42, email: null }));
    await expect(servers.ai().extract({ model: openaiModel, text: "Ada", fields: ["name", "email"] })).rejects.toMatchObject({ code: "object_generation" });
  });

  it("bad field lists are a ConfigError before any request", async () => {
    const ai = servers.ai();
    await expect(ai.extract({ model: openaiModel, text: "x", fields: [] })).rejects.toThrow(/`fields` must be a non-empty array/);
    await expect(ai.extract({ model: openaiModel, text: "x", fields: ["name", "name"] })).rejects.toThrow(/field "name" is given twice/);
    await expect(ai.extract({ model: openaiModel, text: "x", fields: ["first name"] })).rejects.toThrow(/field name "first name" is invalid/);
    expect(servers.openai.requests).toHaveLength(0);
  });
});
