"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState, useSyncExternalStore } from "react";
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
    // "null" (signed out) is remembered too: the next page shows Sign in at once instead of an empty space.
    localStorage.setItem(SESSION_KEY, user ? JSON.stringify({ id: user.id, name: user.name ?? null, email: user.email ?? null, role: user.role }) : "null");
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

let rememberedRaw: string | null | undefined;
let remembered: SessionUser | null | undefined;

/** The session this browser saw last (undefined on a first visit), the same object while it is unchanged. */
function rememberedSession(): SessionUser | null | undefined {
  let raw: string | null = null;
  try {
    raw = localStorage.getItem(SESSION_KEY);
  } catch {
    // Storage unavailable: unknown until the server answers.
  }
  if (raw !== rememberedRaw) {
    rememberedRaw = raw;
    remembered = raw === null ? undefined : lastSession();
  }
  return remembered;
}
const subscribeNever = () => () => {};

/** The pages that sign a learner in (or up); leaving one, the session changes. */
const AUTH_PAGES = /^\/(sign-in|sign-up)(\/|$)/;

/**
 * Who is signed in, fetched after the page loads so lesson pages stay static. It also tells the progress store
 * whose progress it is keeping.
 */
export function UserMenu({ signOutAction }: { signOutAction: () => Promise<void> }) {
  /** The server's last answer, and the page it was given on. */
  const [answer, setAnswer] = useState<{ user: SessionUser | null; path: string } | undefined>(undefined);
  // Until the server answers, the session seen last: the header's links are there as soon as the page hydrates
  // instead of appearing late and moving the header (issue 21, item 8); the answer corrects it if it changed.
  const stored = useSyncExternalStore(subscribeNever, rememberedSession, () => undefined);
  // Sign-in, sign-up and sign-out end in a client-side navigation that keeps this header mounted: ask again.
  const pathname = usePathname();
  // Just left the sign-in or sign-up page: who is signed in is about to change, so neither the answer given there
  // nor the remembered one is shown ("Sign in" stayed for a moment after signing in); the links' space is kept.
  const leftAuthPage = answer !== undefined && answer.path !== pathname && AUTH_PAGES.test(answer.path);
  const user = leftAuthPage ? undefined : answer !== undefined ? answer.user : stored;

  useEffect(() => {
    let cancelled = false;
    fetch("/api/auth/session", { credentials: "same-origin" })
      .then((r) => (r.ok ? r.json() : null))
      .then((session: { user?: SessionUser } | null) => {
        if (cancelled) return;
        const u = session?.user?.id ? session.user : null;
        rememberSession(u);
        setAnswer({ user: u, path: pathname });
        progressStore.setUser(u?.id ?? null);
      })
      .catch(() => {
        // No answer (offline): keep the last known session; a save that the server refuses signs it out.
        if (cancelled) return;
        const u = lastSession();
        setAnswer({ user: u, path: pathname });
        progressStore.setUser(u?.id ?? null);
      });
    return () => {
      cancelled = true;
    };
  }, [pathname]);

  // Unknown yet (a first visit): the signed-out links, invisible, so the header keeps their width.
  if (user === undefined) {
    return (
      <span className="user-menu-placeholder" aria-hidden="true">
        <a>Sign in</a>
        <a className="button button-primary button-small">Sign up</a>
      </span>
    );
  }
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
          setAnswer({ user: null, path: pathname }); // signed out from here on: no moment of the old name
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
