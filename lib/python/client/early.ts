/**
 * /runtime/early.mjs: loaded by lesson pages as a module script in <head> (app/(course)/learn/.../page.tsx), so the
 * Python worker starts while the page is parsed instead of after hydration. The runtime adopts it (./spawn.ts).
 */
import { startEarly } from "./spawn";

startEarly();
