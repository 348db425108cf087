"use client";

// Loaded only in the browser (next/dynamic with ssr: false): Monaco touches `window` when imported. Only the
// editor core, Python highlighting and a handful of editing features are imported, and the library comes from our
// own bundle (loader.config({ monaco })) — never from a CDN.
import Editor, { loader, type OnMount } from "@monaco-editor/react";
import * as monaco from "monaco-editor/editor";
import "monaco-editor/features/find/register";
import "monaco-editor/features/comment/register";
import "monaco-editor/features/bracketMatching/register";
import "monaco-editor/features/linesOperations/register";
import "monaco-editor/features/wordOperations/register";
import "monaco-editor/features/indentation/register";
import "monaco-editor/features/clipboard/register";
// Ctrl+M: Tab moves focus out of the editor instead of indenting (keyboard users are never trapped).
import "monaco-editor/features/toggleTabFocusMode/register";
import "monaco-editor/languages/definitions/python/register";
import { useEffect, useRef } from "react";

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
  }
}

/** Monaco's own dark theme has token colours below WCAG contrast (axe flags them); these follow GitHub's dark default. */
function defineThemes(m: typeof monaco) {
  m.editor.defineTheme("interleave-dark", {
    base: "vs-dark",
    inherit: true,
    rules: [
      { token: "", foreground: "e6edf3" },
      { token: "comment", foreground: "8b949e", fontStyle: "italic" },
      { token: "keyword", foreground: "ff7b72" },
      { token: "string", foreground: "a5d6ff" },
      { token: "number", foreground: "79c0ff" },
      { token: "type", foreground: "ffa657" },
      { token: "identifier", foreground: "e6edf3" },
      { token: "delimiter", foreground: "e6edf3" },
      { token: "operator", foreground: "ff7b72" },
      { token: "tag", foreground: "7ee787" },
    ],
    colors: {
      "editor.background": "#0d1117",
      "editor.foreground": "#e6edf3",
      "editorLineNumber.foreground": "#8b949e",
      "editorLineNumber.activeForeground": "#e6edf3",
    },
  });
}

if (typeof window !== "undefined") {
  // Monaco's one editor worker, built by scripts/build-runtime.mjs and served from our origin.
  window.MonacoEnvironment = { getWorker: () => new Worker("/runtime/editor.worker.mjs", { type: "module", name: "monaco-editor" }) };
  loader.config({ monaco });
}

export interface MonacoEditorProps {
  value: string;
  onChange(value: string): void;
  onRun(): void;
  label: string;
  dark: boolean;
  errorLine: number | null;
  onReady?(): void;
}

export default function MonacoEditor({ value, onChange, onRun, label, dark, errorLine, onReady }: MonacoEditorProps) {
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const decorations = useRef<monaco.editor.IEditorDecorationsCollection | null>(null);
  const runRef = useRef(onRun);
  useEffect(() => {
    runRef.current = onRun;
  }, [onRun]);

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    decorations.current = editor.createDecorationsCollection([]);
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => runRef.current());
    onReady?.();
  };

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor || !decorations.current) return;
    decorations.current.set(
      errorLine
        ? [
            {
              range: new monaco.Range(errorLine, 1, errorLine, 1),
              options: { isWholeLine: true, className: "editor-error-line", glyphMarginClassName: "editor-error-glyph", glyphMarginHoverMessage: { value: "The exception was raised here" } },
            },
          ]
        : [],
    );
    if (errorLine) editor.revealLineInCenterIfOutsideViewport(errorLine);
  }, [errorLine]);

  const lines = value.split("\n").length;
  return (
    <Editor
      value={value}
      language="python"
      theme={dark ? "interleave-dark" : "vs"}
      beforeMount={defineThemes}
      height={`${Math.min(Math.max(lines, 4), 28) * 19 + 16}px`}
      onChange={(v) => onChange(v ?? "")}
      onMount={onMount}
      loading={null}
      options={{
        ariaLabel: label,
        minimap: { enabled: false },
        scrollBeyondLastLine: false,
        fontSize: 14,
        lineHeight: 19,
        glyphMargin: true,
        automaticLayout: true,
        tabSize: 4,
        insertSpaces: true,
        renderLineHighlight: "line",
        padding: { top: 8, bottom: 8 },
        scrollbar: { alwaysConsumeMouseWheel: false },
        fixedOverflowWidgets: true,
        // The default "dimmed" number of the final empty line fails WCAG contrast in the dark theme.
        renderFinalNewline: "on",
      }}
    />
  );
}
