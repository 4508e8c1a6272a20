// `prisma-ai backfill --model Article [--field body]`: embeds the existing rows that have no current embedding,
// here and now with a progress bar on stderr (or, with --enqueue, as prisma_ai.backfill jobs for the workers).
// Resumable: it only ever picks rows that still need embedding, so running it again continues where it stopped.
import { backfillCountStatement, backfillFields, backfillInProcess } from "../../engine/backfill.js";
import { backfillJobKey, backfillPriorities } from "../../jobs/backfill-task.js";
import { addJobStatement } from "../../sql/add-job.js";
import { closeSharedDispatchers } from "../../http/dispatcher.js";
import { jobIdentifiers, triggerJobMaxAttempts } from "../../sql/model-sql.js";
import { ConfigError } from "../../spec/errors/index.js";
import type { Command, CommandContext } from "../command.js";
import { environmentHelp, loadProject, projectOptions, projectOptionsHelp, withDatabase } from "../load-project.js";
import { positiveInteger } from "../parse-values.js";

export const backfillCommand: Command = {
  name: "backfill",
  summary: "embed the existing rows of a model that have no current embedding (progress bar, resumable)",
  help: `Usage: prisma-ai backfill --model <Model> [--field <field>] [--enqueue] [--batch-size <n>]

Embeds the rows of <Model> whose embedded fields have text but no embedding of that text (rows written before
the triggers existed, a newly annotated field, ...), in id order, --batch-size rows per request, showing a
progress bar on stderr. Stop it any time: running it again continues with the rows still to do (or pass
--after <id> to skip ahead). A batch the provider rejects is recorded in prisma_ai.failures (see
\`prisma-ai status\`, \`prisma-ai retry-failed\`) and the backfill goes on.

With --enqueue, the work is handed to the running workers instead (\`prisma-ai worker\`): a prisma_ai.backfill
job that enqueues the rows page by page; follow it with \`prisma-ai status\`.

Options:
  --model <Model>       the Prisma model to backfill (required)
  --field <field>       only this embedded field (default: all of the model's)
  --enqueue             enqueue a prisma_ai.backfill job for the workers instead of embedding here
  --batch-size <n>      rows per embedding request (default 100)
  --after <id>          start after this id
${projectOptionsHelp}
  -h, --help            show this help

${environmentHelp}

Examples:
  npx prisma-ai backfill --model Article
  npx prisma-ai backfill --model Article --field body --enqueue
`,
  options: {
    ...projectOptions,
    model: { type: "string" },
    field: { type: "string" },
    enqueue: { type: "boolean" },
    "batch-size": { type: "string" },
    after: { type: "string" },
  },
  async run(arguments_, context) {
    const { values, positionals } = arguments_;
    if (positionals.length > 0) throw new ConfigError(`backfill takes no arguments, got "${positionals.join(" ")}"; pass the model with --model.`);
    if (typeof values.model !== "string") throw new ConfigError("backfill needs --model <Model>, e.g. `prisma-ai backfill --model Article`.");
    const batchSize = positiveInteger(values["batch-size"], "--batch-size", 100);
    const project = await loadProject(arguments_, context);
    const model = project.schema.models[values.model];
    if (!model || model.embedded.length === 0) {
      const embedded = Object.values(project.schema.models).filter((candidate) => candidate.embedded.length > 0).map((candidate) => candidate.name);
      throw new ConfigError(`${values.model} is not a model with /// @ai.embed fields; models with embedded fields: ${embedded.join(", ") || "(none)"}.`);
    }
    const field = typeof values.field === "string" ? values.field : undefined;
    const fields = backfillFields(model, field);
    const after = typeof values.after === "string" ? values.after : undefined;
    const label = `${model.name}${field ? `.${field}` : ""}`;
    try {
      return await withDatabase(project.connectionString, project.schema, async (database) => {
        if (values.enqueue) {
          const [counted] = await database.query<{ count: number }>(backfillCountStatement(model, fields, after));
          const payload = { model: model.name, ...(field ? { field } : {}), ...(after ? { after } : {}) };
          await database.query(
            addJobStatement("graphile_worker", jobIdentifiers.backfill, payload, backfillJobKey(model.name, field), triggerJobMaxAttempts, backfillPriorities.chain),
          );
          context.stdout.write(`prisma-ai backfill: enqueued the backfill of ${label} (${counted?.count ?? 0} rows to embed) for the workers; follow it with \`prisma-ai status\`.\n`);
          return 0;
        }
        const progress = progressBar(context, label);
        const stop = new AbortController();
        const onSignal = () => stop.abort();
        process.once("SIGINT", onSignal);
        try {
          const summary = await backfillInProcess({ ai: project.ai, database, model, ...(field ? { field } : {}), ...(after ? { after } : {}), batchSize, signal: stop.signal, onProgress: progress.update });
          progress.finish(summary.done, summary.total);
          if (summary.stopped) {
            context.stdout.write(`prisma-ai backfill: stopped after ${summary.done} of ${summary.total} rows of ${label}; run the same command again to continue.\n`);
            return 130;
          }
          const failed = summary.failed > 0 ? `, ${summary.failed} field(s) failed (see \`prisma-ai status\`, then \`prisma-ai retry-failed\`)` : "";
          context.stdout.write(`prisma-ai backfill: ${label}: ${summary.done} rows embedded${failed}.\n`);
          return summary.failed > 0 ? 1 : 0;
        } finally {
          process.removeListener("SIGINT", onSignal);
        }
      });
    } finally {
      await closeSharedDispatchers().catch(() => undefined);
    }
  },
};

/** A one-line progress bar on stderr: redrawn in place on a terminal, a line per 10% otherwise. */
function progressBar(context: CommandContext, label: string) {
  const terminal = (context.stderr as { isTTY?: boolean }).isTTY === true;
  const width = 30;
  let lastTenth = -1;
  const render = (done: number, total: number, failed: number) => {
    const share = total === 0 ? 1 : Math.min(1, done / total);
    const filled = Math.round(share * width);
    const failures = failed > 0 ? ` (${failed} failed)` : "";
    return `${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} rows ${Math.round(share * 100)}%${failures}`;
  };
  return {
    update: ({ done, total, failed }: { done: number; total: number; failed: number }) => {
      if (terminal) {
        context.stderr.write(`\r${render(done, total, failed)}`);
        return;
      }
      const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        context.stderr.write(`${render(done, total, failed)}\n`);
      }
    },
    finish: (done: number, total: number) => {
      if (terminal) context.stderr.write("\n");
      else if (done === 0) context.stderr.write(`${render(0, total, 0)}\n`);
    },
  };
}
