// Reads the fenced code blocks of the documentation (README.md, CONTRIBUTING.md, every docs/**/*.md) and the
// snippet files they include, for test/docs/snippets.test.ts. Pure apart from reading files.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** One fenced block of a page. */
export interface CodeBlock {
  /** Page path relative to the repository root, e.g. `docs/search.md`. */
  readonly page: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** First word of the info string, lower-cased (`ts`, `prisma`, `bash`...); `""` when there is none. */
  readonly language: string;
  /** The block's text, without the fences and without the fence's own indentation. */
  readonly text: string;
  /** `path#region` from a `<!-- snippet: path#region -->` comment on the line(s) just above the fence. */
  readonly snippet: SnippetReference | undefined;
}

/** Where a block's text comes from: a file, or a `// #region name` of it. */
export interface SnippetReference {
  readonly path: string;
  readonly region: string | undefined;
}

/** Pages whose blocks are checked: the front door, the contributing guide and every page under docs/. */
export function documentationPages(root: string): string[] {
  const pages = ["README.md", "CONTRIBUTING.md"].filter((page) => existsSync(join(root, page)));
  const docs = join(root, "docs");
  if (existsSync(docs)) pages.push(...listMarkdown(docs).map((path) => relative(root, path)));
  return pages;
}

function listMarkdown(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return listMarkdown(path);
      return name.endsWith(".md") ? [path] : [];
    });
}

const snippetComment = /^<!--\s*snippet:\s*([^#\s]+)(?:#([\w-]+))?\s*-->$/;
const fenceOpen = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)/;

/** The fenced blocks of one page, in order. */
export function readCodeBlocks(root: string, page: string): CodeBlock[] {
  const lines = readFileSync(join(root, page), "utf8").split("\n");
  const blocks: CodeBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = fenceOpen.exec(lines[index]!);
    if (!open) continue;
    const [, indent = "", fence = "", language = ""] = open;
    const body: string[] = [];
    let end = index + 1;
    while (end < lines.length && !isClosingFence(lines[end]!, fence)) {
      const line = lines[end]!;
      body.push(line.startsWith(indent) ? line.slice(indent.length) : line.trimStart());
      end++;
    }
    blocks.push({ page, line: index + 1, language: language.toLowerCase(), text: body.join("\n"), snippet: snippetAbove(lines, index) });
    index = end;
  }
  return blocks;
}

function isClosingFence(line: string, fence: string): boolean {
  const trimmed = line.trim();
  return trimmed.startsWith(fence) && trimmed.replace(/[`~]/g, "") === "";
}

function snippetAbove(lines: readonly string[], fenceIndex: number): SnippetReference | undefined {
  let index = fenceIndex - 1;
  while (index >= 0 && lines[index]!.trim() === "") index--;
  const match = index >= 0 ? snippetComment.exec(lines[index]!.trim()) : null;
  return match ? { path: match[1]!, region: match[2] } : undefined;
}

/**
 * The text a snippet reference names: the whole file (its leading comment lines and regions markers dropped), or
 * the lines between `// #region <name>` and the next `// #endregion`, dedented by their common indentation.
 * @throws Error when the file or the region does not exist.
 */
export function readSnippet(root: string, reference: SnippetReference): string {
  const path = join(root, reference.path);
  if (!existsSync(path)) throw new Error(`snippet file ${reference.path} does not exist`);
  const lines = readFileSync(path, "utf8").split("\n");
  let selected: string[];
  if (reference.region === undefined) {
    selected = lines.filter((line) => !isRegionMarker(line));
  } else {
    const start = lines.findIndex((line) => line.trim() === `// #region ${reference.region}` || line.trim() === `-- #region ${reference.region}`);
    if (start < 0) throw new Error(`snippet file ${reference.path} has no region "${reference.region}"`);
    const end = lines.findIndex((line, index) => index > start && /^\s*(\/\/|--) #endregion\b/.test(line));
    if (end < 0) throw new Error(`region "${reference.region}" of ${reference.path} has no #endregion`);
    selected = lines.slice(start + 1, end).filter((line) => !isRegionMarker(line));
  }
  return normalise(dedent(selected).join("\n"));
}

function isRegionMarker(line: string): boolean {
  return /^\s*(\/\/|--) #(end)?region\b/.test(line);
}

function dedent(lines: readonly string[]): string[] {
  const indents = lines.filter((line) => line.trim() !== "").map((line) => /^ */.exec(line)![0].length);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(common));
}

/** Trailing spaces and surrounding blank lines do not count when a block is compared with its source. */
export function normalise(text: string): string {
  return text
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .replace(/^\n+/, "")
    .replace(/\n+$/, "");
}

/** A short diff for a failure message: the first line where two texts differ, with a line of context. */
export function firstDifference(expected: string, actual: string): string {
  const left = expected.split("\n");
  const right = actual.split("\n");
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    if (left[index] !== right[index]) {
      return `line ${index + 1} of the block:\n  source: ${JSON.stringify(left[index] ?? "<end>")}\n  page:   ${JSON.stringify(right[index] ?? "<end>")}`;
    }
  }
  return "no difference";
}

/** A relative link of a page (`[text](target)`), outside code blocks. */
export interface PageLink {
  readonly page: string;
  readonly line: number;
  readonly target: string;
}

/** The relative links of a page (http(s) and mailto links left out: there is no network to check them). */
export function readLinks(root: string, page: string): PageLink[] {
  const links: PageLink[] = [];
  let fence: string | undefined;
  readFileSync(join(root, page), "utf8")
    .split("\n")
    .forEach((line, index) => {
      const open = fenceOpen.exec(line);
      if (fence === undefined && open) fence = open[2];
      else if (fence !== undefined && isClosingFence(line, fence)) fence = undefined;
      if (fence !== undefined || open) return;
      const withoutCode = line.replace(/`[^`]*`/g, "");
      for (const match of withoutCode.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = match[1]!;
        if (!/^(https?:|mailto:)/.test(target)) links.push({ page, line: index + 1, target });
      }
    });
  return links;
}

/** GitHub's anchors of a page's headings: lower case, punctuation dropped, spaces as `-`. */
export function headingAnchors(root: string, page: string): Set<string> {
  const anchors = new Set<string>();
  let fence: string | undefined;
  for (const line of readFileSync(join(root, page), "utf8").split("\n")) {
    const open = fenceOpen.exec(line);
    if (fence === undefined && open) fence = open[2];
    else if (fence !== undefined && isClosingFence(line, fence)) fence = undefined;
    const heading = fence === undefined && !open ? /^#{1,6}\s+(.*)$/.exec(line) : null;
    if (heading) anchors.add(heading[1]!.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-"));
  }
  return anchors;
}
