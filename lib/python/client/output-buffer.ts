/**
 * The output of one run: an append-only list of chunks with a line count, so a program printing a million lines
 * costs the page a few string appends per batch. The console renders only the tail; the whole text stays
 * downloadable. Past `maxChars` the oldest chunks are dropped (counted, and said so in the download), so an endless
 * print loop cannot exhaust the tab's memory before the learner presses Stop.
 */
export type Stream = "stdout" | "stderr" | "notice" | "input";

export interface Chunk {
  stream: Stream;
  text: string;
}

export interface Tail {
  chunks: Chunk[];
  /** Lines of the output not shown (dropped ones included). */
  hiddenLines: number;
}

/** The tail split into lines (newlines removed), each a list of same-stream segments. */
export interface TailLines {
  lines: Chunk[][];
  /** Lines before the first one shown; also the absolute index of `lines[0]`, a stable key across repaints. */
  hiddenLines: number;
  /** The last line is still open (no newline yet): an input() prompt, or output still being written. */
  open: boolean;
}

const MERGE_LIMIT = 4096;

function countNewlines(text: string, from = 0, to = text.length): number {
  let n = 0;
  for (let i = text.indexOf("\n", from); i !== -1 && i < to; i = text.indexOf("\n", i + 1)) n += 1;
  return n;
}

export class OutputBuffer {
  private chunks: Chunk[] = [];
  /** Index of the first chunk still kept: dropping from the front is O(1) until the array is compacted. */
  private head = 0;
  private newlines = 0;
  private listeners = new Set<() => void>();
  /** Characters currently kept. */
  chars = 0;
  /** Lines and characters dropped from the front to bound memory. */
  droppedLines = 0;
  droppedChars = 0;
  /** Bumped on every change; the console subscribes to it. */
  version = 0;

  constructor(private readonly maxChars = 32 * 1024 * 1024) {}

  append(stream: Stream, text: string) {
    if (!text) return;
    const last = this.chunks[this.chunks.length - 1];
    // Merge consecutive text of the same stream: fewer, larger chunks.
    if (last && this.chunks.length > this.head && last.stream === stream && last.text.length < MERGE_LIMIT) last.text += text;
    else this.chunks.push({ stream, text });
    this.chars += text.length;
    this.newlines += countNewlines(text);
    if (this.chars > this.maxChars) this.dropOldest();
    this.version += 1;
    for (const listener of this.listeners) listener();
  }

  private dropOldest() {
    // Keep the newest ~90% so that a flood does not drop on every append.
    const target = this.maxChars * 0.9;
    while (this.chars > target && this.head < this.chunks.length - 1) {
      const chunk = this.chunks[this.head]!;
      const n = countNewlines(chunk.text);
      this.chars -= chunk.text.length;
      this.newlines -= n;
      this.droppedChars += chunk.text.length;
      this.droppedLines += n;
      this.head += 1;
    }
    if (this.head > 1024 && this.head * 2 > this.chunks.length) {
      this.chunks = this.chunks.slice(this.head);
      this.head = 0;
    }
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private get endsWithNewline(): boolean {
    return this.chunks[this.chunks.length - 1]?.text.endsWith("\n") ?? false;
  }

  /** Lines kept, a final line without its newline included. */
  get keptLines(): number {
    return this.newlines + (this.chars > 0 && !this.endsWithNewline ? 1 : 0);
  }

  /** All lines the program produced, dropped ones included. */
  get lines(): number {
    return this.droppedLines + this.keptLines;
  }

  get empty(): boolean {
    return this.chars === 0 && this.droppedChars === 0;
  }

  /**
   * The last `maxLines` lines as chunks (the first one may be cut at its start), at most `maxChars` characters of
   * them (a single huge line is cut too), and how many lines that leaves out.
   */
  tail(maxLines: number, maxChars = 256 * 1024): Tail {
    const out: Chunk[] = [];
    // The tail starts just after this many newlines, counted from the end (a final newline ends the last line).
    let newlinesToPass = maxLines + (this.endsWithNewline ? 1 : 0);
    let budget = maxChars;
    for (let i = this.chunks.length - 1; i >= this.head && budget > 0 && newlinesToPass > 0; i--) {
      const { stream, text } = this.chunks[i]!;
      let start = 0;
      let pos = text.length;
      while (pos > 0) {
        const nl = text.lastIndexOf("\n", pos - 1);
        if (nl === -1) break;
        newlinesToPass -= 1;
        if (newlinesToPass === 0) {
          start = nl + 1;
          break;
        }
        pos = nl;
      }
      start = Math.max(start, text.length - budget);
      if (start < text.length) out.unshift({ stream, text: start === 0 ? text : text.slice(start) });
      budget -= text.length - start;
    }
    let shown = 0;
    for (const c of out) shown += countNewlines(c.text);
    const last = out[out.length - 1];
    if (last && !last.text.endsWith("\n")) shown += 1;
    return { chunks: out, hiddenLines: Math.max(0, this.lines - shown) };
  }

  /**
   * `tail` split into lines. The console renders one block per line: appending then lays out only the new lines,
   * where one long run of inline text would be re-laid out whole on every repaint.
   */
  tailLines(maxLines: number, maxChars?: number): TailLines {
    const { chunks, hiddenLines } = this.tail(maxLines, maxChars);
    const lines: Chunk[][] = [[]];
    for (const { stream, text } of chunks) {
      const parts = text.split("\n");
      parts.forEach((part, i) => {
        if (i > 0) lines.push([]);
        if (part) lines[lines.length - 1]!.push({ stream, text: part });
      });
    }
    const open = !this.endsWithNewline && this.chars > 0;
    // A final newline ends the last line rather than starting an empty one.
    if (!open) lines.pop();
    return { lines, hiddenLines, open };
  }

  /** The whole output as plain text (for the download), notices in brackets. */
  text(): string {
    const parts: string[] = [];
    if (this.droppedLines || this.droppedChars) {
      parts.push(`[${this.droppedLines.toLocaleString("en")} earlier lines were discarded to bound memory]\n`);
    }
    for (let i = this.head; i < this.chunks.length; i++) {
      const c = this.chunks[i]!;
      parts.push(c.stream === "notice" ? `[${c.text.trimEnd()}]\n` : c.text);
    }
    return parts.join("");
  }

  /** Whether the kept output ends with `text` (used to avoid printing an input() prompt twice). */
  endsWith(text: string): boolean {
    const last = this.chunks[this.chunks.length - 1];
    return !!last && this.chunks.length > this.head && last.text.endsWith(text);
  }
}
