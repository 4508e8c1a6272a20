// A PostgreSQL cluster of the test's own (initdb into a temp dir, its own port), for tests that stop and restart
// the server: the shared server other test files use is never restarted. pgvector comes from the system's
// extension directory. Needs PostgreSQL's server binaries (PRISMA_AI_PG_BIN, or /usr/lib/postgresql/<v>/bin).
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, chmodSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface PrivatePostgres {
  /** Connection string of `database` on this cluster (user postgres, trust authentication). */
  url(database?: string): string;
  port: number;
  /** Stops the server (fast mode: connections are cut, as in a crash-free restart). */
  stop(): void;
  start(): void;
  /** Stops and removes the cluster. */
  destroy(): void;
}

/** The directory of initdb/pg_ctl, or undefined when PostgreSQL's server binaries are not installed. */
export function postgresBinDir(): string | undefined {
  if (process.env.PRISMA_AI_PG_BIN) return process.env.PRISMA_AI_PG_BIN;
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((name) => existsSync(join(root, name, "bin", "pg_ctl"))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], "bin") : undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** initdb + start; as root, the server runs as the `postgres` user (PostgreSQL refuses to run as root). */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error("PostgreSQL's server binaries (initdb, pg_ctl) were not found; set PRISMA_AI_PG_BIN.");
  const directory = mkdtempSync(join(tmpdir(), "prisma-ai-pg-"));
  chmodSync(directory, 0o777);
  const asRoot = process.getuid?.() === 0;
  const run = (program: string, args: string[]) =>
    execFileSync(asRoot ? "runuser" : join(bin, program), asRoot ? ["-u", "postgres", "--", join(bin, program), ...args] : args, { stdio: "pipe" });
  const data = join(directory, "data");
  run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"]);
  const port = await freePort();
  const options = `-p ${port} -k ${directory} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const start = () => void run("pg_ctl", ["-D", data, "-o", options, "-l", join(directory, "log"), "-w", "-t", "60", "start"]);
  const stop = () => void run("pg_ctl", ["-D", data, "-m", "fast", "-w", "-t", "60", "stop"]);
  start();
  return {
    port,
    url: (database = "postgres") => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    stop,
    start,
    destroy() {
      try {
        stop();
      } catch {
        // already stopped
      }
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
