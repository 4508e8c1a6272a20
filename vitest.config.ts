import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { splitTestFiles } from "./test/support/test-projects.js";

const root = fileURLToPath(new URL(".", import.meta.url));
const { unit, db } = splitTestFiles(root);

// Two projects: `unit` needs no database (`npm run test:unit` runs it alone, anywhere), `db` gets one PostgreSQL
// with pgvector from the global setup and a database per file. Timeouts are budgets for a loaded 2-core machine,
// not expectations: no test asserts how fast something ran.
export default defineConfig({
  test: {
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: "unit", include: unit } },
      { extends: true, test: { name: "db", include: db, globalSetup: ["test/support/global-setup.ts"] } },
    ],
  },
});
