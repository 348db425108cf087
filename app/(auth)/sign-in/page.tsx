import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/auth-form";
import { getCurrentUser, isGitHubSignInEnabled } from "@/lib/auth";
import { safeCallbackUrl } from "@/lib/schemas/auth";
import { signInAction, signInWithGitHubAction } from "../actions";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  const target = safeCallbackUrl(callbackUrl);
  if (await getCurrentUser()) redirect(target === "/" ? "/me" : target);
  return (
    <main id="main" className="auth-page">
      <h1>Sign in</h1>
      <p className="auth-lead">Your progress and your code follow you to any device.</p>
      <SignInForm action={signInAction} callbackUrl={target} />
      {isGitHubSignInEnabled ? (
        <form action={signInWithGitHubAction}>
          <input type="hidden" name="callbackUrl" value={target} />
          <button type="submit" className="button auth-github">
            Sign in with GitHub
          </button>
        </form>
      ) : null}
    </main>
  );
}
