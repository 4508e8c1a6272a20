// generate-50-models: `prisma generate` on a 50-model schema (25 annotated) with the prisma-ai generator next to
// Prisma's client generator, vs the same schema with the client generator only. Both run the real Prisma 7 CLI;
// the generator runs compiled (as `prisma-ai-generator` from dist/ does), built by tsc before timing. For context,
// the same schema with a generator that does nothing (its own process, the DMMF sent to it, no output): what any
// second generator costs in Prisma, before its own work.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { fiftyModelSchema } from "../../test/fixtures/generator/fifty-models.js";
import { repositoryRoot, runPrismaGenerate } from "../../test/fixtures/generator/prisma-generate.js";
import { compare, round, type Scenario } from "../support/measure.js";

const workDir = ".cache/bench-generate";

const buildDir = `${workDir}/dist`;

/** Compiles generator/bin.ts and what it imports to JavaScript (untimed). */
function buildGenerator(): string {
  rmSync(`${repositoryRoot}${buildDir}`, { recursive: true, force: true });
  const tsc = spawnSync(
    process.execPath,
    [
      "node_modules/typescript/bin/tsc",
      "generator/bin.ts",
      ...["--outDir", buildDir, "--rootDir", ".", "--module", "NodeNext", "--moduleResolution", "NodeNext", "--target", "ES2023"],
      ...["--skipLibCheck", "--esModuleInterop", "--types", "node"],
    ],
    { cwd: repositoryRoot, encoding: "utf8" },
  );
  if (tsc.status !== 0) throw new Error(`Compiling the generator failed:\n${tsc.stdout}${tsc.stderr}`);
  return `node ${repositoryRoot}${buildDir}/generator/bin.js`;
}

/** A generator that answers Prisma and writes nothing. */
function writeNoopGenerator(): string {
  const file = `${repositoryRoot}${workDir}/noop-generator.mjs`;
  mkdirSync(`${repositoryRoot}${workDir}`, { recursive: true });
  writeFileSync(
    file,
    `import generatorHelper from "${repositoryRoot}node_modules/@prisma/generator-helper/dist/index.js";\n` +
      `generatorHelper.generatorHandler({ onManifest: () => ({ prettyName: "noop", defaultOutput: "./noop" }), onGenerate: async () => {} });\n`,
  );
  return `node ${file}`;
}

function writeSchema(name: string, withAIGenerator: boolean, generatorProvider?: string): string {
  const dir = `${workDir}/${name}`;
  rmSync(`${repositoryRoot}${dir}`, { recursive: true, force: true });
  mkdirSync(`${repositoryRoot}${dir}`, { recursive: true });
  // importFrom only matters for type checking the output, which this benchmark does not do.
  writeFileSync(`${repositoryRoot}${dir}/schema.prisma`, fiftyModelSchema({ withAIGenerator, output: "./generated", importFrom: "prisma-extension-ai", ...(generatorProvider ? { generatorProvider } : {}) }));
  return `${dir}/schema.prisma`;
}

function generate(schemaPath: string): () => Promise<void> {
  return async () => {
    const result = runPrismaGenerate(schemaPath);
    if (result.status !== 0) throw new Error(`prisma generate failed for ${schemaPath}:\n${result.output}`);
  };
}

export const generateFiftyModels: Scenario = {
  name: "generate-50-models",
  goal: "ratio <= 1.3",
  async run() {
    const withAI = writeSchema("with-ai", true, buildGenerator());
    const without = writeSchema("without-ai", false);
    const { ours, baseline } = await compare(generate(withAI), generate(without), 5);
    const { ours: noop, baseline: noopBaseline } = await compare(generate(writeSchema("noop", true, writeNoopGenerator())), generate(without), 5);
    return {
      ours_ms: round(ours),
      baseline_ms: round(baseline),
      ratio: round(ours / baseline),
      noop_generator_ms: round(noop),
      noop_generator_ratio: round(noop / noopBaseline),
      notes:
        "Wall time of `prisma generate --schema` (Prisma 7 CLI, new process each run) on 50 models / 25 annotated; " +
        "ours = prisma-client + prisma-ai generators, baseline = prisma-client only; medians of 5 alternating rounds. " +
        "The prisma-ai generator runs compiled (tsc output, as the published bin), spawned by Prisma like any generator. " +
        "noop_generator_*: the same with a generator that does nothing (Prisma's cost of any second generator: a process and the DMMF sent to it).",
    };
  },
};
