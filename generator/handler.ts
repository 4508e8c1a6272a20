// generatorHandler wiring: reads the schema files, runs the pipeline, writes the output folder. Problems in the
// annotations fail `prisma generate` with one message listing them all (and no stack trace).
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { GeneratorManifest, GeneratorOptions } from "@prisma/generator-helper";
import { AIError } from "../src/spec/errors/index.js";
import { generateFiles } from "./generate.js";
import type { SchemaSource } from "./source-locations.js";

/** The generator's name and version, e.g. `prisma-ai-generator 0.1.0`. */
export function generatorIdentity(): string {
  return `prisma-ai-generator ${packageVersion()}`;
}

/** Answer to Prisma's `getManifest`. */
export function manifest(): GeneratorManifest {
  return { prettyName: "prisma-ai", version: packageVersion(), requiresGenerators: [] };
}

/**
 * Answer to Prisma's `generate`: writes `index.ts` and `migration.sql` into the generator's `output`.
 * Errors are rethrown with their stack replaced by the message, so Prisma prints the list of problems only.
 */
export async function onGenerate(options: GeneratorOptions): Promise<void> {
  try {
    const outputDir = options.generator.output?.value;
    if (!outputDir) throw new AIError("config", 'The prisma-ai generator block has no output; add output = "../src/generated/ai" to `generator ai { ... }`.');
    const { files } = generateFiles({
      sources: readSchemaSources(options.schemaPath, options.datamodel),
      models: options.dmmf.datamodel.models,
      generatorConfig: withEnvironmentDefaults(options.generator.config, process.env),
      datasourceProvider: options.datasources[0]?.activeProvider ?? options.datasources[0]?.provider,
      outputDir,
      schemaPath: options.schemaPath,
      generatedBy: generatorIdentity(),
    });
    await mkdir(outputDir, { recursive: true });
    for (const file of files) await writeFile(join(outputDir, file.path), file.content);
  } catch (error) {
    if (AIError.isInstance(error)) error.stack = error.message;
    throw error;
  }
}

/**
 * The generator block's options, with `embeddingModel` taken from the environment variable
 * `PRISMA_AI_DEFAULT_EMBEDDING_MODEL` when the block has none (the block wins). The model is written into the
 * generated metadata, so the worker and the extension use the one the vectors were made with.
 */
export function withEnvironmentDefaults(
  config: GeneratorOptions["generator"]["config"],
  environment: Record<string, string | undefined>,
): GeneratorOptions["generator"]["config"] {
  const model = environment.PRISMA_AI_DEFAULT_EMBEDDING_MODEL?.trim();
  return config.embeddingModel === undefined && model ? { ...config, embeddingModel: model } : config;
}

/** The schema file, or every `.prisma` file under a schema folder; falls back to the datamodel Prisma passed. */
export function readSchemaSources(schemaPath: string, datamodel: string): SchemaSource[] {
  const display = (path: string) => relative(process.cwd(), path) || path;
  if (existsSync(schemaPath) && statSync(schemaPath).isDirectory()) {
    return listPrismaFiles(schemaPath).map((path) => ({ path: display(path), text: readFileSync(path, "utf8") }));
  }
  if (existsSync(schemaPath)) {
    const sources = [{ path: display(schemaPath), text: readFileSync(schemaPath, "utf8") }];
    return sources;
  }
  return [{ path: display(schemaPath), text: datamodel }];
}

function listPrismaFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== "migrations" && entry.name !== "node_modules") files.push(...listPrismaFiles(path));
    else if (entry.isFile() && entry.name.endsWith(".prisma")) files.push(path);
  }
  return files;
}

function packageVersion(): string {
  let dir = resolve(fileURLToPath(new URL(".", import.meta.url)));
  for (let step = 0; step < 4; step++) {
    const candidate = join(dir, "package.json");
    if (existsSync(candidate)) {
      const parsed = JSON.parse(readFileSync(candidate, "utf8")) as { name?: string; version?: string };
      if (parsed.name === "prisma-extension-ai" && parsed.version) return parsed.version;
    }
    dir = resolve(dir, "..");
  }
  return "0.0.0";
}
