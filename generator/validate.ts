// Validation: DMMF + parsed annotations + generator options -> the intermediate model (an AISchema), with every
// problem collected as a located Diagnostic (never thrown one at a time).
import type { DMMF } from "@prisma/generator-helper";
import type {
  AISchema,
  ChunkingMeta,
  DistanceMetric,
  EmbeddedFieldMeta,
  GeneratedFieldMeta,
  IdScalarType,
  ModelMeta,
  RelationFieldMeta,
  ScalarFieldMeta,
  TableMeta,
  VectorIndexKind,
} from "../src/schema/index.js";
import { embeddingsTableName } from "../src/sql/names.js";
import { parseAnnotations, type AnnotationOption, type AnnotationValue, type ParsedAnnotation } from "./annotations/parse-annotations.js";
import type { Diagnostic } from "./diagnostics.js";
import { embeddingDimensionsOf, knownProviders } from "../src/spec/catalogue/index.js";
import { documentationLine, type DeclarationLocation, type SourceLocations } from "./source-locations.js";
import { didYouMean } from "./suggest.js";

/** pgvector's maximum dimensions for a `vector` column, and for indexed `vector` / `halfvec` values. */
export const pgvectorLimits = { vectorColumn: 16_000, indexedVector: 2_000, indexedHalfvec: 4_000 } as const;

const annotationNames = ["model", "embed", "generate"] as const;
const modelOptions = ["embedding", "dimensions", "distance", "index", "search"] as const;
const embedOptions = ["model", "dimensions", "distance", "index", "chunk"] as const;
const generateOptions = ["prompt", "model", "on"] as const;
const chunkOptions = ["size", "overlap"] as const;
const distances: readonly DistanceMetric[] = ["cosine", "l2", "inner_product"];
const indexKinds: readonly VectorIndexKind[] = ["hnsw", "ivfflat", "none"];
const searchModes = ["vector", "hybrid"] as const;
const operations = ["create", "update"] as const;
const generatorOptions = ["embeddingModel", "dimensions", "distance", "index", "importFrom"] as const;

/** Defaults from the `generator ai { ... }` block. */
export interface GeneratorDefaults {
  embeddingModel?: string;
  dimensions?: number;
  distance?: DistanceMetric;
  index?: VectorIndexKind;
}

/** What validation reads. */
export interface ValidationInput {
  readonly models: readonly DMMF.Model[];
  /** The generator block's options (`generator.config`), strings as Prisma passes them. */
  readonly generatorConfig: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** `provider` of the datasource (`postgresql` is required). */
  readonly datasourceProvider: string | undefined;
  readonly locations: SourceLocations;
}

/** The validated intermediate model, or the problems found. */
export interface ValidationResult {
  readonly schema: AISchema;
  readonly diagnostics: readonly Diagnostic[];
}

/** Validates every annotation of every model; returns the AISchema and all problems found (none when valid). */
export function validateSchema(input: ValidationInput): ValidationResult {
  const diagnostics: Diagnostic[] = [];
  const defaults = readGeneratorDefaults(input, diagnostics);
  if (input.datasourceProvider !== undefined && input.datasourceProvider !== "postgresql" && input.datasourceProvider !== "postgres") {
    diagnostics.push({
      file: input.locations.defaultFile,
      line: undefined,
      message: `the datasource provider is "${input.datasourceProvider}" but prisma-ai needs PostgreSQL with pgvector; set provider = "postgresql".`,
    });
  }
  const byName = new Map(input.models.map((model) => [model.name, model]));
  const models: Record<string, ModelMeta> = {};
  for (const model of [...input.models].sort((a, b) => a.name.localeCompare(b.name))) {
    const meta = new ModelValidation(model, byName, defaults, input.locations, diagnostics).run();
    if (meta) models[model.name] = meta;
  }
  checkEmbeddingsTableNames(models, input.locations, diagnostics);
  diagnostics.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
  const tables: Record<string, TableMeta> = {};
  for (const meta of Object.values(models)) {
    for (const relation of Object.values(meta.relations)) {
      const related = byName.get(relation.model);
      if (related && !models[related.name] && !tables[related.name]) tables[related.name] = tableMeta(related, byName);
    }
  }
  const sortedTables = Object.fromEntries(Object.entries(tables).sort(([a], [b]) => a.localeCompare(b)));
  return { schema: { version: 1, models, tables: sortedTables }, diagnostics };
}

