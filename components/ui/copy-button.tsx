"use client";

import { useEffect, useRef, useState } from "react";

type Said = "" | "copied" | "failed";

/**
 * Copies `text` to the clipboard; the button says what happened for two seconds and a live region announces it.
 * `withOrigin` turns a site path ("/join/…") into the full address the reader can paste elsewhere.
 */
export function CopyButton({
  text,
  label = "Copy",
  accessibleLabel,
  copiedLabel = "Copied",
  copiedMessage = "Copied to the clipboard",
  withOrigin = false,
  className,
}: {
  text: string;
  label?: string;
  accessibleLabel?: string;
  copiedLabel?: string;
  copiedMessage?: string;
  withOrigin?: boolean;
  className?: string;
}) {
  const [said, setSaid] = useState<Said>("");
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const copy = async () => {
    const value = withOrigin && text.startsWith("/") ? `${window.location.origin}${text}` : text;
    let next: Said = "copied";
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // Denied permission or an insecure context: the text stays on the page to select by hand.
      next = "failed";
    }
    setSaid(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setSaid(""), 2000);
  };
  return (
    <>
      <button type="button" className={`button button-small${className ? ` ${className}` : ""}`} onClick={() => void copy()} aria-label={accessibleLabel}>
        {said === "copied" ? copiedLabel : said === "failed" ? "Copy failed" : label}
      </button>
      <span className="visually-hidden" aria-live="polite">
        {said === "copied" ? copiedMessage : said === "failed" ? "The browser did not allow copying: select the text and copy it." : ""}
      </span>
    </>
  );
}
