// Builds the in-browser Python runtime into public/ (generated, gitignored):
//   public/pyodide/<version>/  Pyodide's five files, stored gzip-compressed (sent with Content-Encoding: gzip)
//   public/runtime/            worker.mjs (the Python worker), ticker.mjs (preemption ticks), each also as
//                              <name>-<hash>.mjs (immutable; manifest.json lists them), early.js (lesson pages inline
//                              it to start the worker while the HTML is parsed), pyfiles-<hash>.bin (the runtime's
//                              Python and its bytecode), harness.mjs (the page side of `npm run py`), editor.worker.mjs
//                              (Monaco's), two snapshot-<key>.bin (the interpreter's memory, gzip-compressed: one
//                              for browsers with WebAssembly stack switching, one for those without)
// Headers for these (encoding, immutable caching, the worker's CSP) are in lib/python/serve/headers.js, used by
// next.config.js and the harness. The worker is built here with esbuild rather than by Next: Turbopack turns module
// workers into classic ones, which Pyodide refuses. Fast and idempotent (unchanged files are not recompressed).
//
//   node scripts/build-runtime.mjs              the bundles; keeps the snapshots that are still current
//   node scripts/build-runtime.mjs --snapshot   also makes the memory snapshots that are missing (headless Chromium)
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import * as esbuild from "esbuild";
import { MARKER, PATCHED_VERSION, patchPyodideAsm } from "../lib/python/pyodide-patch/index.mjs";
import { compilePyc } from "./lib/compile-pyc.mjs";
import { bin, root } from "./lib.mjs";

const started = Date.now();
const wantSnapshot = process.argv.includes("--snapshot");
const quiet = process.argv.includes("--quiet");
const pyodideSrc = path.join(root, "node_modules", "pyodide");
const pyDir = path.join(root, "lib", "python", "py");
const workerDir = path.join(root, "lib", "python", "worker");
const PYODIDE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"];
/** Optional worker extensions (lib/python/worker/<name>.ts), bundled when present; see lib/python/worker/extension.ts. */
const KNOWN_EXTENSIONS = ["threads", "processes", "asyncio", "net"];
// INTERLEAVE_EXTENSIONS=none builds the bare runtime (no extensions, no interleave/<extension> Python packages):
// for telling a runtime bug from an extension's.
const bare = process.env.INTERLEAVE_EXTENSIONS === "none";
const pyodideVersion = JSON.parse(fs.readFileSync(path.join(pyodideSrc, "package.json"), "utf8")).version;
const pyodideOut = path.join(root, "public", "pyodide", pyodideVersion);
const runtimeOut = path.join(root, "public", "runtime");

fs.mkdirSync(pyodideOut, { recursive: true });
fs.mkdirSync(runtimeOut, { recursive: true });
// Other Pyodide versions are dead weight (their URLs are versioned, nothing refers to them).
for (const name of fs.readdirSync(path.dirname(pyodideOut))) {
  if (name !== pyodideVersion) fs.rmSync(path.join(path.dirname(pyodideOut), name), { recursive: true, force: true });
}

/**
 * Writes `src` (through `transform`, if given) gzip-compressed to `dest` unless dest is already newer than src and
 * every file in `alsoDependsOn`. Compressed once here, never per request.
 */
function gzipFile(src, dest, transform, alsoDependsOn = []) {
  const newest = Math.max(...[src, ...alsoDependsOn].map((f) => fs.statSync(f).mtimeMs));
  const destStat = fs.statSync(dest, { throwIfNoEntry: false });
  if (destStat && destStat.mtimeMs >= newest) return;
  const tmp = `${dest}.tmp`;
  const content = transform ? Buffer.from(transform(fs.readFileSync(src, "utf8"))) : fs.readFileSync(src);
  fs.writeFileSync(tmp, zlib.gzipSync(content, { level: 6 }));
  fs.renameSync(tmp, dest);
}

