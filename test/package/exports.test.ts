// The package as users get it: `tsc` builds dist/, then every `exports` path and both bins are loaded from it
// through the package's own name (Node resolves a package's self-reference through its `exports`).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const packageJson = JSON.parse(readFileSync(`${root}/package.json`, "utf8")) as {
  exports: Record<string, { import: string; types: string }>;
  bin: Record<string, string>;
};

// Every runtime name of every entry point: adding or removing one fails here, so each is a decision.
const rootNames = [
  "AIError", "AuthenticationError", "BudgetExceededError", "ConfigError", "ConnectionError", "ContextLengthError",
  "DimensionMismatchError", "InvalidFilterValueError", "InvalidSearchQueryError", "NoEmbeddingsError", "ObjectGenerationError",
  "ProviderError", "ProviderResponseError", "RateLimitError", "RecordNotFoundError", "TakeLimitError", "TimeoutError", "UnknownFieldError",
  "UnsupportedCapabilityError", "UnsupportedFilterError", "WorkerError", "assistantMessage", "buildMigrationSql", "classify", "classifyPresets",
  "closeSharedDispatchers", "createAI", "createAnthropic", "createAzure", "createCohere", "createDeepSeek", "createFireworks", "createGoogle", "createGroq",
  "createHuggingFace", "createJina", "createLocal", "createMistral", "createOllama", "createOpenAI", "createOpenAICompatible",
  "createOpenRouter", "createTextEmbeddingsInference", "createTogether", "createVoyage", "createXAI", "defaultPrices", "extract",
  "generateCode", "isContextLengthError", "memoryRateLimitStore", "postgresRateLimitStore", "summarize", "translate", "withAI",
];
const workerNames = ["backfillInProcess", "createAITaskList", "defaultHeartbeatTimeoutMs", "poolExecutor", "readStatus", "readWorkers", "releaseDeadWorkers", "retryFailed", "runAIWorker"];
const providerUtilsNames = [
  "HttpClient", "StreamedToolCalls", "addUsage", "bearerAuthentication", "buildAssistantMessage", "closeSharedDispatchers",
  "createJsonErrorResponseHandler", "createJsonResponseHandler", "createRedactor", "createUsage", "decodeBase64Vector", "fromFunctionToolCall",
  "imageData", "imageUrl", "isNumberArray", "isRetryableStatus", "mapCallSettings", "onlyChosenTool", "parseJsonChunk", "parseNdjson",
  "parseProviderOptions", "parseSse", "parseToolInput", "providerErrorFromResponse", "providerOptionsKeys", "reasoningText", "redactHeaders",
  "resolveProviderSettings", "streamEndedEarlyError", "streamEventError", "textErrorResponseHandler", "toFunctionTool", "toFunctionToolCalls",
  "toolResultText", "vectorSchema", "wholeToolCallEvents",
];
const testingNames = ["fakeAI", "fakeEmbedding"];
const aiSdkNames = ["ChatModelFromAISDK", "EmbeddingModelFromAISDK", "aiSdkChatModel", "aiSdkEmbeddingModel", "aiSdkTools", "fromAISDK"];
const generatorNames = [
  "SchemaAnnotationError", "emitSchemaModule", "formatDiagnostic", "generateFiles", "generatorIdentity", "knownEmbeddingDimensions",
  "knownProviders", "locateDeclarations", "manifest", "onGenerate", "outputFileNames", "parseAnnotations", "pgvectorLimits",
  "readSchemaSources", "validateSchema",
];

function node(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: root, encoding: "utf8" });
}

describe("the entry points' sources", () => {
  it("document every runtime export (JSDoc on its declaration)", () => {
    const files = ["src/index.ts", "src/worker.ts", "src/provider-utils.ts", "src/testing.ts", "src/ai-sdk.ts", "generator/index.ts"].map((file) => `${root}/${file}`);
    const program = ts.createProgram(files, { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2023, strict: true, skipLibCheck: true });
    const checker = program.getTypeChecker();
    const undocumented: string[] = [];
    for (const file of files) {
      for (const exported of checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(file)!)!)) {
        const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
        if (target.flags & ts.SymbolFlags.Value && ts.displayPartsToString(target.getDocumentationComment(checker)).trim() === "") undocumented.push(`${file}: ${exported.name}`);
      }
    }
    expect(undocumented).toEqual([]);
  });
});

