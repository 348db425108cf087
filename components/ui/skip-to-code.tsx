"use client";

import { usePathname } from "next/navigation";
import { useSyncExternalStore } from "react";
import { FOCUS_EDITOR_EVENT } from "@/components/editor/focus-editor";

const subscribeNever = () => () => {};
const hasEditor = () => document.querySelector(".code-editor") !== null;

/**
 * A second skip link on pages with code: straight to the first editor, where a keyboard user otherwise tabs past the
 * header and every link of the lesson first (issue 21, item 10).
 */
export function SkipToCode() {
  // Mounted afresh on each page (client-side navigation included): React checks the page once it is committed.
  return <SkipLink key={usePathname()} />;
}

function SkipLink() {
  const shown = useSyncExternalStore(subscribeNever, hasEditor, () => false);
  if (!shown) return null;
  return (
    <a
      href="#main"
      className="skip-link"
      onClick={(event) => {
        const editor = document.querySelector<HTMLElement>(".code-editor");
        if (!editor) return;
        event.preventDefault();
        editor.scrollIntoView({ block: "center" });
        editor.dispatchEvent(new Event(FOCUS_EDITOR_EVENT));
      }}
    >
      Skip to the first code editor
    </a>
  );
}
