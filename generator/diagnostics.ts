// Problems found in the schema, each located (schema file, line, model, field), reported all at once.
import { AIError } from "../src/spec/errors/index.js";

/** One problem in the schema's annotations. */
export interface Diagnostic {
  /** Schema file, relative to the working directory when possible. */
  readonly file: string;
  /** 1-based line, or undefined when it could not be located. */
  readonly line: number | undefined;
  readonly model?: string;
  readonly field?: string;
  /** One sentence: what is wrong and what to do. */
  readonly message: string;
}

/** Formats one diagnostic: `prisma/schema.prisma:12 Article.body: message`. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const where = diagnostic.line === undefined ? diagnostic.file : `${diagnostic.file}:${diagnostic.line}`;
  const subject = diagnostic.model ? ` ${diagnostic.model}${diagnostic.field ? `.${diagnostic.field}` : ""}:` : "";
  return `${where}${subject} ${diagnostic.message}`;
}

/**
 * The schema's `/// @ai.*` annotations are wrong: `diagnostics` lists every problem found (all at once). Thrown by
 * the generator so `prisma generate` fails; its message lists them one per line, without a stack trace.
 */
export class SchemaAnnotationError extends AIError {
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: readonly Diagnostic[]) {
    const count = diagnostics.length === 1 ? "1 problem" : `${diagnostics.length} problems`;
    super(
      "schema_annotation",
      `prisma-ai found ${count} in the /// @ai annotations; fix ${diagnostics.length === 1 ? "it" : "them"} and run \`prisma generate\` again:\n` +
        diagnostics.map((diagnostic) => `  ${formatDiagnostic(diagnostic)}`).join("\n"),
    );
    this.diagnostics = diagnostics;
  }
}
