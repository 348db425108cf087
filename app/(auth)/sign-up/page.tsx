import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/auth-form";
import { getCurrentUser } from "@/lib/auth";
import { safeCallbackUrl } from "@/lib/schemas/auth";
import { signUpAction } from "../actions";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  if (await getCurrentUser()) redirect("/me");
  return (
    <main id="main" className="auth-page">
      <h1>Create your account</h1>
      <p className="auth-lead">Free. Anything you did before signing up, on this device, is kept and added to your account.</p>
      <SignUpForm action={signUpAction} callbackUrl={callbackUrl ? safeCallbackUrl(callbackUrl) : undefined} />
    </main>
  );
}
