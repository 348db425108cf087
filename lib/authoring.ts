import "server-only";
import { notFound } from "next/navigation";
import { getCurrentUser } from "@/lib/auth";

/** Roles that see drafts, previews and the authoring pages. */
export const AUTHOR_ROLES: readonly string[] = ["author", "admin"];

/** The signed-in author or admin; anybody else gets a 404 (the authoring pages do not admit they exist). */
export async function requireAuthor() {
  const user = await getCurrentUser();
  if (!user || !AUTHOR_ROLES.includes(user.role)) notFound();
  return user;
}

/** For route handlers: the author or null (they answer 404 themselves). */
export async function getAuthor() {
  const user = await getCurrentUser();
  return user && AUTHOR_ROLES.includes(user.role) ? user : null;
}
