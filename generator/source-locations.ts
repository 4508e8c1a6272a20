// Finds where models, fields and their `///` comment lines are in the schema files, so diagnostics can name a
// file and line (the DMMF has no positions). Pure: schema texts in, an index out.

/** One schema file's path (as it should appear in messages) and text. */
export interface SchemaSource {
  readonly path: string;
  readonly text: string;
}

/** A declaration's position: its file, its 1-based line, and the 1-based lines of the `///` comment above it. */
export interface DeclarationLocation {
  readonly file: string;
  readonly line: number;
  readonly documentationLines: readonly number[];
}

/** A model's location and those of its fields, by field name. */
export interface ModelLocation extends DeclarationLocation {
  readonly fields: ReadonlyMap<string, DeclarationLocation>;
}

/** Index of model and field declarations across schema files. */
export interface SourceLocations {
  readonly models: ReadonlyMap<string, ModelLocation>;
  /** The file to name when nothing better is known (the first schema file). */
  readonly defaultFile: string;
}

const blockStart = /^\s*(model|view|type|enum)\s+([A-Za-z_][A-Za-z0-9_]*)\s*\{/;
const fieldLine = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s+\S/;

/** Indexes the `model` blocks of the given schema files. */
export function locateDeclarations(sources: readonly SchemaSource[]): SourceLocations {
  const models = new Map<string, ModelLocation>();
  for (const source of sources) {
    const lines = source.text.split(/\r?\n/);
    let current: { name: string; line: number; documentationLines: number[]; fields: Map<string, DeclarationLocation> } | undefined;
    let inOtherBlock = false;
    for (let index = 0; index < lines.length; index++) {
      const text = lines[index]!;
      if (!current && !inOtherBlock) {
        const start = blockStart.exec(text);
        if (!start) continue;
        if (start[1] === "model" || start[1] === "view") {
          current = { name: start[2]!, line: index + 1, documentationLines: documentationAbove(lines, index), fields: new Map() };
        } else inOtherBlock = true;
        continue;
      }
      if (/^\s*\}/.test(text)) {
        if (current) models.set(current.name, { file: source.path, line: current.line, documentationLines: current.documentationLines, fields: current.fields });
        current = undefined;
        inOtherBlock = false;
        continue;
      }
      if (!current) continue;
      const field = fieldLine.exec(text);
      if (field && !text.trimStart().startsWith("//")) {
        current.fields.set(field[1]!, { file: source.path, line: index + 1, documentationLines: documentationAbove(lines, index) });
      }
    }
  }
  return { models, defaultFile: sources[0]?.path ?? "schema.prisma" };
}

function documentationAbove(lines: readonly string[], index: number): number[] {
  const result: number[] = [];
  for (let above = index - 1; above >= 0 && lines[above]!.trimStart().startsWith("///"); above--) result.unshift(above + 1);
  return result;
}

/** The 1-based line of the `documentationLine`-th line (0-based) of a declaration's comment, else its own line. */
export function documentationLine(location: DeclarationLocation | undefined, documentationLine: number): number | undefined {
  if (!location) return undefined;
  return location.documentationLines[documentationLine] ?? location.line;
}
