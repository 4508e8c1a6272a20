// `prisma-ai worker` (and an app running runAIWorker) as child processes of a test, started the ways users start
// them: node + tsx on the sources, `npx prisma-ai worker` and `node_modules/.bin/prisma-ai worker` in a consumer
// directory whose .bin/prisma-ai runs this checkout's CLI.
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { waitFor } from "./job-harness.js";

export const repositoryRoot = fileURLToPath(new URL("../../", import.meta.url));

export interface WorkerChild {
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Whether the process has exited. */
  hasExited(): boolean;
}

/** How the worker is started. */
export type StartMode = "tsx" | "npx" | "bin" | "app";

/** The environment a worker child needs: the database, and the fake provider as `fake` (with `apiKey`). */
export function workerEnvironment(databaseUrl: string, baseURL: string, apiKey: string): NodeJS.ProcessEnv {
  const providers = { fake: { driver: "openai-compatible", baseURL, apiKey, maxRetries: 0, maxEmbeddingsPerCall: 100 } };
  return { ...process.env, DATABASE_URL: databaseUrl, PRISMA_AI_PROVIDERS: JSON.stringify(providers) };
}

let consumerDirectory: string | undefined;

/**
 * A consumer project directory whose node_modules/.bin/prisma-ai is a node script (as npm links a package's bin)
 * running this checkout's CLI through tsx, so `npx prisma-ai` and `node_modules/.bin/prisma-ai` find it.
 */
export function consumerProject(): string {
  if (consumerDirectory) return consumerDirectory;
  const directory = mkdtempSync(join(tmpdir(), "prisma-ai-consumer-"));
  writeFileSync(join(directory, "package.json"), JSON.stringify({ name: "worker-signals-consumer", version: "1.0.0", private: true }));
  mkdirSync(join(directory, "node_modules", ".bin"), { recursive: true });
  const bin = join(directory, "node_modules", ".bin", "prisma-ai");
  const loader = join(repositoryRoot, "node_modules", "tsx", "dist", "loader.mjs");
  writeFileSync(bin, `#!/usr/bin/env -S node --import ${loader}\nvoid import(${JSON.stringify(join(repositoryRoot, "src", "cli", "bin.ts"))});\n`);
  chmodSync(bin, 0o755);
  consumerDirectory = directory;
  return directory;
}

/** Removes the consumer directory made by {@link consumerProject}. */
export function removeConsumerProject(): void {
  if (consumerDirectory) rmSync(consumerDirectory, { recursive: true, force: true });
  consumerDirectory = undefined;
}

/** Starts a worker child and waits until it runs (its "running" line). */
export async function startWorkerChild(mode: StartMode, environment: NodeJS.ProcessEnv, workerArguments: string[]): Promise<WorkerChild> {
  const schemaModule = join(repositoryRoot, "test/jobs/fixtures/jobs-schema.ts");
  const cliArguments = ["worker", "--schema-module", schemaModule, ...workerArguments];
  let child: ChildProcess;
  if (mode === "tsx") {
    child = spawn(process.execPath, ["--import", "tsx", "src/cli/bin.ts", ...cliArguments], { cwd: repositoryRoot, env: environment, stdio: ["ignore", "pipe", "pipe"] });
  } else if (mode === "app") {
    child = spawn(process.execPath, ["--import", "tsx", "test/jobs/fixtures/app-worker.ts", ...workerArguments], { cwd: repositoryRoot, env: environment, stdio: ["ignore", "pipe", "pipe"] });
  } else {
    const cwd = consumerProject();
    const command = mode === "npx" ? "npx" : join(cwd, "node_modules", ".bin", "prisma-ai");
    child = spawn(command, mode === "npx" ? ["prisma-ai", ...cliArguments] : cliArguments, { cwd, env: environment, stdio: ["ignore", "pipe", "pipe"] });
  }
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  let exitedAlready = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => {
      exitedAlready = true;
      resolve({ code, signal });
    }),
  );
  const started: WorkerChild = { child, output: () => output, exited, hasExited: () => exitedAlready };
  await waitFor(
    () => /prisma-ai worker: running|app worker: running/.test(output) || (exitedAlready && Promise.reject(new Error(`the worker exited before running:\n${output}`))),
    `the ${mode} worker to start`,
    60_000,
  );
  return started;
}

/** Whether a process with this pid exists. */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Stops a child that is still running (SIGKILL) and waits for it. */
export async function killChild(worker: WorkerChild): Promise<void> {
  if (!worker.hasExited()) worker.child.kill("SIGKILL");
  await worker.exited;
}
