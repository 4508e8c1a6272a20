// The ORM-independent runtime view of what `prisma generate` found in the `/// @ai.*` annotations.
// The generator emits one `aiSchema` object of this shape (as a `const`, so field names stay literal types);
// the client extension, the jobs and the CLI read only this. Every SQL identifier the library ever uses
// comes from here (database names after @map/@@map/@@schema), quoted when SQL is built.

/** pgvector distance functions; each maps to an operator and an index operator class. */
export type DistanceMetric = "cosine" | "l2" | "inner_product";

/** Which approximate index backs a field's vectors. `none` means exact scans. */
export type VectorIndexKind = "hnsw" | "ivfflat" | "none";

/** Prisma scalar types an `@id` may have for prisma-ai to work with the model. */
export type IdScalarType = "Int" | "BigInt" | "String";

/** A scalar field of an annotated model, as Prisma names it and as the database names it. */
export interface ScalarFieldMeta {
  /** Prisma field name, e.g. `authorId`. */
  readonly name: string;
  /** Database column name (after `@map`), e.g. `author_id`. */
  readonly column: string;
  /** Prisma scalar or enum type: String, Int, BigInt, Float, Decimal, Boolean, DateTime, Json, Bytes, or an enum name. */
  readonly type: string;
  readonly kind: "scalar" | "enum";
  readonly isList: boolean;
  readonly isRequired: boolean;
  /** Native database type when given with `@db.*`, e.g. `Uuid`, `Text`. */
  readonly nativeType?: string;
}

/** A relation field of an annotated model: enough to translate `some/every/none/is/isNot` one level deep. */
export interface RelationFieldMeta {
  readonly name: string;
  /** Prisma name of the related model. */
  readonly model: string;
  readonly isList: boolean;
  /** Foreign-key columns on this model's table (to-one side that holds the key), else empty. */
  readonly fromColumns: readonly string[];
  /** Referenced columns on the other table, matching `fromColumns`. */
  readonly toColumns: readonly string[];
}

/** Any model the annotated models relate to (its table, for relation filters). */
export interface TableMeta {
  /** Prisma model name. */
  readonly name: string;
  /** Postgres schema of the table (`@@schema`, else the datasource's default, usually `public`). */
  readonly dbSchema: string;
  /** Table name (after `@@map`). */
  readonly table: string;
  readonly fields: Readonly<Record<string, ScalarFieldMeta>>;
  readonly relations: Readonly<Record<string, RelationFieldMeta>>;
}

/** Token-aware chunking of a long field: sizes in tokens (approximate, model-independent). */
export interface ChunkingMeta {
  readonly size: number;
  readonly overlap: number;
}

/** One `/// @ai.embed` field with its options resolved against the model and generator defaults. */
export interface EmbeddedFieldMeta {
  /** Prisma field name. */
  readonly field: string;
  readonly column: string;
  /** Model string for `ai.embed`, e.g. `openai:text-embedding-3-small`. */
  readonly model: string;
  readonly dimensions: number;
  readonly distance: DistanceMetric;
  readonly index: VectorIndexKind;
  /** `halfvec` above 2,000 dimensions (pgvector's index limit for `vector`), else `vector`. */
  readonly vectorType: "vector" | "halfvec";
  /** Present when the field is split into chunks before embedding. */
  readonly chunk?: ChunkingMeta;
}

/** One `/// @ai.generate(...)` field. */
export interface GeneratedFieldMeta {
  readonly field: string;
  readonly column: string;
  readonly type: "String" | "Json";
  /** The template; `{name}` placeholders name scalar fields of the model. */
  readonly prompt: string;
  /** Chat model string, e.g. `openai:gpt-4o-mini`. */
  readonly model: string;
  readonly on: readonly ("create" | "update")[];
  /** Prisma names of the fields the prompt references (changes to these trigger generation). */
  readonly sourceFields: readonly string[];
}

/** An annotated model: its table, id, fields, and what prisma-ai does with it. */
export interface ModelMeta extends TableMeta {
  readonly id: {
    readonly field: string;
    readonly column: string;
    readonly type: IdScalarType;
    readonly nativeType?: string;
  };
  readonly embedded: readonly EmbeddedFieldMeta[];
  readonly generated: readonly GeneratedFieldMeta[];
  /** `@ai.model(search: hybrid)`: a full-text index is kept too, for `mode: "hybrid"`. */
  readonly hybridSearch: boolean;
  /** Table in the `prisma_ai` schema holding this model's embeddings (one row per row, field and chunk). */
  readonly embeddingsTable: string;
}

/** Everything the generator emits for the runtime: `export const aiSchema = {...} as const satisfies AISchema`. */
export interface AISchema {
  /** Version of this metadata shape; the runtime rejects versions it does not know. */
  readonly version: 1;
  /** Annotated models by Prisma model name. */
  readonly models: Readonly<Record<string, ModelMeta>>;
  /** Other models that annotated models relate to (for relation filters), by Prisma model name. */
  readonly tables: Readonly<Record<string, TableMeta>>;
}

/** Names of the annotated models of a schema. */
export type AIModelName<S extends AISchema> = keyof S["models"] & string;

/** Names of the embedded fields of one model, as literal types. */
export type EmbeddedFieldName<S extends AISchema, M extends AIModelName<S>> = S["models"][M]["embedded"][number]["field"];

/** Names of the generated fields of one model, as literal types. */
export type GeneratedFieldName<S extends AISchema, M extends AIModelName<S>> = S["models"][M]["generated"][number]["field"];

/** Names of the models with at least one embedded field (those that get semantic search), as literal types. */
export type EmbeddedModelName<S extends AISchema> = {
  [M in AIModelName<S>]: [EmbeddedFieldName<S, M>] extends [never] ? never : M;
}[AIModelName<S>];

/** Names of the models with at least one generated field, as literal types. */
export type GeneratedModelName<S extends AISchema> = {
  [M in AIModelName<S>]: [GeneratedFieldName<S, M>] extends [never] ? never : M;
}[AIModelName<S>];
