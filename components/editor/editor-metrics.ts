/**
 * Geometry shared by the plain-text fallback and Monaco, so that the editor arriving moves nothing on the page.
 * The box height itself is CSS (components/editor/editor.css), driven by the line count in `--editor-lines`.
 */
export const EDITOR_FONT_SIZE = 14;
export const EDITOR_LINE_HEIGHT = 20;
export const EDITOR_PADDING = 8;
/** Monaco's scrollbars; the box keeps room for the horizontal one so it never covers the last line. */
export const EDITOR_SCROLLBAR = 10;
/** Same stack as the site's --mono, spelled out: Monaco measures the font from this string. */
export const EDITOR_FONT_FAMILY = 'ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace';

export function countLines(text: string): number {
  let lines = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lines += 1;
  return lines;
}
