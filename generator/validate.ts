// Validation: DMMF + parsed annotations + generator options -> the intermediate model (an AISchema), with every
// problem collected as a located Diagnostic (never thrown one at a time). The generator block is read in
// `validate-generator-block.ts`, each model in `validate-model.ts`, the values both check in `validate-values.ts`.
import type { DMMF } from "@prisma/generator-helper";
import type { AISchema, ModelMeta, TableMeta } from "../src/schema/index.js";
import type { Diagnostic } from "./diagnostics.js";
import type { SourceLocations } from "./source-locations.js";
import { tableMeta } from "./table-meta.js";
import { readGeneratorDefaults } from "./validate-generator-block.js";
import { ModelValidation } from "./validate-model.js";

export { pgvectorLimits } from "./validate-values.js";
export type { GeneratorDefaults } from "./validate-generator-block.js";

/** What validation reads. */
export interface ValidationInput {
  readonly models: readonly DMMF.Model[];
  /** The generator block's options (`generator.config`), strings as Prisma passes them. */
  readonly generatorConfig: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** `provider` of the datasource (`postgresql` is required). */
  readonly datasourceProvider: string | undefined;
  readonly locations: SourceLocations;
}

/** The validated intermediate model, or the problems found. */
export interface ValidationResult {
  readonly schema: AISchema;
  readonly diagnostics: readonly Diagnostic[];
}

/** Validates every annotation of every model; returns the AISchema and all problems found (none when valid). */
export function validateSchema(input: ValidationInput): ValidationResult {
  const diagnostics: Diagnostic[] = [];
  const defaults = readGeneratorDefaults(input.generatorConfig, input.locations.defaultFile, diagnostics);
  if (input.datasourceProvider !== undefined && input.datasourceProvider !== "postgresql" && input.datasourceProvider !== "postgres") {
    diagnostics.push({
      file: input.locations.defaultFile,
      line: undefined,
      message: `the datasource provider is "${input.datasourceProvider}" but prisma-ai needs PostgreSQL with pgvector; set provider = "postgresql".`,
    });
  }
  const byName = new Map(input.models.map((model) => [model.name, model]));
  const models: Record<string, ModelMeta> = {};
  for (const model of [...input.models].sort((a, b) => a.name.localeCompare(b.name))) {
    const meta = new ModelValidation(model, byName, defaults, input.locations, diagnostics).run();
    if (meta) models[model.name] = meta;
  }
  checkEmbeddingsTableNames(models, input.locations, diagnostics);
  diagnostics.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
  const tables: Record<string, TableMeta> = {};
  for (const meta of Object.values(models)) {
    for (const relation of Object.values(meta.relations)) {
      const related = byName.get(relation.model);
      if (related && !models[related.name] && !tables[related.name]) tables[related.name] = tableMeta(related, byName);
    }
  }
  const sortedTables = Object.fromEntries(Object.entries(tables).sort(([a], [b]) => a.localeCompare(b)));
  return { schema: { version: 1, models, tables: sortedTables }, diagnostics };
}

function checkEmbeddingsTableNames(models: Record<string, ModelMeta>, locations: SourceLocations, diagnostics: Diagnostic[]): void {
  const owners = new Map<string, string>();
  for (const meta of Object.values(models)) {
    if (meta.embedded.length === 0) continue;
    const other = owners.get(meta.embeddingsTable);
    if (other) {
      const location = locations.models.get(meta.name);
      diagnostics.push({
        file: location?.file ?? locations.defaultFile,
        line: location?.line,
        model: meta.name,
        message: `its embeddings table prisma_ai."${meta.embeddingsTable}" would be the same as ${other}'s; rename one of the tables with @@map.`,
      });
    } else owners.set(meta.embeddingsTable, meta.name);
  }
}
