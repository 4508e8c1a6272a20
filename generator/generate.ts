// The pipeline without globals: schema sources + DMMF + generator options -> parse -> validate -> emit.
// Pure apart from nothing: file reading and writing happen in handler.ts.
import { relative } from "node:path";
import type { DMMF } from "@prisma/generator-helper";
import type { AISchema } from "../src/schema/index.js";
import { buildMigrationSql } from "../src/sql/migration-script.js";
import { SchemaAnnotationError } from "./diagnostics.js";
import { emitSchemaModule } from "./emit-schema-module.js";
import { locateDeclarations, type SchemaSource } from "./source-locations.js";
import { validateSchema } from "./validate.js";

/** Everything the pipeline reads; {@link generateFiles} touches no file system and no global. */
export interface GenerateFilesInput {
  /** The schema file(s) with paths as they should appear in messages. */
  readonly sources: readonly SchemaSource[];
  readonly models: readonly DMMF.Model[];
  /** The generator block's options. `importFrom` is the generator's own (where `index.ts` imports types from). */
  readonly generatorConfig: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly datasourceProvider: string | undefined;
  /** Absolute output folder (only used to write the schema path relative to it in headers). */
  readonly outputDir: string;
  /** Absolute path of the main schema file. */
  readonly schemaPath: string;
  /** `prisma-ai-generator <version>`. */
  readonly generatedBy: string;
}

/** A file the generator writes, relative to its output folder. */
export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}

/** Names of the files written into `output`. */
export const outputFileNames = { schemaModule: "index.ts", migration: "migration.sql" } as const;

/**
 * Runs the pipeline: locates declarations, parses and validates the annotations, and emits `index.ts` and
 * `migration.sql`.
 * @throws SchemaAnnotationError listing every problem when any annotation is wrong.
 */
export function generateFiles(input: GenerateFilesInput): { schema: AISchema; files: GeneratedFile[] } {
  const importFrom = input.generatorConfig.importFrom;
  const { schema, diagnostics } = validateSchema({
    models: input.models,
    generatorConfig: input.generatorConfig,
    datasourceProvider: input.datasourceProvider,
    locations: locateDeclarations(input.sources),
  });
  if (diagnostics.length > 0) throw new SchemaAnnotationError(diagnostics);
  const schemaPath = relative(input.outputDir, input.schemaPath).split("\\").join("/");
  return {
    schema,
    files: [
      {
        path: outputFileNames.schemaModule,
        content: emitSchemaModule(schema, {
          generatedBy: input.generatedBy,
          schemaPath,
          ...(typeof importFrom === "string" ? { importFrom } : {}),
        }),
      },
      { path: outputFileNames.migration, content: buildMigrationSql(schema, { triggers: true, generatedBy: input.generatedBy }) },
    ],
  };
}
