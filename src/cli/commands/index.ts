// Every `prisma-ai` command, in the order `prisma-ai --help` lists them. Add a command: one file in this folder
// exporting a `Command`, and one entry here.
import type { Command } from "../command.js";
import { migrateCommand } from "./migrate.js";

/** The commands of the `prisma-ai` binary. */
export const commands: readonly Command[] = [migrateCommand];
