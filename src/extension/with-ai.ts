// The thin Prisma 7 adapter: withAI(options) -> Prisma.defineExtension(...). The work is done by the engine
// (src/engine: SearchEngine, embedding, generation, InlineQueue); this file only wires it to Prisma: raw SQL
// through the client the method was called on (so `$transaction` clients work), Prisma's `where` translated to
// the engine's filter (where-to-filter.ts), rows loaded with the model's own findMany, and the write hooks of the
// inline queue. `any` stays at this boundary.
import { Prisma } from "@prisma/client/extension";
import type { AISchema, ModelMeta } from "../schema/ai-schema.js";
import { ConfigError } from "../spec/errors/index.js";
import type { SqlExecutor } from "../sql/sql-executor.js";
import { InlineQueue } from "../engine/inline-queue.js";
import { resolveOptions, type WithAIOptions } from "./options.js";
import { defaultTake, idFromText, lowerFirst, SearchEngine, type SearchRequest } from "../engine/search-engine.js";
import type { AIHandle, ClientExtension, ModelExtension } from "./types.js";
import { whereToFilter } from "./where-to-filter.js";
import type { SearchHitRow } from "../sql/search-query.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- Prisma's client is untyped inside a generic extension. */

/**
 * The prisma-ai client extension. Options are checked now (a wrong option throws a `ConfigError` here):
 *
 * ```ts
 * const prisma = new PrismaClient({ adapter }).$extends(withAI({ ai: createAI(), schema: aiSchema }));
 * const hits = await prisma.article.semanticSearch("ml tutorials", { where: { published: true }, take: 10 });
 * ```
 *
 * Models with `@ai.embed` fields get `semanticSearch`, `findSimilar`, `generateEmbedding` and
 * `embeddingStatus`; the client gets `$semanticSearch` and `$ai`.
 */
export function withAI<const S extends AISchema>(options: WithAIOptions<S>) {
  const resolved = resolveOptions(options);
  const engine = new SearchEngine(resolved);
  const schema = resolved.schema;
  const embeddedModels = Object.values(schema.models).filter((model) => model.embedded.length > 0);

  return Prisma.defineExtension((client) => {
    const root = prismaExecutor(client);
    const queue = resolved.queue === "inline" ? new InlineQueue(resolved.ai, schema, root) : undefined;

    const model = Object.fromEntries(embeddedModels.map((meta) => [lowerFirst(meta.name), modelMethods(engine, meta)])) as unknown as ModelExtension<S>;

    const handle: AIHandle<S> = {
      schema,
      queue: resolved.queue,
      drain: async () => (queue ? queue.drain() : { embedded: 0, generated: 0, failures: [] }),
      cacheStats: () => engine.queryEmbeddings.stats(),
      clearCache: () => engine.queryEmbeddings.clear(),
    };
    const clientMethods: ClientExtension<S> = {
      $semanticSearch: async function (this: unknown, query: string, options: { models?: readonly string[]; take?: number; minSimilarity?: number; searchQuality?: unknown } = {}) {
        checkOptionNames("$semanticSearch", options, ["models", "take", "minSimilarity", "searchQuality"]);
        const context = Prisma.getExtensionContext(this) as any;
        const names = options.models ?? embeddedModels.map((meta) => meta.name);
        if (!Array.isArray(names) || names.length === 0) throw new ConfigError("$semanticSearch: `models` is empty; name at least one model, or leave it out to search all.");
        for (const name of names) engine.embeddedModel(name);
        engine.checkQuery(query);
        const { take } = engine.checkPaging({ take: options.take ?? defaultTake });
        const perModel = await Promise.all(
          names.map(async (name) => {
            const rows: Array<Record<string, unknown>> = await context[lowerFirst(name)].semanticSearch(query, {
              take,
              ...(options.minSimilarity === undefined ? {} : { minSimilarity: options.minSimilarity }),
              ...(options.searchQuality === undefined ? {} : { searchQuality: options.searchQuality }),
            });
            return rows.map((row): Record<string, unknown> => ({ _model: name, ...row }));
          }),
        );
        return perModel
          .flat()
          .sort((a, b) => (b._similarity as number) - (a._similarity as number))
          .slice(0, take);
      } as ClientExtension<S>["$semanticSearch"],
      $ai: handle,
    };

    return client.$extends({
      name: "prisma-ai",
      model,
      client: clientMethods,
      ...(queue ? { query: { $allModels: writeHooks(schema, queue) } } : {}),
    });
  });
}

