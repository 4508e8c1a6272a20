// prisma-ai/generator: the Prisma generator as a library (annotation parser, validation, emitters), for tools
// and tests. The executable is `prisma-ai-generator` (generator/bin.ts).
export { parseAnnotations, type AnnotationOption, type AnnotationSyntaxError, type AnnotationValue, type ParsedAnnotation, type ParsedDocumentation } from "./annotations/parse-annotations.js";
export { SchemaAnnotationError, formatDiagnostic, type Diagnostic } from "./diagnostics.js";
export { emitSchemaModule, type SchemaModuleOptions } from "./emit-schema-module.js";
export { generateFiles, outputFileNames, type GenerateFilesInput, type GeneratedFile } from "./generate.js";
export { generatorIdentity, manifest, onGenerate, readSchemaSources } from "./handler.js";
export { knownEmbeddingDimensions, knownProviders } from "../src/spec/catalogue/index.js";
export { locateDeclarations, type SchemaSource, type SourceLocations } from "./source-locations.js";
export { validateSchema, pgvectorLimits, type GeneratorDefaults, type ValidationInput, type ValidationResult } from "./validate.js";