// Pyodide's JavaScript gets our small patch (lib/python/pyodide-patch/README.md); the other files are copied as they are.
const patchFile = path.join(root, "lib", "python", "pyodide-patch", "index.mjs");
if (pyodideVersion !== PATCHED_VERSION) {
  throw new Error(
    `Pyodide ${pyodideVersion} is installed but lib/python/pyodide-patch was written for ${PATCHED_VERSION}: check each hunk against the new version (upstream may have fixed them) and update PATCHED_VERSION.`,
  );
}
for (const file of PYODIDE_FILES) {
  if (file === "pyodide.asm.mjs") gzipFile(path.join(pyodideSrc, file), path.join(pyodideOut, file), patchPyodideAsm, [patchFile]);
  else gzipFile(path.join(pyodideSrc, file), path.join(pyodideOut, file));
}
const lockInfo = JSON.parse(fs.readFileSync(path.join(pyodideSrc, "pyodide-lock.json"), "utf8")).info;

// ---- The snapshots' keys: everything that shapes the interpreter's memory when a snapshot is taken ----
// Two snapshots: Pyodide's memory differs with and without WebAssembly stack switching (JSPI), and neither restores
// in the other flavour (lib/python/worker/interpreter.ts hideStackSwitching). The flavour is part of each key.
const snapshotInputs = [
  pyodideVersion,
  MARKER,
  fs.readFileSync(patchFile, "utf8"),
  // The recipe imports the whole runtime (interpreter.ts prepareSnapshot): every Python file of it, by name.
  ...Object.entries(runtimePySources()).sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, text]) => `${name}\0${text}`),
  fs.readFileSync(path.join(workerDir, "sandbox.ts"), "utf8"),
  fs.readFileSync(path.join(workerDir, "interpreter.ts"), "utf8"),
];
const snapshotFlavour = (flag, flavour) => {
  const inputs = flavour === "jspi" ? snapshotInputs : [...snapshotInputs, flavour]; // the JSPI one keeps its old key
  const name = `snapshot-${crypto.createHash("sha256").update(inputs.join("\0")).digest("hex").slice(0, 16)}.bin`;
  return { flag, name, file: path.join(runtimeOut, name) };
};
const snapshots = [snapshotFlavour("--jspi", "jspi"), snapshotFlavour("--no-jspi", "no-jspi")];
for (const name of fs.readdirSync(runtimeOut)) {
  if (name.startsWith("snapshot-") && !snapshots.some((s) => s.name === name)) fs.rmSync(path.join(runtimeOut, name)); // 6 MB each
}

// ---- Bundles ----
function runtimePySources() {
  const files = {};
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "__pycache__" && !(bare && KNOWN_EXTENSIONS.includes(entry.name))) walk(full);
      } else if (entry.name.endsWith(".py")) {
        files[path.relative(pyDir, full).split(path.sep).join("/")] = fs.readFileSync(full, "utf8");
      }
    }
  };
  walk(pyDir);
  return files;
}

/** The worker extensions present (lib/python/worker/<name>.ts), as `virtual:worker-extensions`. */
const virtualModules = {
  name: "interleave-virtual",
  setup(build) {
    build.onResolve({ filter: /^virtual:worker-extensions$/ }, (args) => ({ path: args.path.slice(8), namespace: "virtual" }));
    build.onLoad({ filter: /^worker-extensions$/, namespace: "virtual" }, () => {
      const present = bare ? [] : KNOWN_EXTENSIONS.filter((name) => fs.existsSync(path.join(workerDir, `${name}.ts`)));
      const contents =
        present.map((name, i) => `import * as m${i} from ${JSON.stringify(path.join(workerDir, `${name}.ts`))};`).join("\n") +
        `\nexport default [${present.map((name, i) => `{ name: ${JSON.stringify(name)}, module: m${i} }`).join(", ")}];`;
      return { contents, loader: "js", resolveDir: workerDir };
    });
  },
};

/** Where the worker writes the runtime's Python (lib/python/worker/index.ts RUNTIME_DIR). */
const RUNTIME_PY_DIR = "/lib/interleave-runtime";
const pyodideIndexURL = `/pyodide/${pyodideVersion}/`;
/** Pyodide stays a separate, self-hosted module: the worker imports it from /pyodide/<version>/pyodide.mjs. */
const pyodideExternal = {
  name: "pyodide-external",
  setup(build) {
    build.onResolve({ filter: /^pyodide$/ }, () => ({ path: `${pyodideIndexURL}pyodide.mjs`, external: true }));
  },
};

