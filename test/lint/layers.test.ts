// The layer rules of `npm run lint` (.dependency-cruiser.cjs) catch what they are meant to: run over a fixture
// tree that breaks each kind of rule on purpose, and over one that follows them. No database; about a second.
import { fileURLToPath } from "node:url";
import { cruise, type ICruiseResult, type IViolation } from "dependency-cruiser";
import extractDepcruiseConfig from "dependency-cruiser/config-utl/extract-depcruise-config";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** The violations `depcruise src generator --config .dependency-cruiser.cjs` reports for a fixture tree. */
async function violations(tree: "violations" | "clean"): Promise<string[]> {
  const config = await extractDepcruiseConfig(`${root}.dependency-cruiser.cjs`);
  const tsConfig = extractTSConfig(`${root}tsconfig.json`);
  const result = await cruise(["src", "generator"], { ...config.options, ruleSet: config, validate: true, baseDir: `${root}test/fixtures/layers/${tree}` }, undefined, { tsConfig });
  const { summary } = result.output as ICruiseResult;
  return summary.violations.map((violation: IViolation) => `${violation.rule.name}: ${violation.from} -> ${violation.to.replace(/^(\.\.\/)+/, "")}`).sort();
}

describe("layer rules (.dependency-cruiser.cjs)", () => {
  it("report a layer violation, a cycle held by a type-only import, Prisma and Graphile Worker in the engine, and the generator importing the router", async () => {
    expect(await violations("violations")).toEqual([
      "generator-layers: generator/index.ts -> src/router/registry.ts",
      "layer-spec: src/spec/model.ts -> src/router/registry.ts",
      "no-circular: src/router/fallbacks.ts -> src/router/registry.ts",
      "only-extension-imports-prisma-client: src/engine/search.ts -> node_modules/@prisma/client/extension.d.ts",
      "only-jobs-import-graphile-worker: src/engine/search.ts -> node_modules/graphile-worker/dist/index.js",
    ]);
  });

  it("pass a tree that follows the layers (the adapters import Prisma and Graphile Worker)", async () => {
    expect(await violations("clean")).toEqual([]);
  });
});
