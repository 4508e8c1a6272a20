// `npm run bench`: runs every scenario (or those named on the command line), prints a table and writes
// bench/results.json, merging with figures of scenarios not run this time.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { Scenario, ScenarioResult } from "./support/measure.js";
import { scenarios } from "./scenarios/index.js";

const resultsFile = new URL("./results.json", import.meta.url);
const wanted = process.argv.slice(2);
const selected: Scenario[] = wanted.length ? scenarios.filter((scenario) => wanted.includes(scenario.name)) : scenarios;
if (wanted.length && selected.length !== wanted.length) {
  console.error(`Unknown scenario; available: ${scenarios.map((scenario) => scenario.name).join(", ")}`);
  process.exit(1);
}

const results: Record<string, ScenarioResult> = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, "utf8")) : {};
const rows: string[][] = [];
for (const scenario of selected) {
  process.stderr.write(`bench: ${scenario.name} ...\n`);
  const result = await scenario.run();
  results[scenario.name] = result;
  rows.push([scenario.name, String(result.ours_ms), String(result.baseline_ms), String(result.ratio), scenario.goal]);
  writeFileSync(resultsFile, JSON.stringify(results, null, 2) + "\n");
}

const header = ["scenario", "ours_ms", "baseline_ms", "ratio", "goal"];
const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join("  ");
console.log(line(header));
console.log(widths.map((width) => "-".repeat(width)).join("  "));
for (const row of rows) console.log(line(row));
