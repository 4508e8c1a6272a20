// The `prisma-ai` command router: picks the command, parses its options, prints help, and turns errors into
// one clear sentence on stderr and a non-zero exit code (stack traces only with DEBUG=prisma-ai).
import { parseArgs } from "node:util";
import { AIError } from "../spec/errors/index.js";
import type { Command, CommandContext } from "./command.js";

/** Runs `prisma-ai <argv...>` with the given commands; resolves to the exit code. */
export async function runCli(argv: readonly string[], commands: readonly Command[], context: CommandContext): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    const topic = name === "help" ? commands.find((command) => command.name === rest[0]) : undefined;
    context.stdout.write(topic ? topic.help : overview(commands));
    return 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    context.stderr.write(`prisma-ai: unknown command "${name}"; run \`prisma-ai --help\` to list the commands (${commands.map((c) => c.name).join(", ")}).\n`);
    return 2;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...rest], options: { ...command.options, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
  } catch (error) {
    const option = /'(-[^']*)'/.exec((error as Error).message)?.[1];
    const problem = option ? `unknown or incomplete option ${option}` : (error as Error).message.replace(/\.$/, "");
    context.stderr.write(`prisma-ai ${command.name}: ${problem}; run \`prisma-ai ${command.name} --help\` for its options.\n`);
    return 2;
  }
  if (parsed.values.help) {
    context.stdout.write(command.help);
    return 0;
  }
  try {
    return await command.run({ values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals }, context);
  } catch (error) {
    const message = AIError.isInstance(error) ? error.message : `unexpected error: ${(error as Error)?.message ?? String(error)}`;
    context.stderr.write(`prisma-ai ${command.name}: ${message}\n`);
    if (context.env.DEBUG?.includes("prisma-ai") && error instanceof Error && error.stack) context.stderr.write(`${error.stack}\n`);
    return 1;
  }
}

function overview(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    "Usage: prisma-ai <command> [options]",
    "",
    "Commands:",
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    "",
    "Run `prisma-ai <command> --help` for a command's options.",
    "",
  ].join("\n");
}
