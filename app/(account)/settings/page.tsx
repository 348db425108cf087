import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ChangePasswordForm, DeleteAccountForm, RoleForm } from "@/components/auth/settings-forms";
import { getCurrentUser } from "@/lib/auth";
import { changePasswordAction, deleteAccountAction, setRoleAction } from "../actions";

export const metadata: Metadata = { title: "Settings" };
export const dynamic = "force-dynamic";

export default async function SettingsPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in?callbackUrl=/settings");
  return (
    <main id="main" className="page">
      <h1>Settings</h1>
      <p className="lesson-meta">
        Signed in as <strong>{user.email}</strong> ({user.role})
      </p>
      {user.role === "learner" || user.role === "teacher" ? (
        <section className="settings-section" aria-labelledby="role-title">
          <h2 id="role-title">Account type</h2>
          <RoleForm action={setRoleAction} role={user.role} />
        </section>
      ) : null}
      <section className="settings-section" aria-labelledby="password-title">
        <h2 id="password-title">Change password</h2>
        <ChangePasswordForm action={changePasswordAction} />
      </section>
      <section className="settings-section danger-zone" aria-labelledby="delete-title">
        <h2 id="delete-title">Delete account</h2>
        <DeleteAccountForm action={deleteAccountAction} hasPassword>
          <p>This removes your account, your progress, your saved code, your exercise attempts and your class memberships. It cannot be undone.</p>
        </DeleteAccountForm>
      </section>
    </main>
  );
}
