/**
 * Applies and creates Prisma migrations with no network. The Prisma CLI's migrate commands need a native schema
 * engine that is downloaded at install time, which fails on machines that reach only the npm registry. The same
 * engine ships as WebAssembly (@prisma/schema-engine-wasm, the build Prisma 7.10's CLI uses); we drive it with the
 * app's own driver adapters. It writes the usual _prisma_migrations table, so the CLI stays usable where it works.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory, type SqlDriverAdapter } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { adapterFactory } from "./adapter";
import { providerOf, schemaDir, sqlitePath } from "./url";

interface EngineModule {
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
  SchemaEngine: { new: (options: { datamodels: [string, string][] }, log: (message: string) => void, adapter: object) => Promise<SchemaEngine> };
}
interface MigrationDirectory {
  path: string;
  migrationFile: { path: string; content: { tag: "ok"; value: string } | { tag: "error"; value: string } };
}
interface MigrationList {
  baseDir: string;
  lockfile: { path: string; content: string | null };
  shadowDbInitScript: string;
  migrationDirectories: MigrationDirectory[];
}
type DiffTarget = { tag: "empty" } | { tag: "schemaDatamodel"; files: { path: string; content: string }[] } | ({ tag: "migrations" } & MigrationList);
interface SchemaEngine {
  applyMigrations(input: { migrationsList: MigrationList; filters: Filters }): Promise<{ appliedMigrationNames: string[] }>;
  diff(input: { from: DiffTarget; to: DiffTarget; script: boolean; shadowDatabaseUrl: string | null; exitCode: boolean | null; filters: Filters }): Promise<{ exitCode: number; stdout: string | null }>;
  free(): void;
}
type Filters = { externalTables: string[]; externalEnums: string[] };
const NO_FILTERS: Filters = { externalTables: [], externalEnums: [] };

let engineModule: Promise<EngineModule> | undefined;

/** Node 20 cannot import the package's .wasm entry, so the bindings are loaded and instantiated by hand. */
function loadEngineModule(): Promise<EngineModule> {
  engineModule ??= (async () => {
    const require = createRequire(import.meta.url);
    // The package exports only its JS files; find its folder through one of them.
    const bindings = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const mod = (await import(/* webpackIgnore: true */ bindings)) as EngineModule;
    const bytes = fs.readFileSync(path.join(path.dirname(bindings), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": mod as unknown as WebAssembly.ModuleImports });
    mod.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
    return mod;
  })();
  return engineModule;
}

/** Where a provider's schema files and migrations live; tests point it at a copy. */
export interface SchemaLocation {
  schemaDir?: string;
}

/** The schema files of one provider folder (schema.prisma plus the shared models, linked in). */
export function readSchemaFiles(dir: string): { path: string; content: string }[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".prisma"))
    .sort()
    .map((f) => ({ path: path.join(dir, f), content: fs.readFileSync(path.join(dir, f), "utf8") }));
}

/** The committed migrations of one provider folder, in the shape the engine takes. */
export function readMigrations(dir: string): MigrationList {
  const baseDir = path.join(dir, "migrations");
  const lockPath = path.join(baseDir, "migration_lock.toml");
  const dirs = fs.existsSync(baseDir)
    ? fs
        .readdirSync(baseDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  return {
    baseDir,
    lockfile: { path: "migration_lock.toml", content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((name) => {
      const file = path.join(baseDir, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: fs.existsSync(file) ? { tag: "ok", value: fs.readFileSync(file, "utf8") } : { tag: "error", value: `${file} is missing` },
        },
      };
    }),
  };
}

type Connected = SqlDriverAdapter;

/**
 * Two driver-adapter gaps the schema engine runs into, patched on the connection it gets:
 * - libsql's executeRaw runs only the first statement of a multi-statement script, so replaying a migration into
 *   the shadow database silently dropped all but its first table; argument-less scripts go through executeScript.
 * - @prisma/adapter-pg cannot describe PostgreSQL's internal "char" type (OID 18), which the engine meets when it
 *   reads the catalog; pg already returns it as a string, so it is reported as text (OID 25).
 */
function patchConnection(adapter: Connected): Connected {
  const target = adapter as Connected & { performIO?: (q: unknown) => Promise<{ fields: { dataTypeID: number }[] }> };
  if (adapter.provider === "postgres" && typeof target.performIO === "function") {
    const performIO = target.performIO.bind(target);
    target.performIO = async (query) => {
      const result = await performIO(query);

      for (const field of result.fields) if (field.dataTypeID === 18) field.dataTypeID = 25;
      return result;
    };
  }
  if (adapter.provider === "sqlite") {
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.executeRaw = async (query) => {
      if (query.args.length === 0 && /;\s*\S/.test(query.sql.trim().replace(/;\s*$/, ""))) {
        await adapter.executeScript(query.sql);
        return 0;
      }
      return executeRaw(query);
    };
  }
  return adapter;
}

/** Disposes an adapter once; the engine never disposes the connections it got, and a second pg `end()` throws. */
function tracked(adapter: Connected, open: Set<() => Promise<void>>): Connected {
  const dispose = adapter.dispose.bind(adapter);
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= dispose());
  adapter.dispose = close;
  open.add(close);
  return adapter;
}