// ---- The runtime's Python: one content-addressed file beside the worker, not inside it ----
/**
 * Every .py file under lib/python/py and its bytecode (scripts/lib/compile-pyc.mjs: checked hash-based .pyc files
 * the worker writes into __pycache__ beside each source), packed into `pyfiles-<hash>.bin`: gzip of a u32 (little
 * endian) header length, the JSON header `[[path, bytes], ...]` and the files' bytes in that order. It used to be
 * inlined in worker.mjs (1.8 MB of JavaScript to parse at every start); as a file of its own it downloads in
 * parallel with Pyodide, is cached for good (its name changes with its content) and costs no script compilation.
 */
async function writePyFiles() {
  const sources = runtimePySources();
  const pyc = await compilePyc(pyodideSrc, sources, RUNTIME_PY_DIR, path.join(root, "node_modules", ".cache"));
  const entries = [];
  for (const [rel, source] of Object.entries(sources).sort(([a], [b]) => (a < b ? -1 : 1))) {
    entries.push([rel, Buffer.from(source, "utf8")]);
    const compiled = pyc.files[rel];
    if (compiled) {
      const dir = rel.includes("/") ? rel.slice(0, rel.lastIndexOf("/") + 1) : "";
      entries.push([`${dir}__pycache__/${rel.slice(dir.length, -3)}.${pyc.tag}.pyc`, Buffer.from(compiled, "base64")]);
    }
  }
  const header = Buffer.from(JSON.stringify(entries.map(([rel, bytes]) => [rel, bytes.length])), "utf8");
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  const packed = Buffer.concat([length, header, ...entries.map(([, bytes]) => bytes)]);
  const name = `pyfiles-${crypto.createHash("sha256").update(packed).digest("hex").slice(0, 16)}.bin`;
  const file = path.join(runtimeOut, name);
  if (!fs.existsSync(file)) {
    fs.writeFileSync(`${file}.tmp`, zlib.gzipSync(packed, { level: 9 }));
    fs.renameSync(`${file}.tmp`, file);
  }
  return name;
}

/** `public/runtime/<name>` copied to `<name>-<hash of its content>.mjs` (cached for good); returns the new name. */
function hashedCopy(name, from = path.join(runtimeOut, `${name}.mjs`), ext = ".mjs") {
  const content = fs.readFileSync(from);
  const hashed = `${name}-${crypto.createHash("sha256").update(content).digest("hex").slice(0, 16)}${ext}`;
  if (!fs.existsSync(path.join(runtimeOut, hashed))) fs.writeFileSync(path.join(runtimeOut, hashed), content);
  return hashed;
}

const buildOptions = {
  outdir: runtimeOut,
  outExtension: { ".js": ".mjs" },
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  minify: true,
  sourcemap: false,
  logLevel: "warning",
  plugins: [virtualModules, pyodideExternal],
  alias: { "@": root },
};

/**
 * Two passes: the workers first, then what starts them (the lesson page's early script, the harness page), which
 * get the workers' content-hashed URLs. Every start-up script thus has an immutable URL (the early script is inlined
 * into the lesson pages): a warm visit asks the server nothing. The stable names (worker.mjs, ticker.mjs) are written
 * too, for `next dev` (whose pages must not point at a hash the next runtime build deletes) and the tools. public/runtime/manifest.json lists the hashed
 * URLs; next.config.js hands them to the production build (lib/python/client/spawn.ts reads them).
 */
