// The checks of documentation blocks that need no compiler: commands named in shell-like blocks, and the
// schema text `prisma generate` is run on for ```prisma blocks. Used by test/docs/snippets.test.ts.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { commands } from "../../src/cli/commands/index.js";

/** How each block language is checked. */
export type BlockKind = "compiled" | "prisma" | "json" | "commands" | "snippet-only" | "output";

const kinds: Readonly<Record<string, BlockKind>> = {
  ts: "compiled",
  typescript: "compiled",
  tsx: "compiled",
  mts: "compiled",
  prisma: "prisma",
  json: "json",
  bash: "commands",
  sh: "commands",
  shell: "commands",
  console: "commands",
  dockerfile: "commands",
  docker: "commands",
  yaml: "commands",
  yml: "commands",
  ini: "commands",
  systemd: "commands",
  procfile: "commands",
  toml: "commands",
  dotenv: "commands",
  // SQL is kept in files under examples/ and included, like TypeScript.
  sql: "snippet-only",
  // What a command prints: not code, nothing to run.
  text: "output",
};

/** The check a block of this language gets; undefined for a language the harness does not know (a failure). */
export function blockKind(language: string): BlockKind | undefined {
  return kinds[language];
}

/** The languages the harness knows, for failure messages. */
export const knownLanguages = Object.keys(kinds);

/** The project's package.json, read once. */
export function readPackage(root: string): { name: string; scripts: Record<string, string>; allDependencies: Set<string> } {
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as Record<string, Record<string, string> | string>;
  const allDependencies = new Set<string>();
  for (const group of ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"]) {
    for (const name of Object.keys((manifest[group] as Record<string, string> | undefined) ?? {})) allDependencies.add(name);
  }
  return { name: manifest.name as string, scripts: (manifest.scripts as Record<string, string> | undefined) ?? {}, allDependencies };
}

/** Prisma CLI commands (`prisma --help`, Prisma 7) and the subcommands of `migrate` and `db`. */
const prismaCommands: Readonly<Record<string, readonly string[]>> = {
  init: [],
  generate: [],
  validate: [],
  format: [],
  studio: [],
  version: [],
  debug: [],
  dev: [],
  migrate: ["dev", "deploy", "reset", "status", "resolve", "diff"],
  db: ["push", "pull", "seed", "execute"],
};

const npmCommands = new Set(["ci", "test", "run", "install", "i", "add", "pack", "exec", "init", "start"]);

/**
 * Problems with the commands a shell-like block runs: `prisma-ai <command> --options` must name a command and
 * options of our CLI, `prisma <command>` one of Prisma's, `npm run <script>` a script of package.json and
 * `npm install <package>` our package or one of its dependencies.
 */
export function checkCommands(text: string, language: string, project: ReturnType<typeof readPackage>): string[] {
  const problems: string[] = [];
  for (const line of logicalLines(text, language)) {
    const words = tokenise(line);
    for (let index = 0; index < words.length; index++) {
      const invocation = invocationAt(words, index);
      if (!invocation) continue;
      const args = argumentsFrom(words, invocation.argsStart);
      problems.push(...checkInvocation(invocation.program, args, project).map((problem) => `${problem} (in: ${line.trim()})`));
      index = invocation.argsStart + args.length - 1;
    }
  }
  return problems;
}

function checkInvocation(program: "prisma-ai" | "prisma" | "npm", args: readonly string[], project: ReturnType<typeof readPackage>): string[] {
  const [first, ...rest] = args;
  if (program === "prisma-ai") {
    if (first === undefined || first === "--help" || first === "-h") return [];
    const command = commands.find((candidate) => candidate.name === first);
    if (!command) return [`prisma-ai has no command "${first}" (commands: ${commands.map((candidate) => candidate.name).join(", ")})`];
    const options = new Set([...Object.keys(command.options), "help"]);
    return rest
      .filter((word) => word.startsWith("--"))
      .map((word) => word.slice(2).split("=")[0]!)
      .filter((option) => !options.has(option))
      .map((option) => `prisma-ai ${command.name} has no option --${option} (options: ${[...options].map((name) => `--${name}`).join(", ")})`);
  }
  if (program === "prisma") {
    if (first === undefined || first.startsWith("-")) return [];
    const subcommands = prismaCommands[first];
    if (!subcommands) return [`prisma has no command "${first}"`];
    const sub = rest[0];
    if (subcommands.length > 0 && (sub === undefined || !subcommands.includes(sub))) return [`prisma ${first} has no subcommand "${sub ?? ""}"`];
    return [];
  }
  if (first === undefined) return ["npm without a command"];
  if (!npmCommands.has(first)) return [`npm ${first}: not a command the docs are expected to use`];
  if (first === "run") {
    const script = rest.find((word) => !word.startsWith("-"));
    return script !== undefined && !(script in project.scripts) ? [`package.json has no script "${script}"`] : [];
  }
  if (first === "install" || first === "i" || first === "add") {
    const names = rest.filter((word) => !word.startsWith("-") && !isPathOrUrl(word)).map(packageName);
    return names
      .filter((name) => name !== project.name && !project.allDependencies.has(name))
      .map((name) => `npm install ${name}: neither this package (${project.name}) nor one of its dependencies`);
  }
  return [];
}

