// generate-50-models: `prisma generate` on a 50-model schema (25 annotated) with the prisma-ai generator next to
// Prisma's client generator, vs the same schema with the client generator only. Both run the real Prisma 7 CLI.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { fiftyModelSchema } from "../../test/fixtures/generator/fifty-models.js";
import { repositoryRoot, runPrismaGenerate } from "../../test/fixtures/generator/prisma-generate.js";
import { compare, round, type Scenario } from "../support/measure.js";

const workDir = ".cache/bench-generate";

function writeSchema(name: string, withAIGenerator: boolean): string {
  const dir = `${workDir}/${name}`;
  rmSync(`${repositoryRoot}${dir}`, { recursive: true, force: true });
  mkdirSync(`${repositoryRoot}${dir}`, { recursive: true });
  // importFrom only matters for type checking the output, which this benchmark does not do.
  writeFileSync(`${repositoryRoot}${dir}/schema.prisma`, fiftyModelSchema({ withAIGenerator, output: "./generated", importFrom: "prisma-ai" }));
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
    const withAI = writeSchema("with-ai", true);
    const without = writeSchema("without-ai", false);
    const { ours, baseline } = await compare(generate(withAI), generate(without), 5);
    return {
      ours_ms: round(ours),
      baseline_ms: round(baseline),
      ratio: round(ours / baseline),
      notes:
        "Wall time of `prisma generate --schema` (Prisma 7 CLI, new process each run) on 50 models / 25 annotated; " +
        "ours = prisma-client + prisma-ai generators, baseline = prisma-client only; medians of 5 alternating rounds. " +
        "The prisma-ai generator runs from TypeScript through `node --import tsx` (the published one is compiled JS, so slightly faster).",
    };
  },
};
