// `prisma-ai retry-failed`: re-enqueues the work recorded in prisma_ai.failures and clears those records.
import { retryFailed } from "../../engine/retry-failed.js";
import { ConfigError } from "../../spec/errors/index.js";
import type { Command } from "../command.js";
import { positiveInteger } from "../parse-values.js";
import { environmentHelp, loadProject, projectOptions, projectOptionsHelp, withDatabase } from "../load-project.js";

export const retryFailedCommand: Command = {
  name: "retry-failed",
  summary: "re-enqueue the embeddings and generated fields recorded as failed, and clear those records",
  help: `Usage: prisma-ai retry-failed [--model <Model>]

Puts every failure recorded in prisma_ai.failures (after a job's last attempt) back into the queue: embeddings
into the model's embed job, generated fields as their own jobs; and deletes the records, in one transaction.
Jobs left past their last attempt in Graphile Worker's table (a worker killed during a last attempt) run
again too, and so do jobs stranded by a worker that stopped beating (kill -9, lost machine) for longer than
--heartbeat-timeout (a running worker releases those by itself too). A running \`prisma-ai worker\` picks them up at once. Fix the cause first (provider key, quota, text too long).

Options:
  --model <Model>   only this model's failures
  --heartbeat-timeout <ms>  release the jobs of workers silent this long (default 30000)
${projectOptionsHelp}
  -h, --help        show this help

${environmentHelp}
`,
  options: { ...projectOptions, model: { type: "string" }, "heartbeat-timeout": { type: "string" } },
  async run(arguments_, context) {
    const { values, positionals } = arguments_;
    if (positionals.length > 0) throw new ConfigError(`retry-failed takes no arguments, got "${positionals.join(" ")}"; see \`prisma-ai retry-failed --help\`.`);
    const project = await loadProject(arguments_, context);
    const model = typeof values.model === "string" ? values.model : undefined;
    if (model && !project.schema.models[model]) {
      throw new ConfigError(`${model} is not an annotated model; annotated models: ${Object.keys(project.schema.models).join(", ") || "(none)"}.`);
    }
    const result = await withDatabase(project.connectionString, project.schema, (database) =>
      retryFailed(database, project.schema, { ...(model ? { models: [model] } : {}), heartbeatTimeoutMs: positiveInteger(values["heartbeat-timeout"], "--heartbeat-timeout", 30_000) }),
    );
    const dropped = result.dropped > 0 ? `; ${result.dropped} record(s) of models or fields no longer annotated were deleted` : "";
    const dead = result.deadJobs > 0 ? `; ${result.deadJobs} job(s) left past their last attempt run again` : "";
    const released = result.releasedJobs > 0 ? `; ${result.releasedJobs} job(s) stranded by dead workers released` : "";
    context.stdout.write(`prisma-ai retry-failed: re-enqueued ${result.embed} embedding(s) and ${result.generate} generated field(s)${dropped}${dead}${released}.\n`);
    return 0;
  },
};