function readGeneratorDefaults(input: ValidationInput, diagnostics: Diagnostic[]): GeneratorDefaults {
  const defaults: GeneratorDefaults = {};
  const report = (message: string) => diagnostics.push({ file: input.locations.defaultFile, line: undefined, message: `generator block: ${message}` });
  for (const [key, raw] of Object.entries(input.generatorConfig)) {
    if (raw === undefined || key === "importFrom") continue;
    const value = Array.isArray(raw) ? raw.join(",") : (raw as string);
    if (key === "embeddingModel") {
      const problem = checkModelString(value);
      if (problem) report(`embeddingModel ${problem}`);
      else defaults.embeddingModel = value;
    } else if (key === "dimensions") {
      const dimensions = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
      const problem = checkDimensions(dimensions, value);
      if (problem) report(problem);
      else defaults.dimensions = dimensions;
    } else if (key === "distance") {
      if ((distances as readonly string[]).includes(value)) defaults.distance = value as DistanceMetric;
      else report(`distance must be one of ${distances.join(", ")}, not "${value}".${didYouMean(value, distances)}`);
    } else if (key === "index") {
      if ((indexKinds as readonly string[]).includes(value)) defaults.index = value as VectorIndexKind;
      else report(`index must be one of ${indexKinds.join(", ")}, not "${value}".${didYouMean(value, indexKinds)}`);
    } else {
      report(`unknown option "${key}" (known: ${generatorOptions.join(", ")}).${didYouMean(key, generatorOptions)}`);
    }
  }
  return defaults;
}

/** Resolved `@ai.model(...)` options of one model. */
interface ModelDefaults {
  embedding?: string;
  dimensions?: number;
  distance?: DistanceMetric;
  index?: VectorIndexKind;
  hybrid: boolean;
}

class ModelValidation {
  private readonly location: { model?: DeclarationLocation & { fields: ReadonlyMap<string, DeclarationLocation> } };
  private problems = 0;

  constructor(
    private readonly model: DMMF.Model,
    private readonly byName: ReadonlyMap<string, DMMF.Model>,
    private readonly defaults: GeneratorDefaults,
    private readonly locations: SourceLocations,
    private readonly diagnostics: Diagnostic[],
  ) {
    this.location = { model: locations.models.get(model.name) };
  }

  run(): ModelMeta | undefined {
    const modelAnnotations = this.annotationsOf(undefined, this.model.documentation);
    const fieldAnnotations = new Map<string, ParsedAnnotation[]>();
    for (const field of this.model.fields) {
      const annotations = this.annotationsOf(field.name, field.documentation);
      if (annotations.length > 0) fieldAnnotations.set(field.name, annotations);
    }
    if (modelAnnotations.length === 0 && fieldAnnotations.size === 0) return undefined;

    const modelDefaults: ModelDefaults = { hybrid: false };
    let modelAnnotation: ParsedAnnotation | undefined;
    for (const annotation of modelAnnotations) {
      if (annotation.name !== "model") {
        this.report(undefined, annotation.line, `@ai.${annotation.name} goes on a field, not on a model (the model-level annotation is @ai.model).`);
        continue;
      }
      if (modelAnnotation) {
        this.report(undefined, annotation.line, "@ai.model appears twice; merge the options into one @ai.model(...).");
        continue;
      }
      modelAnnotation = annotation;
      this.readModelOptions(annotation, modelDefaults);
    }

    const id = this.readId();
    const embedded: EmbeddedFieldMeta[] = [];
    const generated: GeneratedFieldMeta[] = [];
    for (const field of this.model.fields) {
      const annotations = fieldAnnotations.get(field.name);
      if (!annotations) continue;
      const seen = new Set<string>();
      for (const annotation of annotations) {
        if (seen.has(annotation.name) && annotation.name !== "model") {
          this.report(field.name, annotation.line, `@ai.${annotation.name} appears twice on this field; keep one.`);
          continue;
        }
        seen.add(annotation.name);
        if (annotation.name === "model") {
          this.report(field.name, annotation.line, "@ai.model goes in the /// comment above `model " + this.model.name + " {`, not on a field.");
        } else if (annotation.name === "embed") {
          const meta = this.readEmbed(field, annotation, modelDefaults);
          if (meta) embedded.push(meta);
        } else if (annotation.name === "generate") {
          const meta = this.readGenerate(field, annotation);
          if (meta) generated.push(meta);
        }
      }
    }
    if (embedded.length === 0 && generated.length === 0 && modelAnnotation && this.problems === 0) {
      this.report(undefined, modelAnnotation.line, "has @ai.model but no field with @ai.embed or @ai.generate; annotate a field or remove @ai.model.");
    }
    if (modelDefaults.hybrid && embedded.length === 0 && generated.length > 0 && modelAnnotation) {
      this.report(undefined, modelAnnotation.line, "search: hybrid needs at least one @ai.embed field to index for full-text search.");
    }
    if (this.problems > 0 || !id) return undefined;
    const table = tableMeta(this.model, this.byName);
    return {
      ...table,
      id,
      embedded,
      generated,
      hybridSearch: modelDefaults.hybrid,
      embeddingsTable: embeddingsTableName(table.dbSchema, table.table),
    };
  }

