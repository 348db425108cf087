/**
 * The multiprocessing conformance suite in headless Chromium through the site's own runtime (one browser, one
 * warm main worker; children start on the runtime's spare workers): each program in
 * tests/conformance/multiprocessing/ must give python3's verdict on this machine (see multiprocessing-spec.ts).
 */
import { conformsToPython3, sharedHarness } from "./shared-harness";
import { judge, loadPrograms, runPython3 } from "./multiprocessing-spec";

const harness = sharedHarness();

conformsToPython3(harness, {
  title: "multiprocessing programs behave as on CPython (spawn)",
  programs: loadPrograms(),
  minimum: 20,
  python3: (program) => runPython3(program, 30_000),
  judge,
  together: true,
});

// The same programs with the free-threaded model in every process (CPython 3.14t): a switch may fall between any two
// bytecodes of the runtime's own Python too (queues' feeder threads, the page's channels), and no program here
// depends on the GIL, so each must still get python3's verdict.
conformsToPython3(harness, {
  title: "multiprocessing programs behave as on CPython (spawn), free-threaded model",
  programs: loadPrograms(),
  minimum: 20,
  python3: (program) => runPython3(program, 30_000),
  judge,
  together: true,
  model: "free-threaded",
});
