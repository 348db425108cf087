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

/** The last session seen, so a signed-in learner stays signed in (and their progress queued) while offline. */
const SESSION_KEY = "interleave:last-session";

function rememberSession(user: SessionUser | null) {
  try {
    if (user) localStorage.setItem(SESSION_KEY, JSON.stringify({ id: user.id, name: user.name ?? null, email: user.email ?? null, role: user.role }));
    else localStorage.removeItem(SESSION_KEY);
  } catch {
    // Storage unavailable (private mode): offline the learner just appears signed out.
  }
}

function lastSession(): SessionUser | null {
  try {
    const raw = localStorage.getItem(SESSION_KEY);
    const parsed = raw ? (JSON.parse(raw) as SessionUser) : null;
    return parsed && typeof parsed.id === "string" ? parsed : null;
  } catch {
    return null;
  }
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
        rememberSession(u);
        setUser(u);
        progressStore.setUser(u?.id ?? null);
      })
      .catch(() => {
        // No answer (offline): keep the last known session; a save that the server refuses signs it out.
        if (cancelled) return;
        const u = lastSession();
        setUser(u);
        progressStore.setUser(u?.id ?? null);
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
      {user.role === "admin" ? <Link href="/admin/lti">LMS</Link> : null}
      <Link href="/me">My progress</Link>
      <Link href="/settings" title={user.email ?? undefined}>
        {user.name || "Settings"}
      </Link>
      <form
        action={async () => {
          await progressStore.flush();
          progressStore.clearForSignOut();
          rememberSession(null);
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
