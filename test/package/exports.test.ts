// The package as users get it: `tsc` builds dist/, then every `exports` path and both bins are loaded from it
// through the package's own name (Node resolves a package's self-reference through its `exports`).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const packageJson = JSON.parse(readFileSync(`${root}/package.json`, "utf8")) as {
  exports: Record<string, { import: string; types: string }>;
  bin: Record<string, string>;
};

function node(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: root, encoding: "utf8" });
}

describe("the built package", () => {
  beforeAll(() => {
    execFileSync(process.execPath, [`${root}/node_modules/typescript/bin/tsc`, "-p", "tsconfig.build.json"], { cwd: root, stdio: "pipe" });
  }, 180_000);

  it("exports the core, the client extension and the error hierarchy from `prisma-extension-ai`", () => {
    const names = JSON.parse(node(["--input-type=module", "-e", "const m = await import('prisma-extension-ai'); console.log(JSON.stringify(Object.keys(m)))"])) as string[];
    expect(names).toEqual(expect.arrayContaining(["createAI", "withAI", "AIError", "ConfigError", "ProviderError", "buildMigrationSql"]));
  });

  it("exports runAIWorker and the task list from `prisma-extension-ai/worker`", () => {
    const names = JSON.parse(node(["--input-type=module", "-e", "const m = await import('prisma-extension-ai/worker'); console.log(JSON.stringify(Object.keys(m)))"])) as string[];
    expect(names).toEqual(expect.arrayContaining(["runAIWorker", "createAITaskList"]));
  });

  it("exports fakeAI from `prisma-extension-ai/testing` and the AI SDK interop from `prisma-extension-ai/ai-sdk`", () => {
    const testing = JSON.parse(node(["--input-type=module", "-e", "const m = await import('prisma-extension-ai/testing'); console.log(JSON.stringify(Object.keys(m)))"])) as string[];
    expect(testing.sort()).toEqual(["fakeAI", "fakeEmbedding"]);
    const aiSdk = JSON.parse(node(["--input-type=module", "-e", "const m = await import('prisma-extension-ai/ai-sdk'); console.log(JSON.stringify(Object.keys(m)))"])) as string[];
    expect(aiSdk.sort()).toEqual(["ChatModelFromAISDK", "EmbeddingModelFromAISDK", "aiSdkChatModel", "aiSdkEmbeddingModel", "aiSdkTools", "fromAISDK"]);
    // The root entry never imports the AI SDK (an optional peer): walk its built import graph.
    const seen = new Set<string>();
    const packages = new Set<string>();
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const [, specifier] of readFileSync(file, "utf8").matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)) {
        if (specifier!.startsWith(".")) walk(fileURLToPath(new URL(specifier!, `file://${file}`)));
        else packages.add(specifier!);
      }
    };
    walk(`${root}/dist/src/index.js`);
    expect(seen.size).toBeGreaterThan(50);
    expect([...packages].filter((name) => name === "ai" || name.startsWith("@ai-sdk/"))).toEqual([]);
  });

  it("exports the generator pipeline from `prisma-extension-ai/generator`", () => {
    const names = JSON.parse(node(["--input-type=module", "-e", "const m = await import('prisma-extension-ai/generator'); console.log(JSON.stringify(Object.keys(m)))"])) as string[];
    expect(names).toEqual(expect.arrayContaining(["parseAnnotations", "validateSchema", "generateFiles"]));
  });

  it("points every export at a built file with its declarations", () => {
    for (const [path, target] of Object.entries(packageJson.exports)) {
      if (typeof target === "string") continue;
      expect(() => readFileSync(`${root}/${target.import}`), path).not.toThrow();
      expect(() => readFileSync(`${root}/${target.types}`), path).not.toThrow();
    }
  });

  it("ships both bins as executables with a node shebang; `prisma-ai --help` lists the commands", () => {
    for (const file of Object.values(packageJson.bin)) {
      expect(readFileSync(`${root}/${file}`, "utf8").startsWith("#!/usr/bin/env node\n"), file).toBe(true);
    }
    const help = node([packageJson.bin["prisma-ai"]!, "--help"]);
    for (const command of ["migrate", "worker", "backfill", "status", "retry-failed"]) expect(help).toContain(command);
  });
});
