// Bytecode for the runtime's own Python (lib/python/py), compiled at build time by Pyodide's CPython under Node:
// the worker writes each module's .pyc into __pycache__ next to its source, so `import interleave.runner` and the
// extensions load bytecode instead of compiling ~7,000 lines at every start (measured: 275 ms under Node).
// The .pyc files are *checked* hash-based pycs (PEP 552): the import system hashes the source it finds and compiles
// it afresh if the hash differs, so a stale .pyc can never run. Bytecode does not depend on the platform, only on
// the interpreter, which is the very one the browser runs. Results are cached by the sources' and Pyodide's hash.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * @param {string} pyodideDir node_modules/pyodide
 * @param {Record<string, string>} sources relative path → source
 * @param {string} runtimeDir where the worker writes the sources (co_filename; importlib fixes it on load anyway)
 * @param {string} cacheDir
 * @returns {Promise<{ tag: string, files: Record<string, string> }>} the cache tag (cpython-314) and path → base64 .pyc
 */
export async function compilePyc(pyodideDir, sources, runtimeDir, cacheDir) {
  const version = JSON.parse(fs.readFileSync(path.join(pyodideDir, "package.json"), "utf8")).version;
  const key = crypto
    .createHash("sha256")
    .update(JSON.stringify([version, runtimeDir, Object.entries(sources).sort(([a], [b]) => (a < b ? -1 : 1))]))
    .digest("hex")
    .slice(0, 16);
  const cacheFile = path.join(cacheDir, `interleave-pyc-${key}.json`);
  if (fs.existsSync(cacheFile)) return JSON.parse(fs.readFileSync(cacheFile, "utf8"));
  const { loadPyodide } = await import(path.join(pyodideDir, "pyodide.mjs"));
  const py = await loadPyodide({ indexURL: pyodideDir + path.sep, stdout: () => undefined, stderr: () => undefined });
  py.globals.set("SOURCES", py.toPy(sources));
  py.globals.set("RUNTIME_DIR", runtimeDir);
  const result = py.runPython(`
import base64, json, os, py_compile, sys

def _pyc(rel, text):
    source = f"{RUNTIME_DIR}/{rel}"
    os.makedirs(os.path.dirname(source), exist_ok=True)
    with open(source, "w", encoding="utf-8") as f:
        f.write(text)
    cfile = py_compile.compile(source, cfile=source + "c", doraise=True, invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH)
    with open(cfile, "rb") as f:
        return base64.b64encode(f.read()).decode()

json.dumps({"tag": sys.implementation.cache_tag, "files": {rel: _pyc(rel, text) for rel, text in SOURCES.items()}})
`);
  const out = JSON.parse(result);
  fs.mkdirSync(cacheDir, { recursive: true });
  for (const name of fs.readdirSync(cacheDir)) if (name.startsWith("interleave-pyc-")) fs.rmSync(path.join(cacheDir, name));
  fs.writeFileSync(`${cacheFile}.tmp`, JSON.stringify(out));
  fs.renameSync(`${cacheFile}.tmp`, cacheFile);
  return out;
}
