import Link from "next/link";
import { UserMenu } from "@/components/auth/user-menu";
import { ThemeToggle } from "./theme-toggle";
import "./site-header.css";

export function BrandMark() {
  return (
    <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="8" fill="var(--accent)" />
      <path d="M7 10h8v4H7zM17 14h8v4h-8zM7 18h8v4H7z" fill="var(--accent-fg)" />
    </svg>
  );
}

export function SiteHeader({ signOutAction }: { signOutAction: () => Promise<void> }) {
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <Link href="/" className="brand">
          <BrandMark />
          <span className="brand-name">Interleave</span>
        </Link>
        <nav className="site-nav" aria-label="Main">
          <Link href="/" className="nav-course">
            Course
          </Link>
          <Link href="/glossary">
            Glossary
          </Link>
          <UserMenu signOutAction={signOutAction} />
          <ThemeToggle />
        </nav>
      </div>
    </header>
  );
}
