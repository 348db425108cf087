/**
 * The output of one run: an append-only list of chunks with a line count, so a program printing a million lines
 * costs the page a few array pushes per frame. The console renders only the tail; the whole text stays
 * downloadable.
 */
export type Stream = "stdout" | "stderr" | "notice" | "input";

export interface Chunk {
  stream: Stream;
  text: string;
}

export class OutputBuffer {
  private chunks: Chunk[] = [];
  lines = 0;
  chars = 0;

  append(stream: Stream, text: string) {
    if (!text) return;
    const last = this.chunks[this.chunks.length - 1];
    // Merge consecutive text of the same stream: fewer, larger chunks.
    if (last && last.stream === stream && last.text.length < 4096) last.text += text;
    else this.chunks.push({ stream, text });
    this.chars += text.length;
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) this.lines += 1;
  }

  /** The last `maxLines` lines as chunks (a chunk may be cut at its start), and how many lines were left out. */
  tail(maxLines: number): { chunks: Chunk[]; hiddenLines: number } {
    const out: Chunk[] = [];
    let budget = maxLines;
    for (let i = this.chunks.length - 1; i >= 0 && budget > 0; i--) {
      const chunk = this.chunks[i]!;
      let count = 0;
      for (let j = chunk.text.indexOf("\n"); j !== -1; j = chunk.text.indexOf("\n", j + 1)) count += 1;
      if (count < budget) {
        out.unshift(chunk);
        budget -= count;
        continue;
      }
      // Keep only the last `budget` lines of this chunk.
      let cut = chunk.text.length;
      const endsWithNewline = chunk.text.endsWith("\n");
      let need = budget + (endsWithNewline ? 1 : 0);
      while (need > 0 && cut > 0) {
        cut = chunk.text.lastIndexOf("\n", cut - 1);
        if (cut === -1) break;
        need -= 1;
      }
      out.unshift({ stream: chunk.stream, text: cut <= 0 ? chunk.text : chunk.text.slice(cut + 1) });
      budget = 0;
    }
    return { chunks: out, hiddenLines: budget > 0 ? 0 : Math.max(0, this.lines - maxLines) };
  }

  text(): string {
    return this.chunks.map((c) => (c.stream === "notice" ? `[${c.text.trimEnd()}]\n` : c.text)).join("");
  }

  get empty() {
    return this.chunks.length === 0;
  }
}
