/**
 * The lesson page's early start (public/runtime/early.js, a classic script the page inlines: see
 * lib/python/serve/early-script.ts), so the Python worker starts while the page is parsed instead of after hydration.
 * The runtime adopts it (./spawn.ts).
 */
import { startEarly } from "./spawn";

startEarly();
