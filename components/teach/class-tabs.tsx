"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const TABS = [
  { path: "", label: "Progress" },
  { path: "/assignments", label: "Assignments" },
  { path: "/people", label: "People" },
  { path: "/settings", label: "Settings" },
];

export function ClassTabs({ base }: { base: string }) {
  const pathname = usePathname();
  return (
    <nav className="class-tabs" aria-label="Class">
      {TABS.map((t) => {
        const href = `${base}${t.path}`;
        return (
          <Link key={t.path} href={href} aria-current={pathname === href ? "page" : undefined}>
            {t.label}
          </Link>
        );
      })}
    </nav>
  );
}
