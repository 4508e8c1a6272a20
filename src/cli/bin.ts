#!/usr/bin/env node
// The `prisma-ai` binary.
import { commands } from "./commands/index.js";
import { runCli } from "./router.js";

process.exitCode = await runCli(process.argv.slice(2), commands, {
  env: process.env,
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
});
