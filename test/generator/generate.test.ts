// The generator run for real: `prisma generate` (Prisma 7 CLI) on fixture schemas, its output snapshotted and
// compiled with tsc, and one schema per error case.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import type * as BasicModule from "../fixtures/generator/basic/expected/index.js";
import { fiftyModelSchema } from "../fixtures/generator/fifty-models.js";
import { repositoryRoot, runPrismaGenerate } from "../fixtures/generator/prisma-generate.js";

const fixtures = `${repositoryRoot}test/fixtures/generator`;
const basicOutput = `${fixtures}/basic/generated`;
const fiftyDir = `${fixtures}/fifty/generated`;

describe("prisma generate with prisma-ai-generator", () => {
  it("emits index.ts and migration.sql for the tutorial schema (snapshots)", async () => {
    rmSync(basicOutput, { recursive: true, force: true });
    const result = runPrismaGenerate("test/fixtures/generator/basic/schema.prisma");
    expect(result.output).toContain("Generated prisma-ai");
    expect(result.status).toBe(0);
    await expect(readFileSync(`${basicOutput}/index.ts`, "utf8")).toMatchFileSnapshot("../fixtures/generator/basic/expected/index.ts");
    await expect(readFileSync(`${basicOutput}/migration.sql`, "utf8")).toMatchFileSnapshot("../fixtures/generator/basic/expected/migration.sql");
  });

  it("runtime view of the generated module: ids, tables, placeholders as source fields", async () => {
    const { aiSchema } = (await import(pathToFileURL(`${basicOutput}/index.ts`).href)) as typeof BasicModule;
    expect(Object.keys(aiSchema.models)).toEqual(["Article", "Product"]);
    expect(Object.keys(aiSchema.tables)).toEqual(["User"]);
    const article = aiSchema.models.Article;
    expect(article.embedded.map((field) => field.field)).toEqual(["body", "notes"]);
    expect(article.embedded[1]).toMatchObject({ chunk: { size: 800, overlap: 100 }, model: "openai:text-embedding-3-small", dimensions: 1536 });
    expect(article.generated[0]).toMatchObject({ prompt: "Summarize in two sentences: {title}\n{body}", sourceFields: ["title", "body"], on: ["create", "update"] });
    expect(article.relations.author).toEqual({ name: "author", model: "User", isList: false, fromColumns: ["author_id"], toColumns: ["id"] });
    expect(aiSchema.models.Product.id).toEqual({ field: "id", column: "id", type: "String", nativeType: "Uuid" });
  });

  it("generates a 50-model schema, and its output and the consumer files typecheck with tsc", () => {
    rmSync(fiftyDir, { recursive: true, force: true });
    mkdirSync(fiftyDir, { recursive: true });
    writeFileSync(`${fiftyDir}/schema.prisma`, fiftyModelSchema({ withAIGenerator: true, output: ".", importFrom: "../../../../../../src/index.js" }));
    const result = runPrismaGenerate("test/fixtures/generator/fifty/generated/schema.prisma");
    expect(result.status, result.output).toBe(0);
    const { models } = JSON.parse(JSON.stringify(extractModelNames(readFileSync(`${fiftyDir}/ai/index.ts`, "utf8"))));
    expect(models).toHaveLength(25);
    const sql = readFileSync(`${fiftyDir}/ai/migration.sql`, "utf8");
    // Each annotated model: an insert trigger (per statement) and an update trigger (per row).
    expect(sql.match(/create trigger "prisma_ai_enqueue" /g)).toHaveLength(25);
    expect(sql.match(/create trigger "prisma_ai_enqueue_update" /g)).toHaveLength(25);
    expect(sql.match(/create table if not exists "prisma_ai"\."items_\d+_embeddings"/g)).toHaveLength(25);

    // The consumer files, compiled against the freshly generated basic module (not the snapshot).
    mkdirSync(`${basicOutput}/consumers`, { recursive: true });
    for (const name of ["valid.ts", "invalid.ts"]) {
      const text = moveConsumer(readFileSync(`${fixtures}/basic/consumers/${name}`, "utf8"));
      writeFileSync(`${basicOutput}/consumers/${name}`, text);
    }
    copyFileSync(`${fiftyDir}/ai/index.ts`, `${basicOutput}/fifty-models.ts`);
    writeFileSync(
      `${basicOutput}/fifty-models.ts`,
      readFileSync(`${basicOutput}/fifty-models.ts`, "utf8").replace('"../../../../../../src/index.js"', '"../../../../../src/index.js"'),
    );
    writeFileSync(
      `${basicOutput}/tsconfig.json`,
      JSON.stringify({
        compilerOptions: { strict: true, noEmit: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2023", skipLibCheck: true, types: ["node"], noUncheckedIndexedAccess: true },
        files: ["consumers/valid.ts", "consumers/invalid.ts", "fifty-models.ts"],
      }),
    );
    const tsc = spawnSync(process.execPath, [`${repositoryRoot}node_modules/typescript/bin/tsc`, "-p", `${basicOutput}/tsconfig.json`], { encoding: "utf8" });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  });

  it("the @ts-expect-error lines are really errors: without the comments tsc reports each one", () => {
    const text = moveConsumer(readFileSync(`${fixtures}/basic/consumers/invalid.ts`, "utf8"));
    const expected = text.split("\n").filter((line) => line.startsWith("// @ts-expect-error")).length;
    mkdirSync(`${basicOutput}/consumers`, { recursive: true });
    writeFileSync(`${basicOutput}/consumers/invalid-unmarked.ts`, text.replace(/^\/\/ @ts-expect-error.*$/gm, "//"));
    writeFileSync(
      `${basicOutput}/tsconfig.unmarked.json`,
      JSON.stringify({
        compilerOptions: { strict: true, noEmit: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2023", skipLibCheck: true, types: ["node"] },
        files: ["consumers/invalid-unmarked.ts"],
      }),
    );
    const tsc = spawnSync(process.execPath, [`${repositoryRoot}node_modules/typescript/bin/tsc`, "-p", `${basicOutput}/tsconfig.unmarked.json`], { encoding: "utf8" });
    const errorLines = new Set([...tsc.stdout.matchAll(/invalid-unmarked\.ts\((\d+),/g)].map((match) => match[1]));
    expect(errorLines.size).toBe(expected);
  });
});

/** Consumer files import the snapshot (../expected/); their copies in generated/consumers/ import the fresh output. */
function moveConsumer(text: string): string {
  return text.replaceAll('"../expected/index.js"', '"../index.js"').replaceAll('"../../../../../src/index.js"', '"../../../../../../src/index.js"');
}

function extractModelNames(source: string): { models: string[] } {
  const modelsBlock = source.slice(source.indexOf("  models: {"), source.indexOf("  tables: {"));
  return { models: [...modelsBlock.matchAll(/^ {4}([A-Za-z0-9_]+): \{$/gm)].map((match) => match[1]!) };
}

/** One schema per error case: the message names file, line, model and field, and `prisma generate` fails. */
const errorCases: { file: string; where: string; message: string }[] = [
  { file: "unknown-annotation", where: ":12 Article.body:", message: "unknown annotation @ai.embedd (known: @ai.model, @ai.embed, @ai.generate). Did you mean @ai.embed?" },
  { file: "unknown-option", where: ":10 Article:", message: 'unknown option "dimension" in @ai.model (known: embedding, dimensions, distance, index, search). Did you mean "dimensions"?' },
  { file: "unknown-chunk-option", where: ":12 Article.body:", message: 'unknown option "overlapp" in chunk (known: size, overlap). Did you mean "overlap"?' },
  { file: "embed-wrong-type", where: ":12 Article.views:", message: "@ai.embed needs a String or String? field, but views is Int." },
  { file: "generate-wrong-type", where: ":13 Article.summary:", message: "@ai.generate needs an optional String? or Json? field (it is empty until generated), but summary is String." },
  { file: "placeholder-missing-field", where: ":13 Article.summary:", message: "the prompt's placeholder {bdy} names no field of Article. Did you mean {body}?" },
  { file: "placeholder-relation-field", where: ":19 Article.summary:", message: "the prompt's placeholder {author} names a relation field; placeholders must name scalar fields of Article." },
  { file: "compound-id", where: ":10 Translation:", message: "has a compound @@id([articleId, locale]); prisma-ai needs a single-field @id" },
  { file: "dimensions-not-positive", where: ":12 Article.body:", message: "dimensions must be a positive integer, not 0." },
  { file: "dimensions-beyond-limit", where: ":12 Article.body:", message: "dimensions 20000 is beyond pgvector's limit of 16,000 dimensions per vector." },
  { file: "dimensions-not-indexable", where: ":12 Article.body:", message: "6000 dimensions is beyond what pgvector can index (4,000 as halfvec); use fewer dimensions or index: none." },
  { file: "unknown-provider", where: ":12 Article.body:", message: 'model names the unknown provider "opnai" in "opnai:text-embedding-3-small"' },
  { file: "syntax-error", where: ":13 Article.summary:", message: "cannot parse the annotation: expected `,` or `)`" },
];

describe("prisma generate fails on wrong annotations, with located messages", () => {
  it.each(errorCases)("$file", ({ file, where, message }) => {
    const path = `test/fixtures/generator/errors/${file}.prisma`;
    const result = runPrismaGenerate(path);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain("prisma-ai found 1 problem in the /// @ai annotations");
    expect(result.output).toContain(`${path}${where} ${message}`);
    expect(result.output).not.toMatch(/^\s+at /m);
  });

  it("names the right file and line of a schema split over several files", () => {
    const result = runPrismaGenerate("test/fixtures/generator/multi-file");
    expect(result.status).not.toBe(0);
    expect(result.output).toContain(
      "test/fixtures/generator/multi-file/article.prisma:5 Article.summary: the prompt's placeholder {bodi} names no field of Article. Did you mean {body}?",
    );
  });

  it("reports every problem of every model at once", () => {
    const path = "test/fixtures/generator/errors/many-problems.prisma";
    const result = runPrismaGenerate(path);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain("prisma-ai found 3 problems");
    expect(result.output).toContain(`${path}:10 Article: distance must be one of cosine, l2, inner_product, not cosin. Did you mean "cosine"?`);
    expect(result.output).toContain(`${path}:15 Article.summary: on lists create and/or update, e.g. on: [create, update], not upsert.`);
    expect(result.output).toContain(`${path}:21 Note.text: dimensions must be a positive integer, not -3.`);
  });
});
