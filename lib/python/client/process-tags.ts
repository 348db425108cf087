/**
 * Console tags for multiprocessing: once more than one process has printed in a run, each line a process prints
 * starts with its name ("[Process-1] "), as a learner needs to tell the processes' output apart. Output events
 * carry `source` (the process's name) once a run has started a child; see lib/python/client/processes.ts.
 */
export function processTagger() {
  const printed = new Set<string>();
  let atLineStart = true;
  return (text: string, source: string | undefined): string => {
    // Output without a source came from the main process before it started any child.
    if (text) printed.add(source ?? "");
    if (!source || printed.size < 2) {
      if (text) atLineStart = text.endsWith("\n");
      return text;
    }
    const prefix = `[${source}] `;
    let out = "";
    for (const piece of text.split(/(?<=\n)/)) {
      if (atLineStart && piece) out += prefix;
      out += piece;
      atLineStart = piece.endsWith("\n");
    }
    return out;
  };
}
