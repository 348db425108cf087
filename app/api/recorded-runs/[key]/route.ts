import { recordingIndex } from "@/lib/content/recordings";

/**
 * GET /api/recorded-runs/<key>: the run of one course example recorded by `npm run content:check` (see
 * lib/python/recorded-run.ts), for runners in browsers that cannot run it. Prerendered at build time from the
 * lessons' recorded-runs.json; any other key is a 404 (nothing is computed per request).
 */
export const dynamicParams = false;

export function generateStaticParams(): { key: string }[] {
  return [...recordingIndex().keys()].map((key) => ({ key }));
}

export async function GET(_request: Request, { params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  const run = recordingIndex().get(key);
  if (!run) return Response.json({ error: "No recorded run for this program." }, { status: 404 });
  // A key names one program, but the same program may be recorded again (a new runtime): cache for a while only.
  return Response.json(run, { headers: { "Cache-Control": "public, max-age=3600" } });
}
