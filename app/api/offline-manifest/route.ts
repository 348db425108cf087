import { getCourse } from "@/lib/content/discover";
import { offlineManifest } from "@/lib/offline/manifest";

export const dynamic = "force-dynamic";

/** Read by the service worker when it installs (public/sw.js). */
export function GET() {
  return Response.json(offlineManifest(getCourse()), { headers: { "Cache-Control": "no-store" } });
}
