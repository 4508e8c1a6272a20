// `prisma-ai worker`: runs the prisma_ai jobs (embeddings, generated fields, backfills) until SIGINT/SIGTERM.
import { resolve as resolvePath } from "node:path";
import { closeSharedDispatchers } from "../../http/dispatcher.js";
import { ConfigError } from "../../spec/errors/index.js";
import { isConnectionError } from "../../jobs/connection-errors.js";
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
runs once (Graphile Worker locks it). Each worker registers in prisma_ai.workers and beats; the jobs of a
worker that stops beating (kill -9, lost machine) are released by the others after --heartbeat-timeout.
SIGINT/SIGTERM stop it gracefully (running jobs finish, or are put back into the queue after
--shutdown-timeout) and it exits 0; a second signal stops at once. It also stops gracefully when its parent
process dies (\`npx\` may exit on SIGTERM without passing it on). After a database outage it goes on by
itself; if it cannot, it exits 1 for its supervisor to restart it.

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
  --heartbeat-timeout <ms>   a worker silent this long is dead and its jobs are released (default 30000)
  --heartbeat-interval <ms>  how often to beat and look for dead workers (default: a sixth of the timeout)
  --stall-timeout <ms>       restart the job loop when jobs were due this long and none ran (default 60000)
  --summary-interval <ms>    how often to log a summary line; 0 for never (default 60000)
  --health-file <path>       write the time of every heartbeat to this file (for \`prisma-ai health\`)
  --verbose                  log every finished job and the stack of every failed attempt
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
    "heartbeat-timeout": { type: "string" },
    "heartbeat-interval": { type: "string" },
    "stall-timeout": { type: "string" },
    "summary-interval": { type: "string" },
    "health-file": { type: "string" },
    verbose: { type: "boolean" },
  },
  async run(arguments_, context) {
    const { values, positionals } = arguments_;
    if (positionals.length > 0) throw new ConfigError(`worker takes no arguments, got "${positionals.join(" ")}"; see \`prisma-ai worker --help\`.`);
    const project = await loadProject(arguments_, context);
    const log = (level: string) => (message: string) => context.stderr.write(`[${new Date().toISOString()}] ${level} ${message}\n`);
    const heartbeatTimeoutMs = positiveInteger(values["heartbeat-timeout"], "--heartbeat-timeout", 30_000);
    // A lost database connection inside Graphile Worker's background work must not end the process: the worker
    // restarts Graphile Worker by itself. Anything else unhandled is a bug: say it in one line and exit 1.
    const onUnhandled = (error: unknown) => {
      if (isConnectionError(error)) {
        log("warn")(`prisma-ai worker: ${describe(error)} (the database is unreachable; the worker goes on once it answers).`);
        return;
      }
      log("error")(`prisma-ai worker: unexpected error, exiting: ${describe(error)}`);
      process.exit(1);
    };
    process.on("unhandledRejection", onUnhandled);
    process.on("uncaughtException", onUnhandled);
    let worker: Awaited<ReturnType<typeof runAIWorker>>;
    try {
      worker = await runAIWorker({
        connectionString: project.connectionString,
        ai: project.ai,
        schema: project.schema,
        concurrency: positiveInteger(values.concurrency, "--concurrency", 4),
        ...(values["job-concurrency"] !== undefined ? { jobConcurrency: positiveInteger(values["job-concurrency"], "--job-concurrency", 1) } : {}),
        batchSize: positiveInteger(values["batch-size"], "--batch-size", 100),
        batchWaitMs: nonNegativeInteger(values["batch-wait"], "--batch-wait", 5),
        pollInterval: positiveInteger(values["poll-interval"], "--poll-interval", 2_000),
        shutdownTimeoutMs: positiveInteger(values["shutdown-timeout"], "--shutdown-timeout", 5_000),
        heartbeatTimeoutMs,
        ...(values["heartbeat-interval"] !== undefined ? { heartbeatIntervalMs: positiveInteger(values["heartbeat-interval"], "--heartbeat-interval", 5_000) } : {}),
        stallTimeoutMs: positiveInteger(values["stall-timeout"], "--stall-timeout", 60_000),
        summaryIntervalMs: nonNegativeInteger(values["summary-interval"], "--summary-interval", 60_000),
        ...(typeof values["health-file"] === "string" ? { healthFile: resolvePath(context.cwd, values["health-file"]) } : {}),
        handleSignals: false,
        logLevel: values.verbose ? "debug" : "info",
        logger: { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") },
      });
    } catch (error) {
      process.removeListener("unhandledRejection", onUnhandled);
      process.removeListener("uncaughtException", onUnhandled);
      throw error;
    }
    const models = Object.values(project.schema.models).map((model) => model.name);
    context.stderr.write(`prisma-ai worker: running (${models.join(", ") || "no annotated models"}); stop with Ctrl-C.\n`);
    const stopGracefully = (reason: string) => {
      context.stderr.write(`prisma-ai worker: ${reason}, stopping (running jobs finish first; send SIGTERM or SIGINT again to stop at once).\n`);
      process.removeListener("SIGINT", onSignal);
      process.removeListener("SIGTERM", onSignal);
      clearInterval(parentWatch);
      const atOnce = (signal: NodeJS.Signals) => {
        context.stderr.write(`prisma-ai worker: ${signal} received again, stopping at once (running jobs are put back into the queue).\n`);
        void worker.kill();
        // If even that hangs (the database does not answer), do not outlive the second signal by much.
        setTimeout(() => process.exit(1), 5_000).unref();
      };
      process.once("SIGINT", atOnce);
      process.once("SIGTERM", atOnce);
      void worker.stop().catch(() => undefined);
    };
    const onSignal = (signal: NodeJS.Signals) => stopGracefully(`${signal} received`);
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    // \`npx prisma-ai worker\` (npm 11): a SIGTERM to npm ends npm and its shell without passing the signal on, and
    // this process is re-parented. A changed parent means whoever started us is gone: stop as if signalled.
    const parent = process.ppid;
    const parentWatch = setInterval(() => {
      if (process.ppid !== parent) stopGracefully(`its parent process (pid ${parent}) exited`);
    }, 500);
    parentWatch.unref();
    let code = 0;
    try {
      await worker.promise;
    } catch {
      // runAIWorker logged why (one line).
      code = 1;
    } finally {
      clearInterval(parentWatch);
      process.removeListener("SIGINT", onSignal);
      process.removeListener("SIGTERM", onSignal);
      process.removeListener("unhandledRejection", onUnhandled);
      process.removeListener("uncaughtException", onUnhandled);
      await closeSharedDispatchers().catch(() => undefined);
    }
    context.stderr.write(code === 0 ? "prisma-ai worker: stopped.\n" : "prisma-ai worker: exiting with code 1 for the supervisor to restart it.\n");
    return code;
  },
};

function describe(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ").trim();
}
