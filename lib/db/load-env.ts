import path from "node:path";
import { config } from "dotenv";
import { projectRoot } from "./url";

/**
 * Loads the project's .env.local and .env into process.env for scripts run with tsx, as Next does for the app, so
 * `npm run db:migrate` and the server agree on DATABASE_URL. Variables already set win, as in Next.
 * (A file of its own so the app's bundle does not take dotenv in.)
 */
export function loadDotEnv(root: string = projectRoot, target: Record<string, string | undefined> = process.env): void {
  for (const file of [".env.local", ".env"]) config({ path: path.join(root, file), processEnv: target, quiet: true });
}
