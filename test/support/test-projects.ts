// Splits the test files into the two vitest projects: `unit` (no database: runs without PostgreSQL) and `db`
// (each file gets its own database from the run's global setup). A file belongs to `db` when it, or a test module it
// imports (relative imports inside test/, followed transitively), uses the database helpers; nothing to keep in sync
// by hand when files move.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const usesDatabase = /\b(useTestDatabase|createTestDatabase|useJobsHarness)\b|inject\(\s*["']baseDatabaseUrl["']\s*\)/;
const relativeImport = /(?:from\s+|import\s*\(\s*|import\s+)["'](\.{1,2}\/[^"']+)["']/g;

export interface TestFileSplit {
  unit: string[];
  db: string[];
}

/** Test files under `testDir` (paths relative to `root`), split by whether they need the database. */
export function splitTestFiles(root: string, testDir = "test"): TestFileSplit {
  const files = listTestFiles(join(root, testDir));
  const memo = new Map<string, boolean>();
  const split: TestFileSplit = { unit: [], db: [] };
  for (const file of files) (needsDatabase(file, memo, new Set()) ? split.db : split.unit).push(relative(root, file));
  return split;
}

function listTestFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== "fixtures" && entry.name !== "node_modules") files.push(...listTestFiles(path));
    else if (entry.isFile() && entry.name.endsWith(".test.ts")) files.push(path);
  }
  return files.sort();
}

function needsDatabase(file: string, memo: Map<string, boolean>, visiting: Set<string>): boolean {
  const known = memo.get(file);
  if (known !== undefined) return known;
  if (visiting.has(file)) return false;
  visiting.add(file);
  const source = readFileSync(file, "utf8");
  let result = usesDatabase.test(source);
  if (!result) {
    for (const match of source.matchAll(relativeImport)) {
      const target = resolveTestModule(file, match[1]!);
      if (target && !target.includes("/fixtures/") && needsDatabase(target, memo, visiting)) {
        result = true;
        break;
      }
    }
  }
  memo.set(file, result);
  return result;
}

/** Resolves a relative import of a test module to its .ts file; only modules inside test/ are followed. */
function resolveTestModule(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  if (!base.includes(`${"/"}test${"/"}`)) return undefined;
  for (const candidate of [base.replace(/\.js$/, ".ts"), `${base}.ts`, join(base, "index.ts")]) {
    if (candidate.endsWith(".ts") && existsSync(candidate)) return candidate;
  }
  return undefined;
}
