import { describe, expect, it } from "vitest";
import { parseAnnotations } from "../../generator/annotations/parse-annotations.js";
import { closestMatch } from "../../generator/suggest.js";

describe("parseAnnotations", () => {
  it("returns null when a comment has no annotation", () => {
    expect(parseAnnotations(undefined)).toBeNull();
    expect(parseAnnotations("Just a description of the field.")).toBeNull();
  });

  it("parses bare annotations, options, nested objects, lists and words", () => {
    const parsed = parseAnnotations('The body.\n@ai.embed\n@ai.embed(chunk: { size: 800, overlap: 100 }, distance: l2, model: "openai:text-embedding-3-small")');
    expect(parsed?.errors).toEqual([]);
    expect(parsed?.annotations).toEqual([
      { name: "embed", options: [], line: 1 },
      {
        name: "embed",
        line: 2,
        options: [
          {
            name: "chunk",
            line: 2,
            value: {
              kind: "object",
              line: 2,
              entries: [
                { name: "size", line: 2, value: { kind: "number", value: 800, raw: "800", line: 2 } },
                { name: "overlap", line: 2, value: { kind: "number", value: 100, raw: "100", line: 2 } },
              ],
            },
          },
          { name: "distance", line: 2, value: { kind: "identifier", name: "l2", line: 2 } },
          { name: "model", line: 2, value: { kind: "string", value: "openai:text-embedding-3-small", line: 2 } },
        ],
      },
    ]);
  });

  it("decodes string escapes and keeps placeholders", () => {
    const parsed = parseAnnotations(String.raw`@ai.generate(prompt: "Say \"hi\" to {name}:\n\t{body} \\ \u00e9", on: [create, update])`);
    const [prompt, on] = parsed!.annotations[0]!.options;
    expect(prompt!.value).toEqual({ kind: "string", value: 'Say "hi" to {name}:\n\t{body} \\ é', line: 0 });
    expect(on!.value).toMatchObject({ kind: "array", items: [{ kind: "identifier", name: "create" }, { kind: "identifier", name: "update" }] });
  });

  it("lets options continue on the next /// line and reports the line of each option", () => {
    const parsed = parseAnnotations('@ai.generate(\n  prompt: "Summarize {body}",\n  model: "openai:gpt-4o-mini",\n)');
    expect(parsed?.errors).toEqual([]);
    expect(parsed?.annotations[0]?.options.map((option) => [option.name, option.line])).toEqual([
      ["prompt", 1],
      ["model", 2],
    ]);
  });

  it("reports syntax errors with their line instead of throwing, and keeps parsing later annotations", () => {
    const parsed = parseAnnotations('@ai.embed(model "x")\n@ai.generate(prompt: "open\n@ai.embed(dimensions: 3)');
    expect(parsed?.errors).toEqual([
      { message: "expected `:` after `model` (options are written `model: value`), found `\"`", line: 0 },
      { message: 'unterminated string (a closing `"` is missing on this line)', line: 1 },
    ]);
    expect(parsed?.annotations).toHaveLength(1);
    expect(parsed?.annotations[0]).toMatchObject({ name: "embed", line: 2 });
  });

  it("rejects unknown escapes", () => {
    expect(parseAnnotations(String.raw`@ai.generate(prompt: "a\qb")`)?.errors[0]?.message).toContain("unknown escape `\\q`");
  });
});

describe("did you mean", () => {
  it("suggests close names, including swapped letters, and nothing for unrelated words", () => {
    expect(closestMatch("dimension", ["model", "dimensions"])).toBe("dimensions");
    expect(closestMatch("modle", ["model", "dimensions"])).toBe("model");
    expect(closestMatch("embedd", ["model", "embed", "generate"])).toBe("embed");
    expect(closestMatch("xyz", ["model", "embed", "generate"])).toBeUndefined();
  });
});
