import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { OfflineSupport } from "@/components/offline/offline-support";
import { SiteHeader } from "@/components/ui/site-header";
import { SkipToCode } from "@/components/ui/skip-to-code";
import { signOutAction } from "./(auth)/actions";
// The typeface, self-hosted from its npm package (README "Decisions": no font CDN).
import "@fontsource-variable/inter";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Interleave — Python concurrency that really runs", template: "%s · Interleave" },
  description:
    "An interactive course on Python concurrency: threads, processes, the GIL and asyncio, with examples that really run concurrently in your browser.",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#0f1216" },
  ],
};

const THEME_SCRIPT = process.env.INTERLEAVE_THEME_URL || "/theme-init.js";

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // theme-init.js sets data-theme before hydration; React must not complain about it.
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* A blocking same-origin script (no inline code, so a strict CSP needs no nonce): applies the stored theme before
            first paint. A production build names it by its content (public/runtime/manifest.json), cached for good. */}
        {/* eslint-disable-next-line @next/next/no-sync-scripts */}
        <script src={THEME_SCRIPT} />
      </head>
      <body>
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <SkipToCode />
        <SiteHeader signOutAction={signOutAction} />
        {children}
        <footer className="site-footer">
          Interleave — Python concurrency that really runs. Your code runs in your browser, sandboxed.
          <OfflineSupport />
        </footer>
      </body>
    </html>
  );
}
