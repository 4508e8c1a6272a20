// What the job commands (worker, backfill, status, retry-failed) load from the user's project: the database
// URL, the generated `aiSchema` module, and the AI core (a `--config` module exporting `ai`, or providers from
// the environment).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { assertMigrated } from "../engine/migration-check.js";
import { poolExecutor } from "../engine/pg-executor.js";
import { createAI, type AI } from "../ai/create-ai.js";
import type { CreateAIOptions } from "../router/router-types.js";
import type { AISchema } from "../schema/ai-schema.js";
import { AIError, ConfigError } from "../spec/errors/index.js";
import type { SqlExecutor } from "../sql/sql-executor.js";
import type { ParsedArguments } from "./command.js";
import { findGeneratorOutput } from "./locate-migration.js";

/** Options every job command shares (merge into a command's `options`). */
export const projectOptions = {
  "schema-module": { type: "string" },
  config: { type: "string" },
  schema: { type: "string" },
} as const;

/** Help text of {@link projectOptions} and the environment they read. */
export const projectOptionsHelp = `  --schema-module <file>  the generated aiSchema module (the prisma-ai generator's index.ts, or its
                          compiled .js); default: index.js, else index.ts, in the generator's output
  --config <file>         a module exporting \`ai\` (createAI(...)) and optionally \`aiSchema\`; default:
                          createAI() with built-in providers' keys from the environment, plus
                          PRISMA_AI_PROVIDERS
  --schema <file>         the Prisma schema whose prisma-ai generator block names the output folder;
                          default prisma/schema.prisma`;

/** Help text for the environment variables. */
export const environmentHelp = `Environment:
  DATABASE_URL            PostgreSQL connection string (required)
  PRISMA_AI_PROVIDERS     JSON of createAI's \`providers\`, e.g.
                          {"local":{"driver":"openai-compatible","baseURL":"http://127.0.0.1:8000/v1"}}
  OPENAI_API_KEY, ...     API keys of the built-in providers`;

/** The connection string, or a one-sentence ConfigError. */
export function requireDatabaseUrl(env: Readonly<Record<string, string | undefined>>): string {
  const url = env.DATABASE_URL?.trim();
  if (!url) {
    throw new ConfigError("DATABASE_URL is not set; set it to your PostgreSQL connection string (postgresql://user:password@host:5432/database) and run the command again.");
  }
  return url;
}

/** A module path given on the command line or found through the Prisma schema, imported (TypeScript through tsx). */
async function importModule(path: string, what: string): Promise<Record<string, unknown>> {
  if (!existsSync(path)) throw new ConfigError(`${what} ${path} does not exist; pass its path (see --help).`);
  const url = pathToFileURL(path).href;
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (!/\.[cm]?tsx?$/.test(path) || (code !== "ERR_UNKNOWN_FILE_EXTENSION" && code !== "ERR_MODULE_NOT_FOUND")) throw error;
    let tsx: { tsImport(specifier: string, parent: string): Promise<unknown> };
    try {
      tsx = (await import("tsx/esm/api")) as typeof tsx;
    } catch {
      throw new ConfigError(`${what} ${path} is TypeScript; compile it to .js, or run the command as \`node --import tsx node_modules/.bin/prisma-ai ...\`.`);
    }
    return (await tsx.tsImport(url, import.meta.url)) as Record<string, unknown>;
  }
}

/** Finds the generated schema module: --schema-module, or index.js/index.ts in the generator output of the Prisma schema. */
export function locateSchemaModule(values: ParsedArguments["values"], cwd: string): string {
  if (typeof values["schema-module"] === "string") return resolve(cwd, values["schema-module"]);
  const candidates = typeof values.schema === "string" ? [values.schema] : ["prisma/schema.prisma", "schema.prisma"];
  for (const candidate of candidates) {
    const file = resolve(cwd, candidate);
    if (!existsSync(file) || !file.endsWith(".prisma")) continue;
    const output = findGeneratorOutput(readFileSync(file, "utf8"));
    if (!output) continue;
    const folder = resolve(dirname(file), output);
    for (const name of ["index.js", "index.mjs", "index.ts"]) if (existsSync(join(folder, name))) return join(folder, name);
    throw new ConfigError(`The prisma-ai generator output ${folder} has no index.ts; run \`prisma generate\` first.`);
  }
  throw new ConfigError(
    "No aiSchema module found: pass --schema-module <path to the prisma-ai generator's index.ts or .js>, or --schema <schema.prisma with a prisma-ai generator block>.",
  );
}

/** What a job command works with. */
export interface LoadedProject {
  schema: AISchema;
  ai: AI;
  connectionString: string;
}

/** Loads DATABASE_URL, the aiSchema and the AI core. */
export async function loadProject(arguments_: ParsedArguments, context: { env: Readonly<Record<string, string | undefined>>; cwd: string }): Promise<LoadedProject> {
  const connectionString = requireDatabaseUrl(context.env);
  const config = typeof arguments_.values.config === "string" ? await importModule(resolve(context.cwd, arguments_.values.config), "The config module") : undefined;
  let schema = (config?.aiSchema ?? (config?.default as Record<string, unknown> | undefined)?.aiSchema) as AISchema | undefined;
  if (!schema || typeof arguments_.values["schema-module"] === "string") {
    const path = locateSchemaModule(arguments_.values, context.cwd);
    const module = await importModule(path, "The aiSchema module");
    schema = (module.aiSchema ?? (module.default as Record<string, unknown> | undefined)?.aiSchema) as AISchema | undefined;
    if (!schema) throw new ConfigError(`${path} does not export \`aiSchema\`; pass the prisma-ai generator's index.ts (or its compiled .js).`);
  }
  if (schema.version !== 1) throw new ConfigError(`The aiSchema has version ${String(schema.version)}, which this prisma-ai does not read; run \`prisma generate\` with the installed prisma-ai.`);
  const configured = (config?.ai ?? (config?.default as Record<string, unknown> | undefined)?.ai) as AI | undefined;
  const ai = configured ?? createAI({ providers: providersFromEnvironment(context.env) });
  return { schema, ai, connectionString };
}

/** `createAI` providers from PRISMA_AI_PROVIDERS (JSON), or none. */
export function providersFromEnvironment(env: Readonly<Record<string, string | undefined>>): CreateAIOptions["providers"] {
  const text = env.PRISMA_AI_PROVIDERS?.trim();
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("not an object");
    return parsed as CreateAIOptions["providers"];
  } catch {
    throw new ConfigError('PRISMA_AI_PROVIDERS is not a JSON object; set it like {"local":{"driver":"openai-compatible","baseURL":"http://127.0.0.1:8000/v1"}}.');
  }
}

/** Opens a pool, checks the prisma_ai migration is applied, runs `work`, closes the pool. */
export async function withDatabase<T>(connectionString: string, schema: AISchema, work: (database: SqlExecutor, pool: pg.Pool) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({ connectionString, max: 4 });
  pool.on("error", () => undefined);
  try {
    const database = poolExecutor(pool);
    try {
      await assertMigrated(database, schema);
    } catch (error) {
      if (AIError.isInstance(error)) throw error;
      throw new ConfigError(`Cannot reach the database at DATABASE_URL (${(error as Error).message}); check the connection string and that PostgreSQL is running.`, { cause: error });
    }
    return await work(database, pool);
  } finally {
    await pool.end();
  }
}
