// The layers of src/ and generator/ (CONTRIBUTING.md, the shape of the code), enforced by `npm run lint`:
//
//   spec <- http <- providers <- router <- tasks <- ai          schema <- sql <- stores (also over router)
//   engine (over spec, schema, sql, router, tasks, ai, stores) <- extension (Prisma) / jobs (Graphile Worker) <- cli
//   testing (fakes) and ai-sdk (the Vercel AI SDK bridge) over the AI core
//   entry points (src/index.ts, src/worker.ts, src/provider-utils.ts, src/testing.ts, src/ai-sdk.ts) over anything
//   generator over spec, schema, sql only
//
// No import cycles anywhere, type-only imports included (tsPreCompilationDeps). Only the Prisma adapter imports
// Prisma's client, only the Graphile Worker adapter (and the worker entry point and the CLI) imports graphile-worker.
// test/lint/layers.test.ts runs these rules over fixtures, so a rule that stops catching its violation fails a test.
const path = require("node:path");

/** Folders of src/ and the src/ folders each may import (besides itself). */
const layers = {
  spec: [],
  http: ["spec"],
  providers: ["spec", "http"],
  router: ["spec", "http", "providers"],
  tasks: ["spec", "http", "providers", "router"],
  ai: ["spec", "providers", "router", "tasks"],
  schema: ["spec"],
  sql: ["spec", "schema"],
  stores: ["spec", "router", "sql"],
  engine: ["spec", "schema", "sql", "router", "tasks", "ai", "stores"],
  extension: ["spec", "http", "providers", "router", "tasks", "ai", "schema", "sql", "stores", "engine"],
  jobs: ["spec", "http", "providers", "router", "tasks", "ai", "schema", "sql", "stores", "engine"],
  cli: ["spec", "http", "providers", "router", "tasks", "ai", "schema", "sql", "stores", "engine", "jobs"],
  // Entry-level helpers for users' own code: fakes for their tests, and the Vercel AI SDK bridge.
  testing: ["spec", "http", "providers", "router", "tasks", "ai"],
  "ai-sdk": ["spec", "http", "providers", "router", "tasks", "ai"],
};

const entryPoints = "^src/(index|worker|provider-utils|testing|ai-sdk)\\.ts$";

const layerRules = Object.entries(layers).map(([layer, allowed]) => ({
  name: `layer-${layer}`,
  comment: `src/${layer}/ may import only ${allowed.length > 0 ? allowed.map((name) => `src/${name}/`).join(", ") : "itself"} (see .dependency-cruiser.cjs).`,
  severity: "error",
  from: { path: `^src/${layer}/` },
  to: {
    path: "^(src|generator)/",
    pathNot: [`^src/(${[layer, ...allowed].join("|")})/`, ...(layer === "cli" ? ["^src/worker\\.ts$"] : [])],
  },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "Import cycles (type-only imports included) make layers meaningless and modules load half-initialised.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: "no-unknown-src-folder",
      comment: "Every file of src/ is in a layer folder or is an entry point; add a new folder to the layers first.",
      severity: "error",
      from: { path: "^src/", pathNot: [`^src/(${Object.keys(layers).join("|")})/`, entryPoints] },
      to: {},
    },
    {
      name: "generator-layers",
      comment: "The generator reads only contracts, the metadata view and our SQL: spec/, schema/, sql/ (never the router).",
      severity: "error",
      from: { path: "^generator/" },
      to: { path: "^src/", pathNot: "^src/(spec|schema|sql)/" },
    },
    {
      name: "src-not-to-generator",
      comment: "The library does not depend on the generator (the generator depends on the library's lower layers).",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "^generator/" },
    },
    {
      name: "only-extension-imports-prisma-client",
      comment: "Only the Prisma adapter (src/extension/) imports @prisma/client or @prisma/adapter-pg; the engine stays ORM-independent.",
      severity: "error",
      from: { path: "^(src|generator)/", pathNot: "^src/extension/" },
      to: { path: "node_modules/@prisma/(client|adapter-pg)/" },
    },
    {
      name: "only-jobs-import-graphile-worker",
      comment: "Only the Graphile Worker adapter (src/jobs/), src/worker.ts and the CLI import graphile-worker.",
      severity: "error",
      from: { path: "^(src|generator)/", pathNot: ["^src/(jobs|cli)/", "^src/worker\\.ts$"] },
      to: { path: "node_modules/graphile-worker/" },
    },
    {
      name: "router-not-to-pg",
      comment: "The routing core does not talk to Postgres; Postgres-backed stores live in src/stores/.",
      severity: "error",
      from: { path: "^src/router/" },
      to: { path: "node_modules/(pg|pg-pool|@types/pg)/" },
    },
    {
      name: "not-to-unresolvable",
      comment: "An import that resolves to nothing (a typo, or a package missing from package.json).",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)generated/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: path.join(__dirname, "tsconfig.json") },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
      extensions: [".ts", ".js", ".mjs", ".cjs", ".d.ts", ".json"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
