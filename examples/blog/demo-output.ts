// Terminal output of the blog demo: a progress bar (stderr) and plain-text tables (stdout).

/** Where text goes: process.stdout / process.stderr, or a buffer in tests. */
export interface TextSink {
  write(text: string): unknown;
  /** A terminal redraws the progress bar in place; anything else gets one line per bar. */
  isTTY?: boolean;
}

/** A progress bar for `total` steps: `Writing articles  [########------------]  80/200`. */
export class ProgressBar {
  private done = 0;
  private readonly started = performance.now();
  private lastDrawn = -1;

  constructor(
    private readonly sink: TextSink,
    private readonly label: string,
    private readonly total: number,
    private readonly width = 30,
  ) {
    this.draw();
  }

  /** Sets the number of steps done (never goes back). */
  update(done: number): void {
    this.done = Math.min(this.total, Math.max(this.done, done));
    this.draw();
  }

  /** Completes the bar and prints the elapsed time. */
  finish(): void {
    this.done = this.total;
    this.draw();
    const seconds = ((performance.now() - this.started) / 1000).toFixed(1);
    this.sink.write(this.sink.isTTY ? ` ${seconds} s\n` : `${this.line()} ${seconds} s\n`);
  }

  private draw(): void {
    if (!this.sink.isTTY) return;
    const filled = this.total === 0 ? this.width : Math.round((this.done / this.total) * this.width);
    if (filled === this.lastDrawn && this.done !== this.total) return;
    this.lastDrawn = filled;
    this.sink.write(`\r${this.line()}`);
  }

  private line(): string {
    const filled = this.total === 0 ? this.width : Math.round((this.done / this.total) * this.width);
    const count = `${String(this.done).padStart(String(this.total).length)}/${this.total}`;
    return `${this.label.padEnd(18)} [${"#".repeat(filled)}${"-".repeat(this.width - filled)}] ${count}`;
  }
}

/** One column of {@link renderTable}. */
export interface Column<Row> {
  header: string;
  /** The cell text; `index` is the row's position (0 for the first row). */
  value: (row: Row, index: number) => string;
  /** Cut longer values with an ellipsis. */
  maxWidth?: number;
  align?: "left" | "right";
}

/** A plain-text table: a header, a rule, one line per row. */
export function renderTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  const cells = rows.map((row, rowIndex) => columns.map((column) => truncate(column.value(row, rowIndex), column.maxWidth)));
  const widths = columns.map((column, index) => Math.max(column.header.length, ...cells.map((line) => line[index]!.length)));
  const format = (values: readonly string[]) =>
    values
      .map((value, index) => (columns[index]!.align === "right" ? value.padStart(widths[index]!) : value.padEnd(widths[index]!)))
      .join("  ")
      .trimEnd();
  const lines = [format(columns.map((column) => column.header)), widths.map((width) => "-".repeat(width)).join("  ")];
  for (const line of cells) lines.push(format(line));
  if (rows.length === 0) lines.push("(no results)");
  return `${lines.join("\n")}\n`;
}

function truncate(value: string, maxWidth: number | undefined): string {
  if (maxWidth === undefined || value.length <= maxWidth) return value;
  return `${value.slice(0, maxWidth - 1)}…`;
}
