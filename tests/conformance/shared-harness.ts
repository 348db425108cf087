import { afterAll, beforeAll } from "vitest";
import { PythonHarness } from "../../lib/python/harness/node";

type HarnessOptions = Parameters<typeof PythonHarness.start>[0];

/**
 * One headless Chromium with a warm worker for a whole test file: started before its tests, closed after them.
 * Returns a getter, since the harness exists only once `beforeAll` has run.
 */
export function sharedHarness(options?: HarnessOptions): () => PythonHarness {
  let harness: PythonHarness | undefined;
  beforeAll(async () => {
    harness = await PythonHarness.start(options);
  }, 180_000);
  afterAll(async () => {
    await harness?.close();
  });
  return () => {
    if (!harness) throw new Error("the Python harness has not started (sharedHarness() must be called at a test file's top level)");
    return harness;
  };
}