/**
 * Runs prisma-ai's SQL through a Prisma client or interactive-transaction client. On a client, `transaction`
 * is a batch `$transaction`; inside an interactive transaction (whose client has no `$connect`) the statements
 * run in order on it, joining that transaction (a nested batch would run outside it).
 */
export function prismaExecutor(client: any): SqlExecutor {
  const run = (statement: { text: string; values: readonly unknown[] }) => client.$queryRawUnsafe(statement.text, ...statement.values);
  const inInteractiveTransaction = typeof client.$connect !== "function";
  return {
    query: run,
    transaction: async (statements) => {
      if (!inInteractiveTransaction) return client.$transaction(statements.map(run));
      const results: unknown[][] = [];
      for (const statement of statements) results.push(await run(statement));
      return results;
    },
  };
}

interface ModelContext {
  $name: string;
  $parent: any;
  findMany(args: unknown): Promise<Array<Record<string, unknown>>>;
}

const searchOptionNames = ["where", "take", "skip", "minSimilarity", "field", "mode", "searchQuality", "select", "include", "omit", "includeMatch"];
const similarOptionNames = searchOptionNames.filter((name) => name !== "mode");

/** Options are typed, but JavaScript callers get a clear error for a misspelled one instead of silence. */
function checkOptionNames(method: string, options: unknown, allowed: readonly string[]): void {
  if (options === undefined) return;
  if (typeof options !== "object" || options === null || Array.isArray(options)) throw new ConfigError(`${method}: options must be an object.`);
  const unknown = Object.keys(options).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) throw new ConfigError(`${method}: unknown option ${unknown.map((key) => JSON.stringify(key)).join(", ")}; the options are ${allowed.join(", ")}.`);
}

function modelMethods(engine: SearchEngine, meta: ModelMeta) {
  return {
    async semanticSearch(this: unknown, query: string, options: SearchOptions = {}) {
      checkOptionNames("semanticSearch", options, searchOptionNames);
      const context = Prisma.getExtensionContext(this) as unknown as ModelContext;
      const hits = await engine.search(prismaExecutor(context.$parent), meta.name, query, engineRequest(engine, meta, options));
      return loadRows(context, meta, hits, options);
    },
    async findSimilar(this: unknown, id: unknown, options: SearchOptions = {}) {
      checkOptionNames("findSimilar", options, similarOptionNames);
      const context = Prisma.getExtensionContext(this) as unknown as ModelContext;
      const hits = await engine.similar(prismaExecutor(context.$parent), meta.name, id, engineRequest(engine, meta, options));
      return loadRows(context, meta, hits, options);
    },
    async generateEmbedding(this: unknown, id: unknown) {
      const context = Prisma.getExtensionContext(this) as unknown as ModelContext;
      const { embedded, cleared } = await engine.embedNow(prismaExecutor(context.$parent), meta.name, id);
      return { embedded, cleared };
    },
    async embeddingStatus(this: unknown) {
      const context = Prisma.getExtensionContext(this) as unknown as ModelContext;
      return engine.status(prismaExecutor(context.$parent), meta.name);
    },
  };
}

/** The model methods' options: the engine's search options with Prisma's `where`, and how rows are loaded. */
type SearchOptions = Omit<SearchRequest, "filter"> & LoadOptions & { where?: unknown };

/** The engine's request: the options with the Prisma `where` translated to the engine's filter. */
function engineRequest(engine: SearchEngine, meta: ModelMeta, options: SearchOptions): SearchRequest {
  const { where, select: _select, include: _include, omit: _omit, includeMatch: _includeMatch, ...request } = options;
  return where === undefined ? request : { ...request, filter: whereToFilter(where, engine.options.schema, meta) };
}

