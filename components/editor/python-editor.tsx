"use client";

// Client-only (next/dynamic with ssr: false, see ./code-editor.tsx): Monaco touches `window` when imported.
// Monaco 0.56+ only allows its public entry points; we take the bare editor API plus the few editing features a
// learner uses, and Python's tokenizer. Everything comes from our own bundle (loader.config below), never a CDN.
import Editor, { loader, type BeforeMount, type OnMount } from "@monaco-editor/react";
import * as monaco from "monaco-editor/editor";
import "monaco-editor/features/find/register";
import "monaco-editor/features/comment/register";
import "monaco-editor/features/bracketMatching/register";
import "monaco-editor/features/linesOperations/register";
import "monaco-editor/features/wordOperations/register";
import "monaco-editor/features/indentation/register";
import "monaco-editor/features/multicursor/register";
// Ctrl+M makes Tab move focus out of the editor instead of indenting, so keyboard users are never trapped.
import "monaco-editor/features/toggleTabFocusMode/register";
import "monaco-editor/languages/definitions/python/register";
import { useEffect, useRef } from "react";
import { EDITOR_FONT_FAMILY, EDITOR_FONT_SIZE, EDITOR_LINE_HEIGHT, EDITOR_PADDING, EDITOR_SCROLLBAR } from "./editor-metrics";
import { useSiteTheme } from "@/components/ui/use-site-theme";
import type { CodeEditorProps } from "./code-editor";

// Monaco's editor worker is built by scripts/build-runtime.mjs and served from our origin.
globalThis.MonacoEnvironment = {
  getWorker: () => new Worker("/runtime/editor.worker.mjs", { type: "module", name: "monaco-editor" }),
};
loader.config({ monaco });

export const LIGHT_THEME = "interleave-light";
export const DARK_THEME = "interleave-dark";

/**
 * Token colours after GitHub's light and dark defaults: Monaco's own themes have some below WCAG AA contrast (axe
 * flags them). Backgrounds equal --editor-bg in editor.css, so the fallback and Monaco look the same.
 */
const PALETTES = [
  // name, base, text, comment, keyword, string, number, type, tag, background, line number
  [LIGHT_THEME, "vs", "1f2328", "57606a", "cf222e", "0a3069", "0550ae", "953800", "116329", "ffffff", "6e7781"],
  [DARK_THEME, "vs-dark", "e6edf3", "8b949e", "ff7b72", "a5d6ff", "79c0ff", "ffa657", "7ee787", "0d1117", "8b949e"],
] as const;

const defineThemes: BeforeMount = (m) => {
  for (const [name, base, text, comment, keyword, string, number, type, tag, background, lineNumber] of PALETTES) {
    m.editor.defineTheme(name, {
      base,
      inherit: true,
      rules: [
        { token: "", foreground: text },
        { token: "comment", foreground: comment, fontStyle: "italic" },
        { token: "keyword", foreground: keyword },
        { token: "string", foreground: string },
        { token: "number", foreground: number },
        { token: "type", foreground: type },
        { token: "identifier", foreground: text },
        { token: "delimiter", foreground: text },
        { token: "operator", foreground: keyword },
        { token: "tag", foreground: tag },
      ],
      colors: {
        "editor.background": `#${background}`,
        "editor.foreground": `#${text}`,
        "editorLineNumber.foreground": `#${lineNumber}`,
        "editorLineNumber.activeForeground": `#${text}`,
      },
    });
  }
};

const OPTIONS: monaco.editor.IStandaloneEditorConstructionOptions = {
  minimap: { enabled: false },
  scrollBeyondLastLine: false,
  fontSize: EDITOR_FONT_SIZE,
  lineHeight: EDITOR_LINE_HEIGHT,
  fontFamily: EDITOR_FONT_FAMILY,
  padding: { top: EDITOR_PADDING, bottom: EDITOR_PADDING },
  glyphMargin: true, // room for the error marker
  folding: false,
  lineNumbersMinChars: 3,
  lineDecorationsWidth: 8,
  automaticLayout: true,
  tabSize: 4,
  insertSpaces: true,
  detectIndentation: false,
  renderLineHighlight: "line",
  // Without the context-menu feature, the browser's own menu is the better right click.
  contextmenu: false,
  overviewRulerLanes: 0,
  hideCursorInOverviewRuler: true,
  overviewRulerBorder: false,
  scrollbar: { alwaysConsumeMouseWheel: false, horizontalScrollbarSize: EDITOR_SCROLLBAR, verticalScrollbarSize: EDITOR_SCROLLBAR },
  fixedOverflowWidgets: true,
  // The default "dimmed" number of the final empty line fails WCAG contrast in the dark theme.
  renderFinalNewline: "on",
};

/** What the fallback hands over to when Monaco is ready. */
export interface PythonEditorApi {
  /** Focus the editor with the given selection (character offsets into the text). */
  focusAt(start: number, end: number): void;
}

/** Step mode: thread `thread` (its label: 0 main, 1, 2…) is at `line`; `running` if it is the one running. */
export interface ThreadLine {
  line: number;
  thread: number;
  running: boolean;
}

/** The editor's props (./code-editor.tsx, which loads this one) and where to hand Monaco's API once it is up. */
export interface PythonEditorProps extends CodeEditorProps {
  onReady(api: PythonEditorApi): void;
}

