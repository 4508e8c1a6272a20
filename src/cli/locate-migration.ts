// Finds the `migration.sql` the prisma-ai generator wrote: given directly, in a given generator output folder,
// or in the `output` of the `generator` block whose provider is prisma-ai-generator in the Prisma schema.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { ConfigError } from "../spec/errors/index.js";

/** Where to look; relative paths are resolved against `cwd`. */
export interface MigrationLocation {
  /** Path of a migration.sql. */
  sql?: string;
  /** The generator's output folder (holding index.ts and migration.sql). */
  output?: string;
  /** The Prisma schema file or folder; default `prisma/schema.prisma`, then `prisma/`, then `schema.prisma`. */
  schema?: string;
  cwd: string;
}

/**
 * The absolute path of the generated migration.sql.
 * @throws ConfigError when it cannot be found, saying which option to pass.
 */
export function locateMigrationSql(location: MigrationLocation): string {
  if (location.sql) return existing(resolve(location.cwd, location.sql), "--sql");
  if (location.output) return existing(join(resolve(location.cwd, location.output), "migration.sql"), "--output");
  const candidates = location.schema ? [location.schema] : ["prisma/schema.prisma", "prisma", "schema.prisma"];
  for (const candidate of candidates) {
    const path = resolve(location.cwd, candidate);
    if (!existsSync(path)) continue;
    const files = statSync(path).isDirectory() ? prismaFiles(path) : [path];
    for (const file of files) {
      const output = findGeneratorOutput(readFileSync(file, "utf8"));
      if (output) return existing(join(resolve(dirname(file), output), "migration.sql"), "--schema");
    }
    if (location.schema) break;
  }
  throw new ConfigError(
    `No prisma-ai generator found in ${location.schema ?? "prisma/schema.prisma"}; add \`generator ai { provider = "prisma-ai-generator" output = "..." }\` and run \`prisma generate\`, or pass --sql <path to migration.sql>.`,
  );
}

/** The `output` of the first generator block whose provider mentions prisma-ai, if any. */
export function findGeneratorOutput(schema: string): string | undefined {
  for (const block of schema.matchAll(/^\s*generator\s+\w+\s*\{([^}]*)\}/gm)) {
    const body = block[1]!;
    const provider = /^\s*provider\s*=\s*"([^"]*)"/m.exec(body)?.[1];
    const output = /^\s*output\s*=\s*"([^"]*)"/m.exec(body)?.[1];
    if (provider && /prisma-ai|generator\/bin/.test(provider) && output) return output;
  }
  return undefined;
}

function existing(path: string, option: string): string {
  if (!existsSync(path)) {
    throw new ConfigError(`${path} does not exist (found through ${option}); run \`prisma generate\` first, or pass --sql <path to migration.sql>.`);
  }
  return path;
}

function prismaFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".prisma"))
    .map((entry) => join(dir, entry.name))
    .sort();
}
