import * as React from "react";
import * as ReactDOM from "react-dom";
import * as jsxRuntime from "react/jsx-runtime";
import { getMDXComponent } from "mdx-bundler/client/jsx";
import { mdxComponents } from "@/components/mdx";
import "./lesson.css";

/**
 * Renders a compiled lesson on the server. Evaluating the bundle here (not in the browser) keeps MDX code out of the
 * client bundle and lets the page run under a CSP without 'unsafe-eval'; interactive components hydrate on their own.
 */
export function LessonBody({ code }: { code: string }) {
  // The compiled MDX function uses no hooks, so calling it (rather than mounting it) is equivalent and creates no
  // component type during render.
  const renderLesson = getMDXComponent(code, { React, ReactDOM, _jsx_runtime: jsxRuntime });
  return renderLesson({ components: mdxComponents });
}