function isPathOrUrl(word: string): boolean {
  return /^(\.|\/|~|file:|git\+|https?:)/.test(word) || word.endsWith(".tgz") || word.includes("<");
}

/** `@scope/name@1.2` -> `@scope/name`, `name@^1` -> `name`. */
function packageName(word: string): string {
  const at = word.indexOf("@", 1);
  return at > 0 ? word.slice(0, at) : word;
}

/** Lines with `\` continuations joined and shell comments dropped; JSON-array commands (`["npx", "prisma-ai"]`) as words. */
function logicalLines(text: string, language: string): string[] {
  const joined = text.replace(/\\\n/g, " ");
  return joined.split("\n").map((line) => {
    let result = line.replace(/\[\s*("[^"]*"\s*(,\s*"[^"]*"\s*)*)\]/g, (_match, items: string) =>
      (JSON.parse(`[${items}]`) as string[]).join(" "),
    );
    if (language !== "ini" && language !== "systemd") result = stripComment(result);
    return result;
  });
}

function stripComment(line: string): string {
  let quote: string | undefined;
  for (let index = 0; index < line.length; index++) {
    const char = line[index]!;
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (char === "#" && (index === 0 || /\s/.test(line[index - 1]!))) {
      return line.slice(0, index);
    }
  }
  return line;
}

const separators = new Set(["&&", "||", ";", "|", "&", "(", ")", "$("]);

/** Shell-like words: quotes group (and are removed), `&&`, `||`, `;`, `|` are words of their own. */
export function tokenise(line: string): string[] {
  const words: string[] = [];
  let current = "";
  let quote: string | undefined;
  let inWord = false;
  const flush = () => {
    if (inWord) words.push(current);
    current = "";
    inWord = false;
  };
  for (let index = 0; index < line.length; index++) {
    const char = line[index]!;
    if (quote) {
      if (char === quote) quote = undefined;
      else current += char;
      continue;
    }
    if (char === "'" || char === '"') {
      quote = char;
      inWord = true;
    } else if (/\s/.test(char)) {
      flush();
    } else if ("&|;()".includes(char) || (char === "$" && line[index + 1] === "(")) {
      flush();
      const two = line.slice(index, index + 2);
      if (two === "&&" || two === "||" || two === "$(") {
        words.push(two);
        index++;
      } else {
        words.push(char);
      }
    } else {
      current += char;
      inWord = true;
    }
  }
  flush();
  return words;
}

function invocationAt(words: readonly string[], index: number): { program: "prisma-ai" | "prisma" | "npm"; argsStart: number } | undefined {
  const word = words[index]!;
  const previous = index > 0 ? words[index - 1]! : undefined;
  const atCommandStart = previous === undefined || separators.has(previous) || /^[A-Z_][A-Z0-9_]*=/.test(previous) || previous === "exec" || previous === "RUN" || previous === "CMD" || /=$/.test(previous);
  if (word === "npx" && words[index + 1] !== undefined) {
    const next = words[index + 1]!;
    if (next === "prisma-ai" || next === "prisma") return { program: next, argsStart: index + 2 };
    return undefined;
  }
  if (word === "prisma-ai" || word.endsWith("/prisma-ai")) {
    if (previous === "npx") return undefined;
    if (atCommandStart || word.endsWith("/prisma-ai") || previous === "node") return { program: "prisma-ai", argsStart: index + 1 };
  }
  if (word === "npm" && atCommandStart) return { program: "npm", argsStart: index + 1 };
  return undefined;
}

function argumentsFrom(words: readonly string[], start: number): string[] {
  const args: string[] = [];
  for (let index = start; index < words.length; index++) {
    const word = words[index]!;
    if (separators.has(word) || /^\d?[<>]/.test(word)) break;
    args.push(word);
  }
  return args;
}

/**
 * The schema `prisma generate --generator ai` checks for a ```prisma block: the block itself, with a datasource
 * and a prisma-ai generator added when it has none, and the generator's provider pointed at this repository's
 * generator (an application's `provider = "prisma-ai-generator"` names the installed binary) and its output at
 * `outputDir`.
 */
export function schemaForValidation(block: string, generatorCommand: string, outputDir: string): string {
  let schema = block;
  const aiGenerator = /generator\s+ai\s*\{[^}]*\}/.exec(schema);
  if (aiGenerator) {
    const rewritten = aiGenerator[0]
      .replace(/(provider\s*=\s*)"[^"]*"/, `$1${JSON.stringify(generatorCommand)}`)
      .replace(/(output\s*=\s*)"[^"]*"/, `$1${JSON.stringify(outputDir)}`);
    schema = schema.replace(aiGenerator[0], rewritten);
  } else {
    schema = `generator ai {\n  provider = ${JSON.stringify(generatorCommand)}\n  output   = ${JSON.stringify(outputDir)}\n}\n\n${schema}`;
  }
  if (!/datasource\s+\w+\s*\{/.test(schema)) schema = `datasource db {\n  provider = "postgresql"\n}\n\n${schema}`;
  return schema;
}