describe("the built package", () => {
  beforeAll(() => {
    execFileSync(process.execPath, [`${root}/node_modules/typescript/bin/tsc`, "-p", "tsconfig.build.json"], { cwd: root, stdio: "pipe" });
  }, 180_000);

  /** The runtime names an entry point of the built package exports, sorted. */
  const namesOf = (specifier: string) =>
    (JSON.parse(node(["--input-type=module", "-e", `const m = await import('${specifier}'); console.log(JSON.stringify(Object.keys(m)))`])) as string[]).sort();

  it("exports exactly the curated root: the core, the tasks, the providers' factories, the extension, the errors", () => {
    expect(namesOf("prisma-extension-ai")).toEqual(rootNames);
  });

  it("exports exactly runAIWorker, the task list and what the CLI uses from `prisma-extension-ai/worker`", () => {
    expect(namesOf("prisma-extension-ai/worker")).toEqual(workerNames);
  });

  it("exports exactly fakeAI and fakeEmbedding from `prisma-extension-ai/testing`", () => {
    expect(namesOf("prisma-extension-ai/testing")).toEqual(testingNames);
  });

  it("exports exactly the AI SDK interop from `prisma-extension-ai/ai-sdk`; the root never imports the AI SDK", () => {
    expect(namesOf("prisma-extension-ai/ai-sdk")).toEqual(aiSdkNames);
    // The root entry never imports the AI SDK (an optional peer): walk its built import graph.
    const seen = new Set<string>();
    const packages = new Set<string>();
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const [, specifier] of readFileSync(file, "utf8").matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)) {
        if (specifier!.startsWith(".")) walk(fileURLToPath(new URL(specifier!, `file://${file}`)));
        else packages.add(specifier!);
      }
    };
    walk(`${root}/dist/src/index.js`);
    expect(seen.size).toBeGreaterThan(50);
    expect([...packages].filter((name) => name === "ai" || name.startsWith("@ai-sdk/"))).toEqual([]);
  });

  it("exports exactly the helpers for custom drivers from `prisma-extension-ai/provider-utils`", () => {
    expect(namesOf("prisma-extension-ai/provider-utils")).toEqual(providerUtilsNames);
  });

  it("exports exactly the generator pipeline from `prisma-extension-ai/generator`", () => {
    expect(namesOf("prisma-extension-ai/generator")).toEqual(generatorNames);
  });

  it("type-checks a consumer of the public types through the package's own name (built declarations)", () => {
    // test/package/fixtures/public-types.ts imports the types users write from every entry point, and asserts
    // with @ts-expect-error that internals are not exported.
    execFileSync(process.execPath, [`${root}/node_modules/typescript/bin/tsc`, "-p", "test/package/fixtures/tsconfig.json"], { cwd: root, stdio: "pipe" });
  });

  it("points every export at a built file with its declarations", () => {
    for (const [path, target] of Object.entries(packageJson.exports)) {
      if (typeof target === "string") continue;
      expect(() => readFileSync(`${root}/${target.import}`), path).not.toThrow();
      expect(() => readFileSync(`${root}/${target.types}`), path).not.toThrow();
    }
  });

  it("ships both bins as executables with a node shebang; `prisma-ai --help` lists the commands", () => {
    for (const file of Object.values(packageJson.bin)) {
      expect(readFileSync(`${root}/${file}`, "utf8").startsWith("#!/usr/bin/env node\n"), file).toBe(true);
    }
    const help = node([packageJson.bin["prisma-ai"]!, "--help"]);
    for (const command of ["migrate", "worker", "backfill", "status", "retry-failed"]) expect(help).toContain(command);
  });
});