  private annotationsOf(field: string | undefined, documentation: string | undefined): ParsedAnnotation[] {
    const parsed = parseAnnotations(documentation);
    if (!parsed) return [];
    for (const error of parsed.errors) this.report(field, error.line, `cannot parse the annotation: ${error.message}.`);
    const known: ParsedAnnotation[] = [];
    for (const annotation of parsed.annotations) {
      if ((annotationNames as readonly string[]).includes(annotation.name)) known.push(annotation);
      else {
        this.report(
          field,
          annotation.line,
          `unknown annotation @ai.${annotation.name} (known: @ai.model, @ai.embed, @ai.generate).${didYouMean(annotation.name, annotationNames, (name) => `@ai.${name}`)}`,
        );
      }
    }
    return known;
  }

  private readModelOptions(annotation: ParsedAnnotation, target: ModelDefaults): void {
    for (const option of this.knownOptions(undefined, annotation, modelOptions)) {
      if (option.name === "embedding") target.embedding = this.modelString(undefined, option);
      else if (option.name === "dimensions") target.dimensions = this.dimensions(undefined, option);
      else if (option.name === "distance") target.distance = this.choice(undefined, option, distances);
      else if (option.name === "index") target.index = this.choice(undefined, option, indexKinds);
      else if (option.name === "search") target.hybrid = this.choice(undefined, option, searchModes) === "hybrid";
    }
  }

  private readId(): ModelMeta["id"] | undefined {
    if (this.model.primaryKey) {
      this.report(undefined, undefined, `has a compound @@id([${this.model.primaryKey.fields.join(", ")}]); prisma-ai needs a single-field @id (Int, BigInt or String) to reference rows.`);
      return undefined;
    }
    const idField = this.model.fields.find((field) => field.isId);
    if (!idField) {
      this.report(undefined, undefined, "has no single-field @id; add one of type Int, BigInt or String, which prisma-ai uses to reference rows.");
      return undefined;
    }
    if (idField.type !== "Int" && idField.type !== "BigInt" && idField.type !== "String") {
      this.report(idField.name, undefined, `the @id has type ${idField.type}; prisma-ai supports Int, BigInt and String ids.`);
      return undefined;
    }
    const nativeType = idField.nativeType?.[0];
    return {
      field: idField.name,
      column: idField.dbName ?? idField.name,
      type: idField.type as IdScalarType,
      ...(nativeType ? { nativeType } : {}),
    };
  }

