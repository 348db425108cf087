// Builds the in-browser Python runtime into public/ (generated, not committed):
//   public/pyodide/   the self-hosted Pyodide files, plus .gz copies served by app/pyodide/[file]/route.ts
//   public/runtime/   worker.mjs (the Python worker) and harness.mjs (the page side of `npm run py`)
// The worker is built here with esbuild rather than by Next: Turbopack turns module workers into classic ones, which
// Pyodide refuses. Idempotent and fast; run by postinstall, `npm run build` and `npm run dev`.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import * as esbuild from "esbuild";
import { root } from "./lib.mjs";

const started = Date.now();
const pyodideSrc = path.join(root, "node_modules", "pyodide");
const pyodideOut = path.join(root, "public", "pyodide");
const runtimeOut = path.join(root, "public", "runtime");
const PYODIDE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"];

fs.mkdirSync(pyodideOut, { recursive: true });
for (const file of PYODIDE_FILES) {
  const src = path.join(pyodideSrc, file);
  const dest = path.join(pyodideOut, file);
  const srcStat = fs.statSync(src);
  const destStat = fs.statSync(dest, { throwIfNoEntry: false });
  if (destStat && destStat.size === srcStat.size && destStat.mtimeMs >= srcStat.mtimeMs) continue;
  fs.copyFileSync(src, dest);
  // Precompressed once here instead of gzipping the 9 MB wasm on every request.
  fs.writeFileSync(`${dest}.gz`, zlib.gzipSync(fs.readFileSync(src), { level: 9 }));
}

/** Bundles every .py file under lib/python/py into the worker as `virtual:py-files` (relative path → source). */
const pyFilesPlugin = {
  name: "py-files",
  setup(build) {
    build.onResolve({ filter: /^virtual:py-files$/ }, () => ({ path: "py-files", namespace: "py-files" }));
    build.onLoad({ filter: /.*/, namespace: "py-files" }, () => {
      const base = path.join(root, "lib", "python", "py");
      const files = {};
      const walk = (dir) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
          const full = path.join(dir, entry.name);
          if (entry.isDirectory()) {
            if (entry.name !== "__pycache__") walk(full);
          } else if (entry.name.endsWith(".py")) {
            files[path.relative(base, full)] = fs.readFileSync(full, "utf8");
          }
        }
      };
      walk(base);
      return { contents: `export default ${JSON.stringify(files)};`, loader: "js", watchDirs: [base] };
    });
  },
};

/** Pyodide stays a separate, self-hosted module: the worker imports it from /pyodide/pyodide.mjs at run time. */
const pyodideExternal = {
  name: "pyodide-external",
  setup(build) {
    build.onResolve({ filter: /^pyodide$/ }, () => ({ path: "/pyodide/pyodide.mjs", external: true }));
  },
};

await esbuild.build({
  entryPoints: {
    worker: path.join(root, "lib", "python", "worker", "index.ts"),
    harness: path.join(root, "lib", "python", "harness", "page.ts"),
    // Monaco's editor worker, served from our origin (see components/editor/monaco-editor.tsx).
    "editor.worker": path.join(root, "node_modules", "monaco-editor", "esm", "vs", "editor", "editor.worker.js"),
  },
  outdir: runtimeOut,
  outExtension: { ".js": ".mjs" },
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  minify: true,
  sourcemap: false,
  logLevel: "warning",
  plugins: [pyFilesPlugin, pyodideExternal],
  alias: { "@": root },
});

console.log(`Built the Python runtime in ${Date.now() - started} ms.`);
