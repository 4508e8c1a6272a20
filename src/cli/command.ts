// What a `prisma-ai` command is: a name, its help, its options (node:util parseArgs), and a run function that
// writes through the given streams and returns an exit code. One file per command in commands/.
import type { ParseArgsConfig } from "node:util";

/** Where a command reads its environment and writes its output (process.* in the binary, buffers in tests). */
export interface CommandContext {
  /** Environment variables (DATABASE_URL, ...). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Directory relative paths are resolved against. */
  readonly cwd: string;
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/** The parsed command line of one command. */
export interface ParsedArguments {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

/** One `prisma-ai <name>` command. */
export interface Command {
  /** The word after `prisma-ai`, e.g. `migrate`. */
  readonly name: string;
  /** One line for `prisma-ai --help`. */
  readonly summary: string;
  /** The full `prisma-ai <name> --help` text (usage, options, examples). */
  readonly help: string;
  /** Options for node:util `parseArgs` (`--help` is added by the router). */
  readonly options: NonNullable<ParseArgsConfig["options"]>;
  /** Runs the command; resolves to the process exit code. Throw an AIError for a clear one-sentence failure. */
  run(arguments_: ParsedArguments, context: CommandContext): Promise<number>;
}