  private readEmbed(field: DMMF.Field, annotation: ParsedAnnotation, modelDefaults: ModelDefaults): EmbeddedFieldMeta | undefined {
    const before = this.problems;
    if (field.kind !== "scalar" || field.type !== "String" || field.isList) {
      this.report(field.name, annotation.line, `@ai.embed needs a String or String? field, but ${field.name} is ${describeType(field)}.`);
    }
    let model: string | undefined;
    let dimensions: number | undefined;
    let distance: DistanceMetric | undefined;
    let index: VectorIndexKind | undefined;
    let chunk: ChunkingMeta | undefined;
    for (const option of this.knownOptions(field.name, annotation, embedOptions)) {
      if (option.name === "model") model = this.modelString(field.name, option);
      else if (option.name === "dimensions") dimensions = this.dimensions(field.name, option);
      else if (option.name === "distance") distance = this.choice(field.name, option, distances);
      else if (option.name === "index") index = this.choice(field.name, option, indexKinds);
      else if (option.name === "chunk") chunk = this.chunk(field.name, option);
    }
    if (this.problems > before) return undefined;

    let resolvedModel: string | undefined;
    let resolvedDimensions: number | undefined;
    if (model !== undefined) {
      resolvedModel = model;
      resolvedDimensions = dimensions ?? embeddingDimensionsOf(model)?.native;
    } else if (modelDefaults.embedding !== undefined) {
      resolvedModel = modelDefaults.embedding;
      resolvedDimensions = dimensions ?? modelDefaults.dimensions ?? embeddingDimensionsOf(modelDefaults.embedding)?.native;
    } else {
      resolvedModel = this.defaults.embeddingModel;
      resolvedDimensions = dimensions ?? modelDefaults.dimensions ?? this.defaults.dimensions ?? (resolvedModel ? embeddingDimensionsOf(resolvedModel)?.native : undefined);
    }
    if (resolvedModel === undefined) {
      this.report(
        field.name,
        annotation.line,
        'has no embedding model; add model: "provider:model" to @ai.embed, embedding: "..." to the model\'s @ai.model, or embeddingModel = "..." to the generator block.',
      );
      return undefined;
    }
    if (resolvedDimensions === undefined) {
      this.report(field.name, annotation.line, `the dimensions of "${resolvedModel}" are not known; add dimensions: <n> to @ai.embed or @ai.model.`);
      return undefined;
    }
    const resolvedIndex = index ?? modelDefaults.index ?? this.defaults.index ?? "hnsw";
    if (resolvedIndex !== "none" && resolvedDimensions > pgvectorLimits.indexedHalfvec) {
      this.report(
        field.name,
        annotation.line,
        `${resolvedDimensions} dimensions is beyond what pgvector can index (${pgvectorLimits.indexedHalfvec.toLocaleString("en-US")} as halfvec); use fewer dimensions or index: none.`,
      );
      return undefined;
    }
    return {
      field: field.name,
      column: field.dbName ?? field.name,
      model: resolvedModel,
      dimensions: resolvedDimensions,
      distance: distance ?? modelDefaults.distance ?? this.defaults.distance ?? "cosine",
      index: resolvedIndex,
      vectorType: resolvedDimensions > pgvectorLimits.indexedVector ? "halfvec" : "vector",
      ...(chunk ? { chunk } : {}),
    };
  }