/**
 * Shadow databases made by us rather than the adapters: libsql's is ":memory:", a new empty database on every
 * connection; adapter-pg's, given a connection string, connects to the main database itself. SQLite gets a temp
 * file, PostgreSQL a throwaway database on the same server, dropped by `cleanup`. Every connection handed to the
 * engine is closed by `cleanup`: an open pg pool would keep holding the engine's advisory lock, and the next
 * migration run would wait for the pool's idle timeout (10 s) before it could take it.
 */
function migrationAwareFactory(url: string) {
  const base = adapterFactory(url);
  const shadowName = `interleave_shadow_${process.pid}_${Date.now()}`;
  const shadowFile = path.join(os.tmpdir(), `${shadowName}.db`);
  const open = new Set<() => Promise<void>>();
  let pgShadow = false;
  const adminQuery = async (sql: string) => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(sql);
    } finally {
      await admin.end();
    }
  };
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => tracked(patchConnection(await base.connect()), open),
    connectToShadowDb: async () => {
      if (providerOf(url) === "sqlite") {
        for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(shadowFile + suffix, { force: true });
        return tracked(patchConnection(await adapterFactory(`file:${shadowFile}`).connect()), open);
      }
      if (pgShadow) await adminQuery(`DROP DATABASE IF EXISTS "${shadowName}" WITH (FORCE)`);
      await adminQuery(`CREATE DATABASE "${shadowName}"`);
      pgShadow = true;
      const shadowUrl = new URL(url);
      shadowUrl.pathname = `/${shadowName}`;
      return tracked(patchConnection(await adapterFactory(shadowUrl.toString()).connect()), open);
    },
    async cleanup() {
      const closing = [...open].map((close) => close().catch(() => undefined));
      open.clear();
      await Promise.all(closing);
      for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(shadowFile + suffix, { force: true });
      if (pgShadow) await adminQuery(`DROP DATABASE IF EXISTS "${shadowName}" WITH (FORCE)`);
    },
  };
}

/** A missing database is created, as a missing SQLite file is: through the server's "postgres" database. */
async function ensurePostgresDatabase(url: string): Promise<void> {
  const probe = new pg.Client({ connectionString: url });
  try {
    await probe.connect();
    return;
  } catch (err) {
    if ((err as { code?: string }).code !== "3D000") throw err; // 3D000: invalid_catalog_name (no such database)
  } finally {
    await probe.end().catch(() => undefined);
  }
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  target.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: target.toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await admin.end();
  }
}

async function withEngine<T>(url: string, dir: string, fn: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  if (providerOf(url) === "sqlite") fs.mkdirSync(path.dirname(sqlitePath(url)), { recursive: true });
  else await ensurePostgresDatabase(url);
  const mod = await loadEngineModule();
  const files = readSchemaFiles(dir);
  const shadowAware = migrationAwareFactory(url);
  const factory = bindMigrationAwareSqlAdapterFactory(shadowAware);
  const engine = await mod.SchemaEngine.new({ datamodels: files.map((f) => [f.path, f.content]) }, () => {}, factory);
  try {
    return await fn(engine);
  } finally {
    engine.free();
    await shadowAware.cleanup();
  }
}

/**
 * Applies every committed migration the database has not seen yet; returns their names (empty when current).
 * Creates the database first when it does not exist (SQLite file and folder, or PostgreSQL database).
 */
export async function applyMigrations(url: string, location: SchemaLocation = {}): Promise<string[]> {
  const dir = location.schemaDir ?? schemaDir(providerOf(url));
  return withEngine(url, dir, async (engine) => {
    const result = await engine.applyMigrations({ migrationsList: readMigrations(dir), filters: NO_FILTERS });
    return result.appliedMigrationNames;
  });
}

/**
 * Writes a new migration folder with the SQL that takes the committed migrations to the current schema.
 * Returns the folder, or null when the schema has not changed. The engine replays the migrations into a shadow
 * database to compare: a temp file for SQLite, a throwaway database on the given server for PostgreSQL; the
 * database at `url` itself is not changed.
 */
export async function createMigration(url: string, name: string, options: SchemaLocation & { now?: Date } = {}): Promise<string | null> {
  const provider = providerOf(url);
  const dir = options.schemaDir ?? schemaDir(provider);
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "") || "migration";
  const baseDir = path.join(dir, "migrations");
  fs.mkdirSync(baseDir, { recursive: true });
  // The engine reads the lock file when it replays migrations; it must exist before the first diff.
  const lock = path.join(baseDir, "migration_lock.toml");
  if (!fs.existsSync(lock)) {
    fs.writeFileSync(lock, `# Written by lib/db/migrate.ts; keep it in version control.\nprovider = "${provider}"\n`);
  }
  const migrations = readMigrations(dir);
  const script = await withEngine(url, dir, async (engine) => {
    const from: DiffTarget = migrations.migrationDirectories.length ? { tag: "migrations", ...migrations } : { tag: "empty" };
    const result = await engine.diff({ from, to: { tag: "schemaDatamodel", files: readSchemaFiles(dir) }, script: true, shadowDatabaseUrl: null, exitCode: null, filters: NO_FILTERS });
    return result.stdout ?? "";
  });
  if (!script.trim() || /^-- This is an empty migration\.?\s*$/m.test(script.trim())) return null;
  const stamp = (options.now ?? new Date()).toISOString().replace(/[-:T]/g, "").slice(0, 14);
  const target = path.join(baseDir, `${stamp}_${slug}`);
  if (fs.existsSync(target)) throw new Error(`${target} already exists`);
  fs.mkdirSync(target);
  fs.writeFileSync(path.join(target, "migration.sql"), script);
  return target;
}
