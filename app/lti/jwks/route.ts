import { publishedKeys } from "@/lib/data/lti";

export const dynamic = "force-dynamic";

/** Our public keys (JWKS): platforms verify deep linking responses and client assertions with them. */
export async function GET() {
  return Response.json({ keys: await publishedKeys() }, { headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" } });
}