  private readGenerate(field: DMMF.Field, annotation: ParsedAnnotation): GeneratedFieldMeta | undefined {
    const before = this.problems;
    const typeOk = field.kind === "scalar" && (field.type === "String" || field.type === "Json") && !field.isList && !field.isRequired;
    if (!typeOk) {
      this.report(field.name, annotation.line, `@ai.generate needs an optional String? or Json? field (it is empty until generated), but ${field.name} is ${describeType(field)}.`);
    }
    let prompt: string | undefined;
    let model: string | undefined;
    let on: ("create" | "update")[] = ["create", "update"];
    let promptLine = annotation.line;
    for (const option of this.knownOptions(field.name, annotation, generateOptions)) {
      if (option.name === "prompt") {
        prompt = this.string(field.name, option);
        promptLine = option.line;
      } else if (option.name === "model") model = this.modelString(field.name, option);
      else if (option.name === "on") on = this.operations(field.name, option) ?? on;
    }
    if (prompt === undefined && !annotation.options.some((option) => option.name === "prompt")) {
      this.report(field.name, annotation.line, '@ai.generate needs a prompt: add prompt: "... {field} ...".');
    }
    if (model === undefined && !annotation.options.some((option) => option.name === "model")) {
      this.report(field.name, annotation.line, '@ai.generate needs a chat model: add model: "provider:model" (e.g. "openai:gpt-4o-mini").');
    }
    const sourceFields: string[] = [];
    if (prompt !== undefined) {
      for (const match of prompt.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g)) {
        const name = match[1]!;
        if (sourceFields.includes(name)) continue;
        const referenced = this.model.fields.find((candidate) => candidate.name === name);
        if (!referenced) {
          const scalars = this.model.fields.filter((candidate) => candidate.kind === "scalar" || candidate.kind === "enum").map((candidate) => candidate.name);
          this.report(field.name, promptLine, `the prompt's placeholder {${name}} names no field of ${this.model.name}.${didYouMean(name, scalars, (candidate) => `{${candidate}}`)}`);
        } else if (referenced.kind === "object") {
          this.report(field.name, promptLine, `the prompt's placeholder {${name}} names a relation field; placeholders must name scalar fields of ${this.model.name}.`);
        } else if (referenced.kind === "unsupported") {
          this.report(field.name, promptLine, `the prompt's placeholder {${name}} names a field of an Unsupported type, which Prisma cannot read; name a scalar field.`);
        } else if (referenced.name === field.name) {
          this.report(field.name, promptLine, `the prompt's placeholder {${name}} names the generated field itself; reference the fields it is generated from.`);
        } else sourceFields.push(name);
      }
      if (sourceFields.length === 0 && this.problems === before) {
        this.report(field.name, promptLine, "the prompt references no field; name the fields it is generated from with {field} placeholders.");
      }
    }
    if (this.problems > before || prompt === undefined || model === undefined) return undefined;
    return { field: field.name, column: field.dbName ?? field.name, type: field.type as "String" | "Json", prompt, model, on, sourceFields };
  }

  private knownOptions(field: string | undefined, annotation: ParsedAnnotation, known: readonly string[]): AnnotationOption[] {
    const result: AnnotationOption[] = [];
    const seen = new Set<string>();
    for (const option of annotation.options) {
      if (!known.includes(option.name)) {
        this.report(field, option.line, `unknown option "${option.name}" in @ai.${annotation.name} (known: ${known.join(", ")}).${didYouMean(option.name, known)}`);
      } else if (seen.has(option.name)) {
        this.report(field, option.line, `option "${option.name}" appears twice in @ai.${annotation.name}; keep one.`);
      } else {
        seen.add(option.name);
        result.push(option);
      }
    }
    return result;
  }

  private string(field: string | undefined, option: AnnotationOption): string | undefined {
    if (option.value.kind === "string") return option.value.value;
    this.report(field, option.line, `${option.name} must be a "quoted string", not ${describeValue(option.value)}.`);
    return undefined;
  }

  private modelString(field: string | undefined, option: AnnotationOption): string | undefined {
    const value = this.string(field, option);
    if (value === undefined) return undefined;
    const problem = checkModelString(value);
    if (problem) {
      this.report(field, option.line, `${option.name} ${problem}`);
      return undefined;
    }
    return value;
  }

  private dimensions(field: string | undefined, option: AnnotationOption): number | undefined {
    const value = option.value;
    const problem =
      value.kind === "number" ? checkDimensions(value.value, value.raw) : `dimensions must be a positive integer, not ${describeValue(value)}.`;
    if (problem) {
      this.report(field, option.line, problem);
      return undefined;
    }
    return (value as { value: number }).value;
  }

  private choice<T extends string>(field: string | undefined, option: AnnotationOption, choices: readonly T[]): T | undefined {
    const value = option.value;
    const word = value.kind === "identifier" ? value.name : value.kind === "string" ? value.value : undefined;
    if (word !== undefined && (choices as readonly string[]).includes(word)) return word as T;
    const hint = word === undefined ? "" : didYouMean(word, choices);
    this.report(field, option.line, `${option.name} must be one of ${choices.join(", ")}, not ${describeValue(value)}.${hint}`);
    return undefined;
  }

  private chunk(field: string, option: AnnotationOption): ChunkingMeta | undefined {
    if (option.value.kind !== "object") {
      this.report(field, option.line, `chunk must be an object like { size: 800, overlap: 100 }, not ${describeValue(option.value)}.`);
      return undefined;
    }
    let size: number | undefined;
    let overlap = 0;
    const before = this.problems;
    for (const entry of option.value.entries) {
      if (!(chunkOptions as readonly string[]).includes(entry.name)) {
        this.report(field, entry.line, `unknown option "${entry.name}" in chunk (known: ${chunkOptions.join(", ")}).${didYouMean(entry.name, chunkOptions)}`);
        continue;
      }
      const value = entry.value;
      if (value.kind !== "number" || !Number.isInteger(value.value) || value.value < 0) {
        this.report(field, entry.line, `chunk ${entry.name} must be a non-negative integer (tokens), not ${describeValue(value)}.`);
        continue;
      }
      if (entry.name === "size") size = value.value;
      else overlap = value.value;
    }
    if (this.problems > before) return undefined;
    if (size === undefined || size < 1) {
      this.report(field, option.line, "chunk needs a positive size (in tokens), e.g. chunk: { size: 800, overlap: 100 }.");
      return undefined;
    }
    if (overlap >= size) {
      this.report(field, option.line, `chunk overlap (${overlap}) must be smaller than its size (${size}).`);
      return undefined;
    }
    return { size, overlap };
  }

  private operations(field: string, option: AnnotationOption): ("create" | "update")[] | undefined {
    const items = option.value.kind === "array" ? option.value.items : [option.value];
    const result: ("create" | "update")[] = [];
    for (const item of items) {
      const word = item.kind === "identifier" ? item.name : item.kind === "string" ? item.value : undefined;
      if (word === "create" || word === "update") {
        if (!result.includes(word)) result.push(word);
      } else {
        this.report(field, item.line, `on lists create and/or update, e.g. on: [create, update], not ${describeValue(item)}.${word ? didYouMean(word, operations) : ""}`);
        return undefined;
      }
    }
    if (result.length === 0) {
      this.report(field, option.line, "on must name at least one of create, update.");
      return undefined;
    }
    return result;
  }

  private report(field: string | undefined, documentationLineIndex: number | undefined, message: string): void {
    this.problems++;
    const modelLocation = this.location.model;
    const declaration = field === undefined ? modelLocation : modelLocation?.fields.get(field);
    const line = documentationLineIndex === undefined ? declaration?.line : documentationLine(declaration, documentationLineIndex);
    this.diagnostics.push({
      file: declaration?.file ?? modelLocation?.file ?? this.locations.defaultFile,
      line,
      model: this.model.name,
      ...(field === undefined ? {} : { field }),
      message,
    });
  }
}

