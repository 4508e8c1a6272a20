// `prisma-ai worker`: runs the prisma_ai jobs (embeddings, generated fields, backfills) until SIGINT/SIGTERM.
import { closeSharedDispatchers } from "../../http/dispatcher.js";
import { ConfigError } from "../../spec/errors/index.js";
import { runAIWorker } from "../../worker.js";
import type { Command } from "../command.js";
import { environmentHelp, loadProject, projectOptions, projectOptionsHelp } from "../load-project.js";
import { nonNegativeInteger, positiveInteger } from "../parse-values.js";

export const workerCommand: Command = {
  name: "worker",
  summary: "run the background jobs: embeddings and generated fields after every write (until SIGINT/SIGTERM)",
  help: `Usage: prisma-ai worker [--concurrency <n>] [--job-concurrency <n>] [--schema-module <file>] [--config <file>]

Runs Graphile Worker with the prisma_ai tasks: embeds rows the triggers enqueue (many writes per request),
fills @ai.generate fields, runs backfills. Start as many as you like, on any number of machines: each job
runs once (Graphile Worker locks it). SIGINT/SIGTERM stop it gracefully (running jobs finish, or are released
for a retry after --shutdown-timeout); a second signal stops at once.

Options:
  --concurrency <n>          provider requests in flight at once in this process: embedding batches and
                             generations (default 4)
  --job-concurrency <n>      jobs this process holds at once; one-row embed jobs wait in a batch until it
                             fills, so keep it well above --batch-size (default concurrency x batch size)
  --batch-size <n>           most rows per embedding request (default 100)
  --batch-wait <ms>          how long an incomplete batch waits for more rows (default 5)
  --poll-interval <ms>       how often to look for retries that became due (default 2000); new jobs are
                             announced at once (LISTEN/NOTIFY)
  --shutdown-timeout <ms>    how long a graceful stop waits for running jobs (default 5000)
${projectOptionsHelp}
  -h, --help                 show this help

${environmentHelp}

Examples:
  DATABASE_URL=postgresql://... OPENAI_API_KEY=sk-... npx prisma-ai worker --concurrency 8
  npx prisma-ai worker --schema-module dist/generated/ai/index.js --config dist/ai-config.js
`,
  options: {
    ...projectOptions,
    concurrency: { type: "string" },
    "job-concurrency": { type: "string" },
    "batch-size": { type: "string" },
    "batch-wait": { type: "string" },
    "poll-interval": { type: "string" },
    "shutdown-timeout": { type: "string" },
  },
  async run(arguments_, context) {
    const { values, positionals } = arguments_;
    if (positionals.length > 0) throw new ConfigError(`worker takes no arguments, got "${positionals.join(" ")}"; see \`prisma-ai worker --help\`.`);
    const project = await loadProject(arguments_, context);
    const log = (level: string) => (message: string) => context.stderr.write(`[${new Date().toISOString()}] ${level} ${message}\n`);
    const worker = await runAIWorker({
      connectionString: project.connectionString,
      ai: project.ai,
      schema: project.schema,
      concurrency: positiveInteger(values.concurrency, "--concurrency", 4),
      ...(values["job-concurrency"] !== undefined ? { jobConcurrency: positiveInteger(values["job-concurrency"], "--job-concurrency", 1) } : {}),
      batchSize: positiveInteger(values["batch-size"], "--batch-size", 100),
      batchWaitMs: nonNegativeInteger(values["batch-wait"], "--batch-wait", 5),
      pollInterval: positiveInteger(values["poll-interval"], "--poll-interval", 2_000),
      shutdownTimeoutMs: positiveInteger(values["shutdown-timeout"], "--shutdown-timeout", 5_000),
      handleSignals: false,
      logger: { info: log("info"), warn: log("warn"), error: log("error") },
    });
    const models = Object.values(project.schema.models).map((model) => model.name);
    context.stderr.write(`prisma-ai worker: running (${models.join(", ") || "no annotated models"}); stop with Ctrl-C.\n`);
    const onSignal = (signal: NodeJS.Signals) => {
      context.stderr.write(`prisma-ai worker: ${signal} received, stopping (running jobs finish first; send it again to stop at once).\n`);
      process.removeListener("SIGINT", onSignal);
      process.removeListener("SIGTERM", onSignal);
      process.once("SIGINT", () => void worker.runner.kill().catch(() => undefined));
      process.once("SIGTERM", () => void worker.runner.kill().catch(() => undefined));
      void worker.stop().catch(() => undefined);
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    try {
      await worker.promise;
    } finally {
      process.removeListener("SIGINT", onSignal);
      process.removeListener("SIGTERM", onSignal);
      await closeSharedDispatchers().catch(() => undefined);
    }
    context.stderr.write("prisma-ai worker: stopped.\n");
    return 0;
  },
};
