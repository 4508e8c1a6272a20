// A user's first hour, on this offline machine: `npm pack` the package, install the tarball into a fresh app with
// its own schema (test/fixtures/consumer-app), then the README's quick start from the installed package only:
// prisma generate (offline: PRISMA_SCHEMA_ENGINE_BINARY), the app's table, `npx prisma-ai migrate`, typecheck, a
// write through Prisma, `npx prisma-ai worker`, and a typed semantic search that composes with `where`.
import { execFile, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLoopbackServer, type LoopbackServer } from "../support/loopback-server.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { topicVector } from "../support/topic-vectors.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const fixture = join(root, "test/fixtures/consumer-app");
const work = mkdtempSync(join(tmpdir(), "prisma-ai-consumer-"));
const app = join(work, "app");

function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(join(root, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
}

/** Runs a command to completion without blocking the event loop (the loopback provider lives in this process). */
function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, encoding: "utf8", timeout: 240_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(" ")} failed (${error.code ?? error.signal}):\n${stdout}\n${stderr}`));
      else resolve({ stdout, stderr });
    });
  });
}

let database: (TestDatabase & { drop(): Promise<void> }) | undefined;
let embeddings: LoopbackServer | undefined;
let worker: ChildProcess | undefined;
let tarball = "";
let appEnv: NodeJS.ProcessEnv = {};

describe("the packed package in a fresh app", () => {
  beforeAll(async () => {
    // Pack from a staging copy, so the build `prepack` runs cannot race another test file building dist/.
    const stage = join(work, "stage");
    mkdirSync(stage);
    for (const entry of ["package.json", "README.md", "tsconfig.json", "tsconfig.build.json", "src", "generator"]) cpSync(join(root, entry), join(stage, entry), { recursive: true });
    symlinkSync(join(root, "node_modules"), join(stage, "node_modules"), "dir");
    await run("npm", ["pack", "--pack-destination", work], { cwd: stage });
    tarball = join(work, readdirSync(work).find((name) => name.endsWith(".tgz"))!);

    cpSync(fixture, app, { recursive: true });
    const dependencies = [tarball, ...["@prisma/client", "@prisma/adapter-pg", "pg"].map((name) => `${name}@${installedVersion(name)}`)];
    const devDependencies = ["prisma", "typescript", "tsx", "@types/node"].map((name) => `${name}@${installedVersion(name)}`);
    const npmFlags = ["--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"];
    await run("npm", ["install", ...npmFlags, ...dependencies], { cwd: app });
    await run("npm", ["install", "-D", ...npmFlags, ...devDependencies], { cwd: app });

    database = await createTestDatabase({ projectSchema: false });
    await database.pool.query(readFileSync(join(app, "tables.sql"), "utf8"));
    embeddings = await startLoopbackServer((request) => {
      const body = request.body as { model: string; input: string[] };
      if (request.path !== "/v1/embeddings") return { status: 404, json: { error: { message: "not found" } } };
      return { json: { object: "list", model: body.model, data: body.input.map((text, index) => ({ object: "embedding", index, embedding: topicVector(text) })), usage: { prompt_tokens: 1, total_tokens: 1 } } };
    });
    appEnv = {
      DATABASE_URL: database.url,
      OPENAI_API_KEY: "sk-consumer-test",
      EMBEDDINGS_URL: embeddings.url("/v1"),
      PRISMA_AI_PROVIDERS: JSON.stringify({ openai: { baseURL: embeddings.url("/v1") } }),
      // The offline recipe of docs/offline-and-migrations.md: generate never runs the schema engine.
      PRISMA_SCHEMA_ENGINE_BINARY: spawnSync("bash", ["-c", "type -P true"], { encoding: "utf8" }).stdout.trim(),
    };
  }, 600_000);

  afterAll(async () => {
    if (worker?.pid && worker.exitCode === null) {
      // The whole group (npx and the node process under it): a supervisor's stop.
      const exited = new Promise((resolve) => worker!.once("exit", resolve));
      process.kill(-worker.pid, "SIGTERM");
      const stopped = await Promise.race([exited.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 30_000))]);
      if (!stopped) process.kill(-worker.pid, "SIGKILL");
    }
    await embeddings?.close();
    await database?.drop();
    rmSync(work, { recursive: true, force: true });
  });

  it("packs dist, both bins and the README, and no sources or tests", async () => {
    const listing = (await run("tar", ["-tzf", tarball], { cwd: work })).stdout.split("\n");
    expect(listing).toContain("package/dist/src/index.js");
    expect(listing).toContain("package/dist/src/cli/bin.js");
    expect(listing).toContain("package/dist/generator/bin.js");
    expect(listing).toContain("package/README.md");
    expect(listing.filter((file) => file.startsWith("package/src/") || file.startsWith("package/test/"))).toEqual([]);
  });

  it("runs the quick start from the installed package: generate, migrate, typecheck, write, worker, search", async () => {
    await run("npx", ["prisma", "generate"], { cwd: app, env: appEnv });
    expect(readFileSync(join(app, "src/generated/ai/index.ts"), "utf8")).toContain('from "prisma-extension-ai"');
    const migrate = await run("npx", ["prisma-ai", "migrate"], { cwd: app, env: appEnv });
    expect(migrate.stdout + migrate.stderr).not.toMatch(/error/i);
    await run("npx", ["tsc", "-p", "tsconfig.json"], { cwd: app, env: appEnv });
    await run("npx", ["tsx", "src/app.ts", "write"], { cwd: app, env: appEnv });

    worker = spawn("npx", ["prisma-ai", "worker", "--shutdown-timeout", "2000"], { cwd: app, env: { ...process.env, ...appEnv }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let workerOutput = "";
    worker.stdout!.on("data", (chunk: Buffer) => (workerOutput += chunk.toString()));
    worker.stderr!.on("data", (chunk: Buffer) => (workerOutput += chunk.toString()));

    let result: { status: { total: number; embedded: number }; titles: string[] } | undefined;
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      result = JSON.parse((await run("npx", ["tsx", "src/app.ts", "search"], { cwd: app, env: appEnv })).stdout.trim().split("\n").at(-1)!) as typeof result;
      if (result!.status.total > 0 && result!.status.embedded === result!.status.total) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(result?.status, workerOutput).toMatchObject({ total: 5, embedded: 5 });
    // "Pasta recipe for the oven" is the closest text but not Italian: the where filter keeps it out.
    expect(result!.titles).toEqual(["Pasta sauce recipe", "Pasta at a jazz bar"]);
    expect(embeddings!.requests.every((request) => request.headers.authorization === "Bearer sk-consumer-test")).toBe(true);
    expect(workerOutput).not.toContain("sk-consumer-test");
  }, 300_000);
});
