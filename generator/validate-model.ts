// One model's annotations (@ai.model on the model, @ai.embed and @ai.generate on its fields) -> its ModelMeta,
// every problem reported as a located Diagnostic.
import type { DMMF } from "@prisma/generator-helper";
import type { ChunkingMeta, DistanceMetric, EmbeddedFieldMeta, GeneratedFieldMeta, IdScalarType, ModelMeta, VectorIndexKind } from "../src/schema/index.js";
import { embeddingsTableName } from "../src/sql/names.js";
import { embeddingDimensionsOf } from "../src/spec/catalogue/index.js";
import { parseAnnotations, type AnnotationOption, type ParsedAnnotation } from "./annotations/parse-annotations.js";
import type { Diagnostic } from "./diagnostics.js";
import { documentationLine, type DeclarationLocation, type SourceLocations } from "./source-locations.js";
import { didYouMean } from "./suggest.js";
import { tableMeta } from "./table-meta.js";
import type { GeneratorDefaults } from "./validate-generator-block.js";
import {
  annotationNames,
  checkDimensions,
  checkModelString,
  chunkOptions,
  describeType,
  describeValue,
  distances,
  embedOptions,
  generateOptions,
  indexKinds,
  modelOptions,
  operations,
  pgvectorLimits,
  searchModes,
} from "./validate-values.js";

/** Resolved `@ai.model(...)` options of one model. */
interface ModelDefaults {
  embedding?: string;
  dimensions?: number;
  distance?: DistanceMetric;
  index?: VectorIndexKind;
  hybrid: boolean;
}

/** Validates one model: `run()` gives its ModelMeta, or `undefined` when it has no annotations or problems were reported. */
export class ModelValidation {
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
