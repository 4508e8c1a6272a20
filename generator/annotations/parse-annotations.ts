// Parses the `/// @ai.*` annotations out of one DMMF `documentation` string. Pure: text in, syntax tree and
// syntax errors out, no knowledge of which annotations or options exist (validation does that).
//
//   annotation := "@ai." name [ "(" [ option { "," option } [ "," ] ] ")" ]
//   option     := name ":" value
//   value      := string | number | identifier | "[" [ value { "," value } ] "]" | "{" [ option { "," option } ] "}"
//   string     := '"' { char | "\n" | "\t" | "\r" | '\"' | "\\" | "\u" hex{4} } '"'

/** A value written in an annotation. Identifiers are bare words: `hybrid`, `cosine`, `create`, `true`. */
export type AnnotationValue =
  | { readonly kind: "string"; readonly value: string; readonly line: number }
  | { readonly kind: "number"; readonly value: number; readonly raw: string; readonly line: number }
  | { readonly kind: "identifier"; readonly name: string; readonly line: number }
  | { readonly kind: "array"; readonly items: readonly AnnotationValue[]; readonly line: number }
  | { readonly kind: "object"; readonly entries: readonly AnnotationOption[]; readonly line: number };

/** `name: value` inside an annotation's parentheses (or inside an object value). */
export interface AnnotationOption {
  readonly name: string;
  readonly value: AnnotationValue;
  /** 0-based line within the documentation string. */
  readonly line: number;
}

/** One `@ai.<name>(...)`. */
export interface ParsedAnnotation {
  /** The part after `@ai.`, e.g. `embed`. */
  readonly name: string;
  readonly options: readonly AnnotationOption[];
  /** 0-based line within the documentation string where `@ai.` starts. */
  readonly line: number;
}

/** A syntax error, located by 0-based line within the documentation string. */
export interface AnnotationSyntaxError {
  readonly message: string;
  readonly line: number;
}

/** The annotations of one documentation comment, and the syntax errors found in it. */
export interface ParsedDocumentation {
  readonly annotations: readonly ParsedAnnotation[];
  readonly errors: readonly AnnotationSyntaxError[];
}

const annotationStart = /(^|[\s(])@ai\./g;

/**
 * Finds and parses every `@ai.*` annotation in a documentation comment (the text of its `///` lines joined with
 * newlines). Returns null when the comment has none; syntax errors are returned, never thrown.
 */
export function parseAnnotations(documentation: string | undefined | null): ParsedDocumentation | null {
  if (!documentation || !documentation.includes("@ai.")) return null;
  const annotations: ParsedAnnotation[] = [];
  const errors: AnnotationSyntaxError[] = [];
  let resumeAt = 0;
  for (const match of documentation.matchAll(annotationStart)) {
    const start = match.index + match[1]!.length;
    if (start < resumeAt) continue;
    const parser = new Parser(documentation, start + "@ai.".length);
    try {
      annotations.push(parser.annotation(lineAt(documentation, start)));
    } catch (error) {
      if (!(error instanceof SyntaxProblem)) throw error;
      errors.push({ message: error.message, line: lineAt(documentation, error.position) });
    }
    resumeAt = parser.position;
  }
  return { annotations, errors };
}

function lineAt(text: string, position: number): number {
  let line = 0;
  for (let index = 0; index < position && index < text.length; index++) if (text[index] === "\n") line++;
  return line;
}

class SyntaxProblem extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

const namePattern = /[A-Za-z_][A-Za-z0-9_]*/y;
const numberPattern = /-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?/y;

class Parser {
  constructor(
    private readonly text: string,
    public position: number,
  ) {}

  annotation(line: number): ParsedAnnotation {
    const name = this.name("an annotation name after `@ai.`");
    this.skipSpaceOnLine();
    if (this.text[this.position] !== "(") return { name, options: [], line };
    this.position++;
    const options = this.options(")");
    return { name, options, line };
  }

  private options(close: ")" | "}"): AnnotationOption[] {
    const options: AnnotationOption[] = [];
    for (;;) {
      this.skipSpace();
      if (this.peek() === close) {
        this.position++;
        return options;
      }
      const line = lineAt(this.text, this.position);
      const name = this.name(close === ")" ? `an option name or \`${close}\`` : `a key or \`${close}\``);
      this.skipSpace();
      if (this.peek() !== ":") throw this.problem(`expected \`:\` after \`${name}\` (options are written \`${name}: value\`)`);
      this.position++;
      const value = this.value();
      options.push({ name, value, line });
      this.skipSpace();
      if (this.peek() === ",") this.position++;
      else if (this.peek() !== close) throw this.problem(`expected \`,\` or \`${close}\``);
    }
  }

  private value(): AnnotationValue {
    this.skipSpace();
    const line = lineAt(this.text, this.position);
    const character = this.peek();
    if (character === '"') return { kind: "string", value: this.string(), line };
    if (character === "[") {
      this.position++;
      const items: AnnotationValue[] = [];
      for (;;) {
        this.skipSpace();
        if (this.peek() === "]") {
          this.position++;
          return { kind: "array", items, line };
        }
        items.push(this.value());
        this.skipSpace();
        if (this.peek() === ",") this.position++;
        else if (this.peek() !== "]") throw this.problem("expected `,` or `]`");
      }
    }
    if (character === "{") {
      this.position++;
      return { kind: "object", entries: this.options("}"), line };
    }
    numberPattern.lastIndex = this.position;
    const number = numberPattern.exec(this.text);
    if (number) {
      this.position += number[0].length;
      return { kind: "number", value: Number(number[0]), raw: number[0], line };
    }
    return { kind: "identifier", name: this.name("a value (a \"string\", a number, a word, [a, list] or { key: value })"), line };
  }

  private string(): string {
    const start = this.position;
    this.position++;
    let result = "";
    for (;;) {
      const character = this.text[this.position];
      if (character === undefined || character === "\n") throw new SyntaxProblem("unterminated string (a closing `\"` is missing on this line)", start);
      this.position++;
      if (character === '"') return result;
      if (character !== "\\") {
        result += character;
        continue;
      }
      const escaped = this.text[this.position++];
      if (escaped === "n") result += "\n";
      else if (escaped === "t") result += "\t";
      else if (escaped === "r") result += "\r";
      else if (escaped === '"' || escaped === "\\") result += escaped;
      else if (escaped === "u" && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.position, this.position + 4))) {
        result += String.fromCharCode(parseInt(this.text.slice(this.position, this.position + 4), 16));
        this.position += 4;
      } else throw new SyntaxProblem(`unknown escape \`\\${escaped ?? ""}\` in a string (use \\n, \\t, \\r, \\", \\\\ or \\uXXXX)`, this.position - 2);
    }
  }

  private name(expected: string): string {
    namePattern.lastIndex = this.position;
    const match = namePattern.exec(this.text);
    if (!match) throw this.problem(`expected ${expected}`);
    this.position += match[0].length;
    return match[0];
  }

  private peek(): string | undefined {
    return this.text[this.position];
  }

  private skipSpace(): void {
    while (this.position < this.text.length && /\s/.test(this.text[this.position]!)) this.position++;
  }

  private skipSpaceOnLine(): void {
    while (this.text[this.position] === " " || this.text[this.position] === "\t") this.position++;
  }

  private problem(message: string): SyntaxProblem {
    const found = this.peek();
    return new SyntaxProblem(found === undefined ? `${message}, found the end of the comment` : `${message}, found \`${found}\``, this.position);
  }
}
