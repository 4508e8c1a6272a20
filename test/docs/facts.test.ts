// Lists in the docs that mirror a list in the code: they must name the same things, so a new provider or command
// cannot be left out of its page.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { commands } from "../../src/cli/commands/index.js";
import { knownEmbeddingDimensions, knownProviders } from "../../src/spec/catalogue/index.js";

const page = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");

describe("docs that mirror the code", () => {
  it("schema-annotations.md lists exactly the built-in providers a model string may name", () => {
    const text = page("docs/schema-annotations.md");
    const sentence = /with a provider among ([^(]*)\(/.exec(text.replace(/\n/g, " "))?.[1] ?? "";
    expect([...sentence.matchAll(/`([\w-]+)`/g)].map((match) => match[1])).toEqual([...knownProviders]);
  });

  it("schema-annotations.md's known sizes are the catalogue's", () => {
    const text = page("docs/schema-annotations.md").replace(/\n/g, " ");
    const sizes = [...text.matchAll(/`([\w-]+:[^`]+)` (\d+)/g)].map((match) => [match[1]!, Number(match[2])] as const);
    expect(sizes.length).toBeGreaterThan(5);
    for (const [model, size] of sizes) expect(knownEmbeddingDimensions[model]?.native, model).toBe(size);
  });

  it("the README names every page under docs/", () => {
    const readme = page("README.md");
    const pages = readdirSync(new URL("../../docs/", import.meta.url)).filter((name) => name.endsWith(".md"));
    expect(pages.filter((name) => !readme.includes(`docs/${name}`))).toEqual([]);
  });

  it("cli.md and the README's docs table name every prisma-ai command", () => {
    const cli = page("docs/cli.md");
    const readme = page("README.md");
    for (const command of commands) {
      expect(cli, command.name).toContain(`| \`${command.name}`);
      expect(readme, command.name).toMatch(new RegExp(`\`(prisma-ai )?${command.name}\``));
    }
  });
});
