import { notFound } from "next/navigation";
import { getCurrentUser } from "@/lib/auth";

/**
 * The signed-in viewer and the class id of a page under a class. The layout has already sent visitors to sign in;
 * a page reached without a session anyway answers as a class that does not exist.
 */
export async function classPageViewer(params: Promise<{ id: string }>) {
  const { id } = await params;
  const user = await getCurrentUser();
  if (!user) notFound();
  return { user, id };
}