export default function PythonEditor({ value, onChange, onRun, label, errorLine, stepLines, threadLines, onReady }: PythonEditorProps) {
  const theme = useSiteTheme();
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const decorations = useRef<monaco.editor.IEditorDecorationsCollection | null>(null);
  const stepDecorations = useRef<monaco.editor.IEditorDecorationsCollection | null>(null);
  const threadDecorations = useRef<monaco.editor.IEditorDecorationsCollection | null>(null);
  const callbacks = useRef({ onRun, onReady });
  useEffect(() => {
    callbacks.current = { onRun, onReady };
  }, [onRun, onReady]);

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    decorations.current = editor.createDecorationsCollection([]);
    stepDecorations.current = editor.createDecorationsCollection([]);
    threadDecorations.current = editor.createDecorationsCollection([]);
    // addAction, not addCommand: addCommand binds the key for every editor on the page and the last one registered
    // wins (microsoft/monaco-editor#2947), so Ctrl+Enter in the first runner would run the last.
    editor.addAction({
      id: "interleave.run",
      label: "Run the program",
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
      run: () => callbacks.current.onRun(),
    });
    const api: PythonEditorApi = {
      focusAt(start, end) {
        const model = editor.getModel();
        if (!model) return;
        const a = model.getPositionAt(start);
        const b = model.getPositionAt(end);
        editor.setSelection(new monaco.Selection(a.lineNumber, a.column, b.lineNumber, b.column));
        editor.focus();
      },
    };
    // Handed over once Monaco has drawn its lines (it renders them in an animation frame after mounting): handed
    // over at mount, the plain text box went while Monaco still showed an empty or half-drawn box (Firefox 153:
    // a frame with 24 of 320 characters; a screenshot then caught the code box blank).
    requestAnimationFrame(() => requestAnimationFrame(() => callbacks.current.onReady(api)));
    markError(editor, decorations.current, errorLine);
    markSteps(editor, stepDecorations.current, stepLines);
    markThreads(editor, threadDecorations.current, threadLines);
  };

  useEffect(() => {
    if (editorRef.current && threadDecorations.current) markThreads(editorRef.current, threadDecorations.current, threadLines);
  }, [threadLines]);

  useEffect(() => {
    if (editorRef.current && stepDecorations.current) markSteps(editorRef.current, stepDecorations.current, stepLines);
  }, [stepLines]);

  useEffect(() => {
    if (editorRef.current && decorations.current) markError(editorRef.current, decorations.current, errorLine);
  }, [errorLine]);

  return (
    <Editor
      value={value}
      language="python"
      theme={theme === "dark" ? DARK_THEME : LIGHT_THEME}
      beforeMount={defineThemes}
      height="100%"
      onChange={(v) => onChange(v ?? "")}
      onMount={onMount}
      loading={null}
      options={{ ...OPTIONS, ariaLabel: label }}
    />
  );
}

function markSteps(editor: monaco.editor.IStandaloneCodeEditor, collection: monaco.editor.IEditorDecorationsCollection, lines: readonly number[] | undefined) {
  const lineCount = editor.getModel()?.getLineCount() ?? 0;
  const valid = (lines ?? []).filter((n) => n >= 1 && n <= lineCount);
  collection.set(valid.map((line) => ({ range: new monaco.Range(line, 1, line, 1), options: { isWholeLine: true, className: "editor-step-line" } })));
  if (valid.length) editor.revealLineInCenterIfOutsideViewport(valid[0]!);
}

/** Colours repeat after this many threads (components/runner/step-panel.tsx THREAD_COLOURS). */
const THREAD_COLOURS = 6;

function markThreads(editor: monaco.editor.IStandaloneCodeEditor, collection: monaco.editor.IEditorDecorationsCollection, marks: readonly ThreadLine[] | undefined) {
  const lineCount = editor.getModel()?.getLineCount() ?? 0;
  const byLine = new Map<number, ThreadLine[]>();
  for (const m of marks ?? []) {
    if (m.line < 1 || m.line > lineCount) continue;
    byLine.set(m.line, [...(byLine.get(m.line) ?? []), m]);
  }
  const decorations: monaco.editor.IModelDeltaDecoration[] = [];
  let running: number | null = null;
  for (const [line, here] of byLine) {
    here.sort((a, b) => Number(b.running) - Number(a.running) || a.thread - b.thread);
    const first = here[0]!;
    if (first.running) running = line;
    const names = here.map((m) => `${m.thread}${m.running ? " ▶" : ""}`).join(", ");
    const end = editor.getModel()!.getLineMaxColumn(line);
    decorations.push({
      range: new monaco.Range(line, 1, line, end),
      options: {
        isWholeLine: true,
        className: `editor-thread-line editor-thread-${first.thread % THREAD_COLOURS}${first.running ? " is-running" : ""}`,
        after: { content: `  ◀ thread ${names}`, inlineClassName: `editor-thread-tag editor-thread-tag-${first.thread % THREAD_COLOURS}` },
      },
    });
  }
  collection.set(decorations);
  if (running !== null) editor.revealLineInCenterIfOutsideViewport(running);
}

function markError(editor: monaco.editor.IStandaloneCodeEditor, collection: monaco.editor.IEditorDecorationsCollection, line: number | null) {
  const lineCount = editor.getModel()?.getLineCount() ?? 0;
  if (!line || line < 1 || line > lineCount) {
    collection.clear();
    return;
  }
  collection.set([
    {
      range: new monaco.Range(line, 1, line, 1),
      options: {
        isWholeLine: true,
        className: "editor-error-line",
        glyphMarginClassName: "editor-error-glyph",
      },
    },
  ]);
  editor.revealLineInCenterIfOutsideViewport(line);
}
