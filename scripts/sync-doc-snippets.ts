// Copies each snippet file (or `// #region`) into the documentation blocks that name it with
// `<!-- snippet: path#region -->`, so a page shows exactly what compiles. test/docs/snippets.test.ts fails when
// a page and its sources differ; run this after changing a snippet: `npx tsx scripts/sync-doc-snippets.ts`.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { documentationPages, readCodeBlocks, readSnippet } from "../test/docs/markdown-blocks.js";

const root = fileURLToPath(new URL("../", import.meta.url));
let changed = 0;
for (const page of documentationPages(root)) {
  const blocks = readCodeBlocks(root, page).filter((block) => block.snippet);
  if (blocks.length === 0) continue;
  const lines = readFileSync(join(root, page), "utf8").split("\n");
  // From the last block up, so earlier line numbers stay valid.
  for (const block of blocks.reverse()) {
    const open = lines[block.line - 1]!;
    const indent = /^\s*/.exec(open)![0];
    const fence = open.trim().match(/^(`{3,}|~{3,})/)![1]!;
    let close = block.line;
    while (close < lines.length && !(lines[close]!.trim().startsWith(fence) && lines[close]!.trim().replace(/[`~]/g, "") === "")) close++;
    const source = readSnippet(root, block.snippet!).split("\n").map((line) => (line === "" ? "" : indent + line));
    const current = lines.slice(block.line, close);
    if (current.join("\n") !== source.join("\n")) {
      lines.splice(block.line, close - block.line, ...source);
      changed++;
    }
  }
  writeFileSync(join(root, page), lines.join("\n"));
}
console.log(`${changed} block(s) updated`);
