/** Every .py file under lib/python/py, bundled into the worker by scripts/build-runtime.mjs (path → source). */
declare module "virtual:py-files" {
  const files: Record<string, string>;
  export default files;
}

/**
 * The same files' bytecode (scripts/lib/compile-pyc.mjs): checked hash-based .pyc files, base64, and the
 * interpreter's cache tag (cpython-314) that names them in __pycache__.
 */
declare module "virtual:pyc-files" {
  const pyc: { tag: string; files: Record<string, string> };
  export default pyc;
}

/** The optional worker extensions that exist at build time (see ./extension.ts). */
declare module "virtual:worker-extensions" {
  import type { WorkerExtensionModule } from "./extension";
  const extensions: Array<{ name: string; module: WorkerExtensionModule }>;
  export default extensions;
}

/** Facts the build bakes into the worker (scripts/build-runtime.mjs). */
declare const __PYODIDE_INDEX_URL__: string;
declare const __PYODIDE_LOCK_INFO__: string;
declare const __SNAPSHOT_URL__: string;
