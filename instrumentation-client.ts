// Runs in the browser before the app's own code (Next.js instrumentation-client convention).
import { z } from "zod";

// zod compiles fast object parsers with `new Function` when it can, probing for eval first. Under the site's CSP
// (no 'unsafe-eval') that probe is a reported violation; the interpreted parsers are all the browser needs.
z.config({ jitless: true });
