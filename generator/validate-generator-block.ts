// The `generator ai { ... }` block: defaults for every @ai.model / @ai.embed (embedding model, dimensions,
// distance, index).
import type { DistanceMetric, VectorIndexKind } from "../src/schema/index.js";
import type { Diagnostic } from "./diagnostics.js";
import { didYouMean } from "./suggest.js";
import { checkDimensions, checkModelString, distances, generatorOptions, indexKinds } from "./validate-values.js";

/** Defaults from the `generator ai { ... }` block. */
export interface GeneratorDefaults {
  embeddingModel?: string;
  dimensions?: number;
  distance?: DistanceMetric;
  index?: VectorIndexKind;
}

/**
 * Reads the `generator ai { ... }` block's options (`generatorConfig`, strings as Prisma passes them); each
 * problem becomes a diagnostic on `file` (the schema file), prefixed "generator block:".
 */
export function readGeneratorDefaults(
  generatorConfig: Readonly<Record<string, string | readonly string[] | undefined>>,
  file: string,
  diagnostics: Diagnostic[],
): GeneratorDefaults {
  const defaults: GeneratorDefaults = {};
  const report = (message: string) => diagnostics.push({ file, line: undefined, message: `generator block: ${message}` });
  for (const [key, raw] of Object.entries(generatorConfig)) {
    if (raw === undefined || key === "importFrom") continue;
    const value = Array.isArray(raw) ? raw.join(",") : (raw as string);
    if (key === "embeddingModel") {
      const problem = checkModelString(value);
      if (problem) report(`embeddingModel ${problem}`);
      else defaults.embeddingModel = value;
    } else if (key === "dimensions") {
      const dimensions = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
      const problem = checkDimensions(dimensions, value);
      if (problem) report(problem);
      else defaults.dimensions = dimensions;
    } else if (key === "distance") {
      if ((distances as readonly string[]).includes(value)) defaults.distance = value as DistanceMetric;
      else report(`distance must be one of ${distances.join(", ")}, not "${value}".${didYouMean(value, distances)}`);
    } else if (key === "index") {
      if ((indexKinds as readonly string[]).includes(value)) defaults.index = value as VectorIndexKind;
      else report(`index must be one of ${indexKinds.join(", ")}, not "${value}".${didYouMean(value, indexKinds)}`);
    } else {
      report(`unknown option "${key}" (known: ${generatorOptions.join(", ")}).${didYouMean(key, generatorOptions)}`);
    }
  }
  return defaults;
}