async function bundle() {
  const snapshotURL = ({ name, file }) => (fs.existsSync(file) ? `/runtime/${name}` : "");
  const pyFilesName = await writePyFiles();
  await esbuild.build({
    ...buildOptions,
    entryPoints: { worker: path.join(workerDir, "index.ts"), ticker: path.join(workerDir, "ticker.ts") },
    define: {
      __PYODIDE_INDEX_URL__: JSON.stringify(pyodideIndexURL),
      __PYODIDE_LOCK_INFO__: JSON.stringify(JSON.stringify(lockInfo)),
      __SNAPSHOT_URL__: JSON.stringify(snapshotURL(snapshots[0])),
      __SNAPSHOT_NO_JSPI_URL__: JSON.stringify(snapshotURL(snapshots[1])),
      __PYFILES_URL__: JSON.stringify(`/runtime/${pyFilesName}`),
    },
  });
  const manifest = {
    worker: `/runtime/${hashedCopy("worker")}`,
    ticker: `/runtime/${hashedCopy("ticker")}`,
    // The theme script every page loads in <head>, blocking (app/layout.tsx): under public/theme-init.js it was
    // revalidated at every page load (a round trip before first paint, and before a lesson's early start).
    theme: `/runtime/${hashedCopy("theme", path.join(root, "public", "theme-init.js"), ".js")}`,
  };
  await esbuild.build({
    ...buildOptions,
    entryPoints: {
      harness: path.join(root, "lib", "python", "harness", "page.ts"),
      // Monaco's editor worker, served from our origin (see components/editor/python-editor.tsx).
      "editor.worker": path.join(root, "node_modules", "monaco-editor", "esm", "vs", "editor", "editor.worker.js"),
    },
    define: {
      "process.env.INTERLEAVE_WORKER_URL": JSON.stringify(manifest.worker),
      "process.env.INTERLEAVE_TICKER_URL": JSON.stringify(manifest.ticker),
    },
  });
  // Lesson pages inline this classic script (lib/python/serve/early-script.ts): their worker starts as the parser
  // reaches it, before any of the page's own scripts has run.
  await esbuild.build({
    ...buildOptions,
    entryPoints: { early: path.join(root, "lib", "python", "client", "early.ts") },
    format: "iife",
    outExtension: { ".js": ".js" },
    define: {
      "process.env.INTERLEAVE_WORKER_URL": JSON.stringify(manifest.worker),
      "process.env.INTERLEAVE_TICKER_URL": JSON.stringify(manifest.ticker),
    },
  });
  // The snapshots too ("" when not made): the offline cache stores only the one the browser will restore.
  const current = { ...manifest, pyfiles: `/runtime/${pyFilesName}`, snapshot: snapshotURL(snapshots[0]), snapshotNoJspi: snapshotURL(snapshots[1]) };
  // Rewritten only when a name changed: scripts/lib.mjs buildIsCurrent() then sees the site's build as stale (its
  // pages and bundles carry these names).
  const manifestFile = path.join(runtimeOut, "manifest.json");
  const manifestText = `${JSON.stringify(current, null, 2)}\n`;
  if (fs.readFileSync(manifestFile, { encoding: "utf8", flag: "a+" }) !== manifestText) fs.writeFileSync(manifestFile, manifestText);
  // Earlier builds' hashed files are dead weight (nothing current refers to them; the offline cache would keep them).
  const keep = new Set(Object.values(current).map((url) => path.basename(url)));
  for (const name of fs.readdirSync(runtimeOut)) {
    if (/^(worker|ticker|early|pyfiles|theme)-[0-9a-f]{16}\.(mjs|bin|js)$/.test(name) && !keep.has(name)) fs.rmSync(path.join(runtimeOut, name));
  }
  fs.rmSync(path.join(runtimeOut, "early.mjs"), { force: true }); // the module script lesson pages used to load
}

await bundle();
const missingSnapshots = snapshots.filter((s) => !fs.existsSync(s.file));
if (wantSnapshot && missingSnapshots.length) {
  const t0 = Date.now();
  const raw = (s) => path.join(os.tmpdir(), `interleave-${s.name}`);
  // Made by the browser that will restore it: a snapshot made under Node breaks WebAssembly stack switching.
  const args = missingSnapshots.flatMap((s) => [s.flag, raw(s)]);
  const made = spawnSync(bin("tsx"), [path.join(root, "lib", "python", "harness", "make-snapshot.ts"), ...args], { stdio: "inherit", cwd: root });
  for (const s of missingSnapshots) {
    if (!fs.existsSync(raw(s))) continue;
    gzipFile(raw(s), s.file);
    fs.rmSync(raw(s));
  }
  if (made.status !== 0 || missingSnapshots.some((s) => !fs.existsSync(s.file))) {
    console.error("Could not make the Python memory snapshots; the runtime will start without them (slower).");
  } else if (!quiet) {
    console.log(`Made ${missingSnapshots.length === 1 ? "the Python memory snapshot" : "the Python memory snapshots (with and without JSPI)"} in ${Date.now() - t0} ms.`);
  }
  await bundle();
}
if (!quiet) {
  const have = snapshots.filter((s) => fs.existsSync(s.file)).length;
  const note = have === snapshots.length ? " (with its memory snapshots)" : ` (${have ? "only one of its memory snapshots" : "no memory snapshot"}: run with --snapshot for fast starts)`;
  console.log(`Built the Python runtime in ${Date.now() - started} ms${note}.`);
}
