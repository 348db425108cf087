/** The optional worker extensions that exist at build time (see ./extension.ts). */
declare module "virtual:worker-extensions" {
  import type { WorkerExtensionModule } from "./extension";
  const extensions: Array<{ name: string; module: WorkerExtensionModule }>;
  export default extensions;
}

/** Facts the build bakes into the worker (scripts/build-runtime.mjs). */
declare const __PYODIDE_INDEX_URL__: string;
declare const __PYODIDE_LOCK_INFO__: string;
/** The memory snapshots ("" when not built): made with stack switching (JSPI), and without it. */
declare const __SNAPSHOT_URL__: string;
declare const __SNAPSHOT_NO_JSPI_URL__: string;
/** The runtime's Python files and their bytecode, packed (scripts/build-runtime.mjs writePyFiles). */
declare const __PYFILES_URL__: string;
