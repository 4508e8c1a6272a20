// Every code block of README.md, CONTRIBUTING.md and docs/**/*.md is checked, so a page cannot rot:
// - TypeScript (and SQL) blocks are exact copies of a file or a `// #region` of it under examples/, named by a
//   `<!-- snippet: path#region -->` comment above the block; those files are compiled here (and by `npm run typecheck`);
// - ```prisma blocks go through `prisma generate` with the prisma-ai generator (Prisma's parser, then our annotations);
// - shell-like blocks may only run `prisma-ai` commands and options the CLI has, Prisma commands, package.json
//   scripts and `npm install` of this package or its dependencies; ```json blocks must parse.
// Needs no database. New pages under docs/ are picked up by themselves.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blockKind, checkCommands, knownLanguages, readPackage, schemaForValidation } from "./block-checks.js";
import { dirname } from "node:path";
import { documentationPages, firstDifference, headingAnchors, normalise, readCodeBlocks, readLinks, readSnippet, type CodeBlock } from "./markdown-blocks.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const snippetsProject = "examples/snippets/tsconfig.json";
const pages = documentationPages(root);
const blocks: CodeBlock[] = pages.flatMap((page) => readCodeBlocks(root, page));
const where = (block: CodeBlock) => `${block.page}:${block.line}`;
// Compiling and generating take a while on a loaded 2-core machine; these bound a hang, not a speed.
const slowStepBudgetMs = 240_000;

// The two slow steps (each a few seconds of child processes) start together, before the first test.
// Incremental: a second run on an unchanged tree only checks what changed (the build info lives in .cache/).
// The snippets' generated clients come from `npm test`'s pretest; alone (`vitest run --project unit`) this makes them.
const compilation = once(async () => {
  const generated = ["examples/snippets/generated/ai/index.ts", "examples/snippets/generated/prisma/client.ts"];
  if (!generated.every((file) => existsSync(join(root, file)))) {
    const generation = await run("bash", [join(root, "scripts/prisma-generate.sh"), "--schema", "examples/snippets/schema.prisma"], root);
    if (generation.code !== 0) return generation;
  }
  return run(
    process.execPath,
    [join(root, "node_modules/typescript/bin/tsc"), "-p", join(root, snippetsProject), "--incremental", "--tsBuildInfoFile", join(root, ".cache/docs-snippets.tsbuildinfo")],
    root,
  );
});
const prismaValidation = once(validatePrismaBlocks);
const temporary = mkdtempSync(join(tmpdir(), "prisma-ai-docs-"));

