// Every `prisma-ai` command, in the order `prisma-ai --help` lists them. Add a command: one file in this folder
// exporting a `Command`, and one entry here.
import type { Command } from "../command.js";
import { backfillCommand } from "./backfill.js";
import { healthCommand } from "./health.js";
import { migrateCommand } from "./migrate.js";
import { retryFailedCommand } from "./retry-failed.js";
import { statusCommand } from "./status.js";
import { workerCommand } from "./worker.js";

/** The commands of the `prisma-ai` binary. */
export const commands: readonly Command[] = [migrateCommand, workerCommand, backfillCommand, statusCommand, retryFailedCommand, healthCommand];