interface LoadOptions {
  select?: Record<string, unknown>;
  include?: Record<string, unknown>;
  omit?: Record<string, unknown>;
  includeMatch?: boolean;
}

/** Loads the hit rows with the caller's select/include/omit in one findMany, and returns them in hit order. */
async function loadRows(context: ModelContext, meta: ModelMeta, hits: SearchHitRow[], options: SearchOptions): Promise<Array<Record<string, unknown>>> {
  if (hits.length === 0) return [];
  const idField = meta.id.field;
  const idFilter = { [idField]: { in: hits.map((hit) => idFromText(meta, hit.id)) } };
  // The user's where again: a row changed between the two statements is dropped rather than returned unfiltered.
  const { select, include, omit } = options;
  const { args: shape, stripId } = withIdSelected(idField, { ...(select ? { select } : {}), ...(include ? { include } : {}), ...(omit ? { omit } : {}) });
  const args: Record<string, unknown> = { where: options.where ? { AND: [options.where, idFilter] } : idFilter, ...shape };
  const rows = await context.findMany(args);
  const byId = new Map(rows.map((row) => [String(row[idField]), row]));
  const results: Array<Record<string, unknown>> = [];
  for (const hit of hits) {
    const row = byId.get(hit.id);
    if (!row) continue;
    const shaped = stripId ? withoutId(idField, row) : { ...row };
    shaped._similarity = hit.similarity;
    if (options.includeMatch) shaped._match = hit.match;
    results.push(shaped);
  }
  return results;
}

type QueryHook = (parameters: { model: string; operation: string; args: any; query: (args: any) => Promise<any> }) => Promise<any>;

/** After create/update/upsert (and their *ManyAndReturn forms) on annotated models: hand the rows to the inline queue. */
function writeHooks(schema: AISchema, queue: InlineQueue): Record<string, QueryHook> {
  const hook =
    (operation: "create" | "update" | "upsert", touchedOf: (args: any) => string[] | undefined): QueryHook =>
    async ({ model, args, query }) => {
      const meta = schema.models[model];
      if (!meta || (meta.embedded.length === 0 && meta.generated.length === 0)) return query(args);
      const idField = meta.id.field;
      const { args: adjusted, stripId } = withIdSelected(idField, args);
      const result = await query(adjusted);
      const touched = touchedOf(args);
      const rows: Array<Record<string, unknown>> = Array.isArray(result) ? result : result ? [result] : [];
      for (const row of rows) {
        if (row[idField] !== undefined && row[idField] !== null) queue.add({ model, id: String(row[idField]), operation, ...(touched ? { touched } : {}) });
      }
      if (!stripId) return result;
      const strip = (row: Record<string, unknown>) => withoutId(idField, row);
      return Array.isArray(result) ? result.map(strip) : result ? strip(result) : result;
    };
  const dataKeys = (data: unknown) => (data && typeof data === "object" ? Object.keys(data) : []);
  return {
    create: hook("create", () => undefined),
    createManyAndReturn: hook("create", () => undefined),
    update: hook("update", (args) => dataKeys(args?.data)),
    updateManyAndReturn: hook("update", (args) => dataKeys(Array.isArray(args?.data) ? args.data[0] : args?.data)),
    upsert: hook("upsert", (args) => [...new Set([...dataKeys(args?.create), ...dataKeys(args?.update)])]),
  };
}

/**
 * Prisma args with the id in the result (we need it to match rows), whatever the caller's select/omit say;
 * `stripId` tells whether the caller did not ask for it, so {@link withoutId} removes it again.
 */
function withIdSelected<A extends { select?: Record<string, unknown> | undefined; omit?: Record<string, unknown> | undefined } | undefined>(
  idField: string,
  args: A,
): { args: A; stripId: boolean } {
  if (args?.select && !args.select[idField]) return { args: { ...args, select: { ...args.select, [idField]: true } }, stripId: true };
  if (args?.omit?.[idField]) {
    const { [idField]: _omitted, ...omit } = args.omit;
    return { args: { ...args, omit }, stripId: true };
  }
  return { args, stripId: false };
}

function withoutId(idField: string, row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([key]) => key !== idField));
}
