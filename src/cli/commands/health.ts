// `prisma-ai health --file <path>`: a liveness check for a worker started with `--health-file <path>`. The worker
// rewrites the file every heartbeat interval while its loop is alive (also while the database is down, since a
// restart would not bring the database back); a stalled loop is the watchdog's, a hung process stops writing.
import { readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { ConfigError } from "../../spec/errors/index.js";
import type { Command } from "../command.js";
import { positiveInteger } from "../parse-values.js";

export const healthCommand: Command = {
  name: "health",
  summary: "exit 0 if the worker writing --health-file is alive (a liveness probe), 1 otherwise",
  help: `Usage: prisma-ai health --file <path> [--max-age <ms>]

Checks the file a \`prisma-ai worker --health-file <path>\` rewrites every heartbeat interval (5 s by default):
exits 0 and prints its last line if it was written within --max-age, exits 1 with the reason otherwise. Needs
no database connection, so it is cheap enough for a Kubernetes liveness probe.

Options:
  --file <path>     the worker's --health-file
  --max-age <ms>    how old the file may be (default 30000)
  -h, --help        show this help

Example:
  prisma-ai worker --health-file /tmp/prisma-ai-worker.health &
  prisma-ai health --file /tmp/prisma-ai-worker.health --max-age 30000
`,
  options: { file: { type: "string" }, "max-age": { type: "string" } },
  async run(arguments_, context) {
    const { values, positionals } = arguments_;
    if (positionals.length > 0) throw new ConfigError(`health takes no arguments, got "${positionals.join(" ")}"; see \`prisma-ai health --help\`.`);
    if (typeof values.file !== "string") throw new ConfigError("health needs --file <path>: the path the worker was started with (`prisma-ai worker --health-file <path>`).");
    const maxAgeMs = positiveInteger(values["max-age"], "--max-age", 30_000);
    const path = resolve(context.cwd, values.file);
    let modified: Date;
    let content: string;
    try {
      modified = (await stat(path)).mtime;
      content = (await readFile(path, "utf8")).trim();
    } catch {
      context.stderr.write(`prisma-ai health: unhealthy: ${path} does not exist (the worker has not started, or it stopped).\n`);
      return 1;
    }
    const ageMs = Date.now() - modified.getTime();
    if (ageMs > maxAgeMs) {
      context.stderr.write(`prisma-ai health: unhealthy: ${path} was last written ${Math.round(ageMs / 1000)} s ago (more than ${maxAgeMs} ms).\n`);
      return 1;
    }
    context.stdout.write(`prisma-ai health: healthy: ${content}\n`);
    return 0;
  },
};
