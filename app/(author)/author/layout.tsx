import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { requireAuthor } from "@/lib/authoring";
import "./author.css";

export const metadata: Metadata = { title: { template: "%s · Authoring", default: "Authoring" }, robots: { index: false } };

/** Authors and admins only; everyone else gets a 404. Each page checks again (layouts are not re-run on every request). */
export default async function AuthorLayout({ children }: { children: ReactNode }) {
  await requireAuthor();
  return (
    <div className="author-shell">
      <nav className="author-nav" aria-label="Authoring">
        <span className="author-nav-label">Authoring</span>
        <Link href="/author">Lessons</Link>
        <Link href="/author/components">Components</Link>
      </nav>
      {children}
    </div>
  );
}
