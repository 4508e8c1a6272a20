// The values annotations and the generator block take: option names, the choices of each option, pgvector's
// limits, and the checks and descriptions of a value that the messages share.
import type { DMMF } from "@prisma/generator-helper";
import type { DistanceMetric, VectorIndexKind } from "../src/schema/index.js";
import { knownProviders } from "../src/spec/catalogue/index.js";
import type { AnnotationValue } from "./annotations/parse-annotations.js";
import { didYouMean } from "./suggest.js";

/** pgvector's maximum dimensions for a `vector` column, and for indexed `vector` / `halfvec` values. */
export const pgvectorLimits = { vectorColumn: 16_000, indexedVector: 2_000, indexedHalfvec: 4_000 } as const;

export const annotationNames = ["model", "embed", "generate"] as const;
export const modelOptions = ["embedding", "dimensions", "distance", "index", "search"] as const;
export const embedOptions = ["model", "dimensions", "distance", "index", "chunk"] as const;
export const generateOptions = ["prompt", "model", "on"] as const;
export const chunkOptions = ["size", "overlap"] as const;
export const distances: readonly DistanceMetric[] = ["cosine", "l2", "inner_product"];
export const indexKinds: readonly VectorIndexKind[] = ["hnsw", "ivfflat", "none"];
export const searchModes = ["vector", "hybrid"] as const;
export const operations = ["create", "update"] as const;
export const generatorOptions = ["embeddingModel", "dimensions", "distance", "index", "importFrom"] as const;

/** The problem with a model string (`provider:model`, a known provider), or `undefined` when it is fine. */
export function checkModelString(value: string): string | undefined {
  const separator = value.indexOf(":");
  if (separator <= 0 || separator === value.length - 1) {
    return `must be "provider:model" (e.g. "openai:text-embedding-3-small"), not "${value}".`;
  }
  const provider = value.slice(0, separator);
  if (!(knownProviders as readonly string[]).includes(provider)) {
    return `names the unknown provider "${provider}" in "${value}" (known: ${knownProviders.join(", ")}).${didYouMean(provider, knownProviders)}`;
  }
  return undefined;
}

/** The problem with a `dimensions` value (`raw` as written), or `undefined` when it is fine. */
export function checkDimensions(value: number, raw: string): string | undefined {
  if (!Number.isInteger(value) || value < 1) return `dimensions must be a positive integer, not ${raw}.`;
  if (value > pgvectorLimits.vectorColumn) {
    return `dimensions ${value} is beyond pgvector's limit of ${pgvectorLimits.vectorColumn.toLocaleString("en-US")} dimensions per vector.`;
  }
  return undefined;
}

/** An annotation value as messages quote it. */
export function describeValue(value: AnnotationValue): string {
  if (value.kind === "string") return JSON.stringify(value.value);
  if (value.kind === "number") return value.raw;
  if (value.kind === "identifier") return value.name;
  return value.kind === "array" ? "a list" : "an object";
}

/** A field's type as messages name it (`String?`, `a relation to User`). */
export function describeType(field: DMMF.Field): string {
  if (field.kind === "object") return `a relation to ${field.type}`;
  return `${field.type}${field.isList ? "[]" : field.isRequired ? "" : "?"}`;
}