describe("documentation code blocks", () => {
  beforeAll(() => {
    void compilation().catch(() => undefined);
    void prismaValidation().catch(() => undefined);
  });
  afterAll(() => rmSync(temporary, { recursive: true, force: true }));

  it("finds the pages and their blocks", () => {
    expect(pages).toContain("README.md");
    expect(pages.filter((page) => page.startsWith("docs/")).length).toBeGreaterThan(0);
    expect(blocks.length).toBeGreaterThan(0);
  });

  it("every block has a language the harness checks", () => {
    const unknown = blocks.filter((block) => blockKind(block.language) === undefined);
    expect(
      unknown.map((block) => `${where(block)}: \`\`\`${block.language || "(no language)"} is not checked; use one of ${knownLanguages.join(", ")}`),
    ).toEqual([]);
  });

  it("TypeScript and SQL blocks are exact copies of their snippet files", () => {
    const problems: string[] = [];
    for (const block of blocks) {
      const kind = blockKind(block.language);
      if (!block.snippet) {
        if (kind === "compiled" || kind === "snippet-only") {
          problems.push(`${where(block)}: a \`\`\`${block.language} block needs a <!-- snippet: examples/snippets/<file>#<region> --> comment above it`);
        }
        continue;
      }
      let source: string;
      try {
        source = readSnippet(root, block.snippet);
      } catch (error) {
        problems.push(`${where(block)}: ${(error as Error).message}`);
        continue;
      }
      const text = normalise(block.text);
      if (text !== source) {
        const name = `${block.snippet.path}${block.snippet.region ? `#${block.snippet.region}` : ""}`;
        problems.push(`${where(block)} differs from ${name}; copy the source into the page. First difference at ${firstDifference(source, text)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("the snippet files compile (tsc over examples/snippets)", async () => {
    const result = await compilation();
    expect(result.code, result.output).toBe(0);
  }, slowStepBudgetMs);

  it("every snippet file is included by some page (no orphans)", () => {
    const used = new Set(blocks.flatMap((block) => (block.snippet ? [block.snippet.path] : [])));
    const files = readdirSync(join(root, "examples/snippets"))
      .filter((name) => /\.(ts|sql)$/.test(name))
      .map((name) => `examples/snippets/${name}`);
    // A module the snippets import (`./db.js`) is used through them.
    for (const file of files.filter((name) => name.endsWith(".ts"))) {
      for (const match of readFileSync(join(root, file), "utf8").matchAll(/from "\.\/([\w-]+)\.js"/g)) used.add(`examples/snippets/${match[1]}.ts`);
    }
    expect(files.filter((file) => !used.has(file))).toEqual([]);
  });

  it("prisma blocks parse with Prisma and pass prisma-ai's annotation checks (prisma generate --generator ai)", async () => {
    expect(blocks.some((block) => block.language === "prisma")).toBe(true);
    expect(await prismaValidation()).toEqual([]);
  }, slowStepBudgetMs);

  it("shell blocks name commands, options, scripts and packages that exist", () => {
    const project = readPackage(root);
    const problems = blocks
      .filter((block) => blockKind(block.language) === "commands")
      .flatMap((block) => checkCommands(block.text, block.language, project).map((problem) => `${where(block)}: ${problem}`));
    expect(problems).toEqual([]);
  });

  it("relative links name files and headings that exist", () => {
    const problems: string[] = [];
    for (const link of pages.flatMap((page) => readLinks(root, page))) {
      const [path = "", anchor] = link.target.split("#");
      const target = path === "" ? link.page : join(dirname(link.page), path);
      if (!existsSync(join(root, target))) {
        problems.push(`${link.page}:${link.line}: ${link.target}: no file ${target}`);
      } else if (anchor !== undefined && target.endsWith(".md") && !headingAnchors(root, target).has(anchor)) {
        problems.push(`${link.page}:${link.line}: ${link.target}: ${target} has no heading #${anchor}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("json blocks parse", () => {
    const problems = blocks
      .filter((block) => block.language === "json")
      .flatMap((block) => {
        try {
          JSON.parse(block.text);
          return [];
        } catch (error) {
          return [`${where(block)}: ${(error as Error).message}`];
        }
      });
    expect(problems).toEqual([]);
  });
});

/** Runs `prisma generate --generator ai` on every ```prisma block, in parallel; resolves to the failures. */
async function validatePrismaBlocks(): Promise<string[]> {
  const generatorCommand = `node --import tsx ${join(root, "generator/bin.ts")}`;
  const environment = { ...process.env };
  // Prisma's CLI wants a schema-engine binary even though generate never uses it (scripts/prisma-generate.sh).
  if (!environment.PRISMA_SCHEMA_ENGINE_BINARY && !hasSchemaEngine()) {
    environment.PRISMA_SCHEMA_ENGINE_BINARY = ["/usr/bin/true", "/bin/true"].find((path) => existsSync(path));
  }
  const prismaBlocks = blocks.filter((block) => block.language === "prisma");
  const results = await Promise.all(
    prismaBlocks.map(async (block, index) => {
      const dir = join(temporary, String(index));
      mkdirSync(dir, { recursive: true });
      const schemaPath = join(dir, "schema.prisma");
      writeFileSync(schemaPath, schemaForValidation(block.text, generatorCommand, join(dir, "ai")));
      const prismaCli = join(root, "node_modules/prisma/build/index.js");
      const result = await run(process.execPath, [prismaCli, "generate", "--schema", schemaPath, "--generator", "ai", "--no-hints"], root, environment);
      const generated = existsSync(join(dir, "ai/index.ts"));
      return result.code === 0 && generated ? undefined : `${where(block)}: prisma generate failed:\n${result.output}`;
    }),
  );
  return results.filter((problem) => problem !== undefined);
}

function once<T>(start: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= start());
}

function hasSchemaEngine(): boolean {
  const engines = join(root, "node_modules/@prisma/engines");
  return existsSync(engines) && readdirSync(engines).some((name) => name.startsWith("schema-engine-"));
}

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}
