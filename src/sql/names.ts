// Names of the database objects prisma-ai creates. Pure functions of the metadata, so the generator (which
// stores some of them in ModelMeta), the SQL builder, the extension and the jobs all agree.
import { createHash } from "node:crypto";
import type { EmbeddedFieldMeta, ModelMeta } from "../schema/index.js";
import { identifierBytes, maxIdentifierBytes } from "./quote.js";

/** The Postgres schema everything prisma-ai owns lives in; `prisma migrate` never looks there. */
export const prismaAISchemaName = "prisma_ai";

/**
 * Name of the trigger prisma-ai puts on an annotated source table for inserts (one per INSERT statement).
 * `alter table ... disable trigger prisma_ai_enqueue` loads rows without enqueueing jobs (backfill them later).
 */
export const enqueueTriggerName = "prisma_ai_enqueue";

/** Name of the trigger prisma-ai puts on an annotated source table for updates of annotated columns (per row). */
export const enqueueUpdateTriggerName = "prisma_ai_enqueue_update";

/**
 * Fits a name into Postgres' 63-byte identifier limit: names that fit are returned as they are; longer ones are
 * cut and end with `_` and 8 hex digits of their SHA-256, so two long names stay distinct.
 */
export function fitIdentifier(name: string): string {
  if (identifierBytes(name) <= maxIdentifierBytes) return name;
  const suffix = `_${createHash("sha256").update(name).digest("hex").slice(0, 8)}`;
  let cut = name;
  while (identifierBytes(cut) + suffix.length > maxIdentifierBytes) cut = cut.slice(0, -1);
  return cut + suffix;
}

/**
 * Name of a model's embeddings table in `prisma_ai`: `<table>_embeddings`, or `<dbSchema>_<table>_embeddings`
 * when the table is not in `public`; at most 63 bytes (see {@link fitIdentifier}).
 */
export function embeddingsTableName(dbSchema: string, table: string): string {
  return fitIdentifier(dbSchema === "public" ? `${table}_embeddings` : `${dbSchema}_${table}_embeddings`);
}

/** Name of the partial vector index of one embedded field: `<embeddingsTable>_<field>_<hnsw|ivfflat>`. */
export function vectorIndexName(model: Pick<ModelMeta, "embeddingsTable">, field: Pick<EmbeddedFieldMeta, "field" | "index">): string {
  return fitIdentifier(`${model.embeddingsTable}_${field.field}_${field.index}`);
}

/** Name of the full-text (GIN) index `search: hybrid` adds on the source table: `<table>_prisma_ai_fts`. */
export function fullTextIndexName(model: Pick<ModelMeta, "table">): string {
  return fitIdentifier(`${model.table}_prisma_ai_fts`);
}

/** Name of a model's update trigger function in `prisma_ai`: `<embeddingsTable without _embeddings>_enqueue`. */
export function enqueueFunctionName(model: Pick<ModelMeta, "dbSchema" | "table">): string {
  return fitIdentifier(model.dbSchema === "public" ? `${model.table}_enqueue` : `${model.dbSchema}_${model.table}_enqueue`);
}

/** Name of a model's insert trigger function in `prisma_ai`: `<embeddingsTable without _embeddings>_enqueue_inserted`. */
export function enqueueInsertedFunctionName(model: Pick<ModelMeta, "dbSchema" | "table">): string {
  return fitIdentifier(model.dbSchema === "public" ? `${model.table}_enqueue_inserted` : `${model.dbSchema}_${model.table}_enqueue_inserted`);
}
