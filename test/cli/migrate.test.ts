// `prisma-ai migrate` in-process (router + command, output captured) and once through the real binary.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../src/cli/commands/index.js";
import { runCli } from "../../src/cli/router.js";
import { parseMigrationHeader } from "../../src/sql/index.js";
import { useTestDatabase } from "../support/test-database.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const fixtureSql = `${root}test/fixtures/generator/basic/expected/migration.sql`;
const missingUrl = "DATABASE_URL is not set; set it to your PostgreSQL connection string (postgresql://user:password@host:5432/database) and run the command again.";

async function cli(argv: string[], env: Record<string, string | undefined> = {}, cwd = root): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, commands, {
    env,
    cwd,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

/** A project folder with prisma/schema.prisma whose prisma-ai generator output holds the fixture's migration.sql. */
function projectWithGeneratedSql(): string {
  const dir = mkdtempSync(join(tmpdir(), "prisma-ai-cli-"));
  mkdirSync(join(dir, "prisma"));
  mkdirSync(join(dir, "src/generated/ai"), { recursive: true });
  writeFileSync(
    join(dir, "prisma/schema.prisma"),
    'generator client {\n  provider = "prisma-client"\n  output = "../src/generated/prisma"\n}\n\ngenerator ai {\n  provider = "prisma-ai-generator"\n  output   = "../src/generated/ai"\n}\n',
  );
  copyFileSync(fixtureSql, join(dir, "src/generated/ai/migration.sql"));
  return dir;
}

describe("prisma-ai CLI", () => {
  it("lists the commands with --help and shows each command's help", async () => {
    const overview = await cli(["--help"]);
    expect(overview.code).toBe(0);
    expect(overview.stdout).toContain("Usage: prisma-ai <command> [options]");
    const width = Math.max(...commands.map((command) => command.name.length));
    for (const command of commands) expect(overview.stdout).toContain(`\n  ${command.name.padEnd(width)}  ${command.summary}\n`);
    expect(overview.stdout).toContain("install Graphile Worker's schema and apply the generated prisma_ai SQL (or --print it)");
    for (const command of commands) {
      const help = await cli([command.name, "--help"]);
      expect(help.code).toBe(0);
      expect(help.stdout).toBe(command.help);
      expect((await cli(["help", command.name])).stdout).toBe(command.help);
    }
  });

  it("rejects unknown commands and options with one sentence and exit code 2", async () => {
    const names = commands.map((command) => command.name).join(", ");
    expect(await cli(["migrat"])).toEqual({ code: 2, stdout: "", stderr: `prisma-ai: unknown command "migrat"; run \`prisma-ai --help\` to list the commands (${names}).\n` });
    expect(await cli(["migrate", "--bogus"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "prisma-ai migrate: unknown or incomplete option --bogus; run `prisma-ai migrate --help` for its options.\n",
    });
  });

  it("says in one sentence that DATABASE_URL is missing", async () => {
    expect(await cli(["migrate", "--sql", fixtureSql])).toEqual({ code: 1, stdout: "", stderr: `prisma-ai migrate: ${missingUrl}\n` });
  });

  it("--print prints the generated SQL, found through the schema's generator block (no database needed)", async () => {
    const project = projectWithGeneratedSql();
    const printed = await cli(["migrate", "--print"], {}, project);
    expect(printed).toEqual({ code: 0, stdout: readFileSync(fixtureSql, "utf8"), stderr: "" });
    expect((await cli(["migrate", "--print", "--output", "src/generated/ai"], {}, project)).stdout).toBe(readFileSync(fixtureSql, "utf8"));
  });

  it("explains how to point it at the SQL when there is no prisma-ai generator", async () => {
    const empty = mkdtempSync(join(tmpdir(), "prisma-ai-cli-"));
    const result = await cli(["migrate", "--print"], {}, empty);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'prisma-ai migrate: No prisma-ai generator found in prisma/schema.prisma; add `generator ai { provider = "prisma-ai-generator" output = "..." }` and run `prisma generate`, or pass --sql <path to migration.sql>.\n',
    );
  });

  it("the built binary's entry point runs with a shebang-free node invocation and exits non-zero on errors", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", `${root}src/cli/bin.ts`, "migrate", "--sql", fixtureSql], {
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: "" },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`prisma-ai migrate: ${missingUrl}\n`);
    expect(readFileSync(`${root}src/cli/bin.ts`, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
  });
});

describe("prisma-ai migrate on a real database", () => {
  const database = useTestDatabase({ projectSchema: false });

  beforeAll(async () => {
    await database().pool.query(`
      create table users (id serial primary key, email text not null unique);
      create table articles (id serial primary key, title text not null, body text not null, notes text, summary text,
        published boolean not null default false, author_id integer references users (id));
      create table "Product" (id uuid primary key default gen_random_uuid(), name text not null, tagline text);`);
  });

  it("installs Graphile Worker's schema, applies the SQL, records its version, and can run again", async () => {
    const project = projectWithGeneratedSql();
    const { url, pool } = database();
    const version = parseMigrationHeader(readFileSync(fixtureSql, "utf8")).version;
    const host = new URL(url);
    const target = `${host.hostname}:${host.port}${host.pathname}`;
    const first = await cli(["migrate"], { DATABASE_URL: url }, project);
    expect(first).toEqual({
      code: 0,
      stdout: `prisma-ai: applied ${project}/src/generated/ai/migration.sql (version ${version}, first install) to ${target}.\n`,
      stderr: "",
    });
    const second = await cli(["migrate"], { DATABASE_URL: url }, project);
    expect(second.stdout).toContain(`(version ${version}, unchanged)`);
    expect((await pool.query("select id, name from prisma_ai.migrations order by id")).rows).toEqual([
      { id: 0, name: `models ${version}` },
      { id: 1, name: "failures" },
      { id: 2, name: "rate-limits" },
      { id: 3, name: "workers" },
    ]);
    await pool.query("insert into articles (title, body) values ('A', 'B')");
    const jobs = await pool.query("select task_identifier from graphile_worker.jobs order by id");
    expect(jobs.rows.map((row) => row.task_identifier)).toEqual(["prisma_ai.embed", "prisma_ai.generate"]);
  });

  it("rolls back and says so when the SQL fails", async () => {
    const dir = mkdtempSync(join(tmpdir(), "prisma-ai-cli-"));
    const broken = readFileSync(fixtureSql, "utf8").replaceAll('on "public"."articles"', 'on "public"."no_such_table"');
    writeFileSync(join(dir, "migration.sql"), broken);
    const result = await cli(["migrate", "--sql", join(dir, "migration.sql")], { DATABASE_URL: database().url }, dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`prisma-ai migrate: Applying ${dir}/migration.sql failed: relation "public.no_such_table" does not exist.\n`);
  });
});