function checkModelString(value: string): string | undefined {
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

function checkDimensions(value: number, raw: string): string | undefined {
  if (!Number.isInteger(value) || value < 1) return `dimensions must be a positive integer, not ${raw}.`;
  if (value > pgvectorLimits.vectorColumn) {
    return `dimensions ${value} is beyond pgvector's limit of ${pgvectorLimits.vectorColumn.toLocaleString("en-US")} dimensions per vector.`;
  }
  return undefined;
}

function describeValue(value: AnnotationValue): string {
  if (value.kind === "string") return JSON.stringify(value.value);
  if (value.kind === "number") return value.raw;
  if (value.kind === "identifier") return value.name;
  return value.kind === "array" ? "a list" : "an object";
}

function describeType(field: DMMF.Field): string {
  if (field.kind === "object") return `a relation to ${field.type}`;
  return `${field.type}${field.isList ? "[]" : field.isRequired ? "" : "?"}`;
}

function checkEmbeddingsTableNames(models: Record<string, ModelMeta>, locations: SourceLocations, diagnostics: Diagnostic[]): void {
  const owners = new Map<string, string>();
  for (const meta of Object.values(models)) {
    if (meta.embedded.length === 0) continue;
    const other = owners.get(meta.embeddingsTable);
    if (other) {
      const location = locations.models.get(meta.name);
      diagnostics.push({
        file: location?.file ?? locations.defaultFile,
        line: location?.line,
        model: meta.name,
        message: `its embeddings table prisma_ai."${meta.embeddingsTable}" would be the same as ${other}'s; rename one of the tables with @@map.`,
      });
    } else owners.set(meta.embeddingsTable, meta.name);
  }
}

/** The TableMeta of any model: table, schema, scalar fields and relations. */
export function tableMeta(model: DMMF.Model, byName: ReadonlyMap<string, DMMF.Model>): TableMeta {
  const fields: Record<string, ScalarFieldMeta> = {};
  const relations: Record<string, RelationFieldMeta> = {};
  const columnOf = (owner: DMMF.Model | undefined, name: string): string => owner?.fields.find((field) => field.name === name)?.dbName ?? name;
  for (const field of model.fields) {
    if (field.kind === "scalar" || field.kind === "enum") {
      const nativeType = field.nativeType?.[0];
      fields[field.name] = {
        name: field.name,
        column: field.dbName ?? field.name,
        type: field.type,
        kind: field.kind,
        isList: field.isList,
        isRequired: field.isRequired,
        ...(nativeType ? { nativeType } : {}),
      };
    } else if (field.kind === "object") {
      const related = byName.get(field.type);
      const from = field.relationFromFields ?? [];
      const to = field.relationToFields ?? [];
      relations[field.name] = {
        name: field.name,
        model: field.type,
        isList: field.isList,
        fromColumns: from.map((name) => columnOf(model, name)),
        toColumns: from.length > 0 ? to.map((name) => columnOf(related, name)) : [],
      };
    }
  }
  return { name: model.name, dbSchema: model.schema ?? "public", table: model.dbName ?? model.name, fields, relations };
}
