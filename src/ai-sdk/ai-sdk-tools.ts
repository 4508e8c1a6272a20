// aiSdkTools(): our semantic search (and findSimilar) as AI SDK tools, for generateText/streamText/agents.
import { tool, type Tool } from "ai";
import { z } from "zod";
import { ConfigError } from "../spec/errors/index.js";

/**
 * What a tool needs of a model of the extended Prisma client (`prisma.article`): `semanticSearch`, and
 * `findSimilar` for the similar-rows tool. (`any` at the Prisma boundary: the extension's methods are generic.)
 */
export interface SearchableModel {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  semanticSearch(query: string, options?: any): Promise<readonly object[]>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  findSimilar?(id: any, options?: any): Promise<readonly object[]>;
}

/** One model's tools, with options. */
export interface SearchToolConfig {
  /** The model of the extended client, e.g. `prisma.article`. */
  model: SearchableModel;
  /** What the records are, for the tool descriptions the model reads (e.g. "blog articles"). Default: the key. */
  description?: string;
  /** Prisma `select` of the rows sent back to the model (keep it small: every field costs tokens). Default: the whole row. */
  select?: Record<string, unknown>;
  /** A Prisma `where` every search of this tool applies (e.g. `{ published: true }`). Default: none. */
  where?: Record<string, unknown>;
  /** Also make the `find_similar_<key>` tool. Default: true when the model has `findSimilar`. */
  findSimilar?: boolean;
}

/** Options of {@link aiSdkTools}. */
export interface AISdkToolsOptions {
  /** Rows a tool returns when the model does not say. Default: 5. */
  defaultTake?: number;
  /** Most rows the model may ask for (the input schema's maximum). Default: 20. */
  maxTake?: number;
}

/** The input of a `search_<key>` tool. */
export interface SearchToolInput {
  query: string;
  take?: number | undefined;
}

/** The input of a `find_similar_<key>` tool. */
export interface FindSimilarToolInput {
  id: string | number;
  take?: number | undefined;
}

/** The tools for `models`: `search_<key>` and `find_similar_<key>` per key. */
export type AISdkTools<Keys extends string> = { [Key in Keys as `search_${Key}`]: Tool<SearchToolInput, object[]> } & {
  [Key in Keys as `find_similar_${Key}`]: Tool<FindSimilarToolInput, object[]>;
};

const keyPattern = /^[A-Za-z][A-Za-z0-9_]{0,40}$/;

/**
 * AI SDK tools over models of the extended Prisma client: `search_<key>` (semanticSearch: rows closest in
 * meaning to `query`, best first, each with `_similarity`) and `find_similar_<key>` (rows like row `id`). Rows go
 * back to the model as JSON (dates as ISO strings, big integers and decimals as strings).
 *
 * ```ts
 * const result = await generateText({ model, tools: aiSdkTools({ article: prisma.article }), stopWhen: stepCountIs(3), prompt });
 * ```
 */
export function aiSdkTools<const Keys extends string>(
  models: { [Key in Keys]: SearchableModel | SearchToolConfig },
  options: AISdkToolsOptions = {},
): AISdkTools<Keys> {
  const defaultTake = options.defaultTake ?? 5;
  const maxTake = options.maxTake ?? 20;
  if (!(Number.isInteger(maxTake) && maxTake >= 1)) throw new ConfigError(`aiSdkTools \`maxTake\` must be a whole number >= 1, got ${String(options.maxTake)}.`);
  if (!(Number.isInteger(defaultTake) && defaultTake >= 1 && defaultTake <= maxTake)) {
    throw new ConfigError(`aiSdkTools \`defaultTake\` must be a whole number from 1 to maxTake (${maxTake}), got ${String(options.defaultTake)}.`);
  }
  if (typeof models !== "object" || models === null || Object.keys(models).length === 0) {
    throw new ConfigError("aiSdkTools needs models of the extended client by name: aiSdkTools({ article: prisma.article }).");
  }
  const take = z.number().int().min(1).max(maxTake).optional().describe(`How many records to return (default ${defaultTake}, at most ${maxTake}).`);
  const tools: Record<string, Tool<SearchToolInput, object[]> | Tool<FindSimilarToolInput, object[]>> = {};
  for (const [key, value] of Object.entries(models as Record<string, SearchableModel | SearchToolConfig>)) {
    if (!keyPattern.test(key)) throw new ConfigError(`aiSdkTools key ${JSON.stringify(key)} is invalid; use a letter then letters, digits or "_" (it becomes the tool name search_${key}).`);
    const config: SearchToolConfig = isSearchable(value) ? { model: value } : value;
    if (!isSearchable(config.model)) {
      throw new ConfigError(`aiSdkTools: ${key} is not a model of a client extended with withAI (no semanticSearch); pass prisma.${key} of prisma.$extends(withAI(...)).`);
    }
    const what = config.description ?? key;
    const shape = (count: number | undefined) => {
      const query: Record<string, unknown> = { take: count ?? defaultTake };
      if (config.select !== undefined) query.select = config.select;
      if (config.where !== undefined) query.where = config.where;
      return query;
    };
    tools[`search_${key}`] = tool<SearchToolInput, object[]>({
      description: `Search ${what} by meaning: returns the records closest to the query, best first, each with _similarity (1 = identical).`,
      inputSchema: z.object({ query: z.string().min(1).describe(`What to look for in ${what}, in natural language.`), take }),
      execute: async (input) => toJson(await config.model.semanticSearch(input.query, shape(input.take))),
    });
    if (config.findSimilar ?? typeof config.model.findSimilar === "function") {
      if (typeof config.model.findSimilar !== "function") throw new ConfigError(`aiSdkTools: ${key} has no findSimilar; set findSimilar: false.`);
      const findSimilar = config.model.findSimilar.bind(config.model);
      tools[`find_similar_${key}`] = tool<FindSimilarToolInput, object[]>({
        description: `Find ${what} similar to the record with this id (the record itself is left out), best first, each with _similarity.`,
        inputSchema: z.object({ id: z.union([z.number().int(), z.string().min(1)]).describe(`The id of a record of ${what}.`), take }),
        execute: async (input) => toJson(await findSimilar(input.id, shape(input.take))),
      });
    }
  }
  return tools as AISdkTools<Keys>;
}

function isSearchable(value: unknown): value is SearchableModel {
  return typeof value === "object" && value !== null && typeof (value as SearchableModel).semanticSearch === "function";
}

/** Rows as plain JSON values (Date -> ISO string, bigint -> string, Prisma Decimal -> its toJSON string). */
function toJson(rows: readonly object[]): object[] {
  return JSON.parse(JSON.stringify(rows, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value))) as object[];
}
