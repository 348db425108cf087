"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { progressStore } from "@/components/progress/progress-store";

interface SessionUser {
  id: string;
  name?: string | null;
  email?: string | null;
  role?: string;
}

/**
 * Who is signed in, fetched after the page loads so lesson pages stay static. It also tells the progress store
 * whose progress it is keeping.
 */
export function UserMenu({ signOutAction }: { signOutAction: () => Promise<void> }) {
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined);
  // Sign-in, sign-up and sign-out end in a client-side navigation that keeps this header mounted: ask again.
  const pathname = usePathname();

  useEffect(() => {
    let cancelled = false;
    fetch("/api/auth/session", { credentials: "same-origin" })
      .then((r) => (r.ok ? r.json() : null))
      .then((session: { user?: SessionUser } | null) => {
        if (cancelled) return;
        const u = session?.user?.id ? session.user : null;
        setUser(u);
        progressStore.setUser(u?.id ?? null);
      })
      .catch(() => {
        if (!cancelled) {
          setUser(null);
          progressStore.setUser(null);
        }
      });
    return () => {
      cancelled = true;
    };
  }, [pathname]);

  if (user === undefined) return <span className="user-menu-placeholder" aria-hidden="true" />;
  if (!user) {
    return (
      <>
        <Link href="/sign-in">Sign in</Link>
        <Link href="/sign-up" className="button button-primary button-small">
          Sign up
        </Link>
      </>
    );
  }
  return (
    <>
      {user.role === "teacher" || user.role === "author" || user.role === "admin" ? <Link href="/teach">Teach</Link> : null}
      {user.role === "author" || user.role === "admin" ? <Link href="/author">Authoring</Link> : null}
      <Link href="/me">My progress</Link>
      <Link href="/settings" title={user.email ?? undefined}>
        {user.name || "Settings"}
      </Link>
      <form
        action={async () => {
          await progressStore.flush();
          progressStore.clearForSignOut();
          await signOutAction();
        }}
      >
        <button type="submit" className="link-button">
          Sign out
        </button>
      </form>
    </>
  );
}
