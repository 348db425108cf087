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
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { adapterFactory } from "./adapter";
import { providerOf, schemaDir, sqlitePath, type Provider } from "./url";

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

export function readSchemaFiles(provider: Provider): { path: string; content: string }[] {
  const dir = schemaDir(provider);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".prisma"))
    .sort()
    .map((f) => ({ path: path.join(dir, f), content: fs.readFileSync(path.join(dir, f), "utf8") }));
}

export function migrationsDir(provider: Provider): string {
  return path.join(schemaDir(provider), "migrations");
}

export function readMigrations(provider: Provider): MigrationList {
  const baseDir = migrationsDir(provider);
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

type Connected = Awaited<ReturnType<ReturnType<typeof adapterFactory>["connect"]>>;

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

/**
 * Shadow databases made by us rather than the adapters: libsql's is ":memory:", a new empty database on every
 * connection; adapter-pg's, given a connection string, connects to the main database itself. SQLite gets a temp
 * file, PostgreSQL a throwaway database on the same server, dropped by `cleanup`.
 */
function migrationAwareFactory(url: string) {
  const base = adapterFactory(url);
  const shadowName = `interleave_shadow_${process.pid}_${Date.now()}`;
  const shadowFile = path.join(os.tmpdir(), `${shadowName}.db`);
  let pgShadow = false;
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => patchConnection(await base.connect()),
    connectToShadowDb: async () => {
      if (providerOf(url) === "sqlite") {
        fs.rmSync(shadowFile, { force: true });
        return patchConnection(await adapterFactory(`file:${shadowFile}`).connect());
      }
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        if (pgShadow) await admin.query(`DROP DATABASE IF EXISTS "${shadowName}" WITH (FORCE)`);
        await admin.query(`CREATE DATABASE "${shadowName}"`);
        pgShadow = true;
      } finally {
        await admin.end();
      }
      const shadowUrl = new URL(url);
      shadowUrl.pathname = `/${shadowName}`;
      return patchConnection(await adapterFactory(shadowUrl.toString()).connect());
    },
    async cleanup() {
      fs.rmSync(shadowFile, { force: true });
      if (!pgShadow) return;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS "${shadowName}" WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}

async function withEngine<T>(url: string, fn: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const provider = providerOf(url);
  if (provider === "sqlite") fs.mkdirSync(path.dirname(sqlitePath(url)), { recursive: true });
  const mod = await loadEngineModule();
  const files = readSchemaFiles(provider);
  const shadowAware = migrationAwareFactory(url);
  const factory = bindMigrationAwareSqlAdapterFactory(shadowAware as Parameters<typeof bindMigrationAwareSqlAdapterFactory>[0]);
  const engine = await mod.SchemaEngine.new({ datamodels: files.map((f) => [f.path, f.content]) }, () => {}, factory);
  try {
    return await fn(engine);
  } finally {
    engine.free();
    await shadowAware.cleanup();
  }
}

/** Applies every committed migration the database has not seen yet; returns their names (empty when current). */
export async function applyMigrations(url: string): Promise<string[]> {
  const provider = providerOf(url);
  return withEngine(url, async (engine) => {
    const result = await engine.applyMigrations({ migrationsList: readMigrations(provider), filters: NO_FILTERS });
    return result.appliedMigrationNames;
  });
}

/**
 * Writes a new migration folder with the SQL that takes the committed migrations to the current schema.
 * Returns the folder, or null when the schema has not changed. Uses an in-memory shadow database for SQLite and a
 * shadow database on the given server for PostgreSQL.
 */
export async function createMigration(url: string, name: string, now = new Date()): Promise<string | null> {
  const provider = providerOf(url);
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "") || "migration";
  const migrations = readMigrations(provider);
  fs.mkdirSync(migrations.baseDir, { recursive: true });
  const lock = path.join(migrations.baseDir, "migration_lock.toml");
  if (!fs.existsSync(lock)) {
    fs.writeFileSync(lock, `# Written by lib/db/migrate.ts; keep it in version control.\nprovider = "${provider}"\n`);
  }
  const schema = readSchemaFiles(provider);
  const script = await withEngine(url, async (engine) => {
    const from: DiffTarget = migrations.migrationDirectories.length ? { tag: "migrations", ...readMigrations(provider) } : { tag: "empty" };
    const result = await engine.diff({ from, to: { tag: "schemaDatamodel", files: schema }, script: true, shadowDatabaseUrl: null, exitCode: null, filters: NO_FILTERS });
    return result.stdout ?? "";
  });
  if (!script.trim() || /^-- This is an empty migration\.?\s*$/m.test(script.trim())) return null;
  const stamp = now.toISOString().replace(/[-:T]/g, "").slice(0, 14);
  const dir = path.join(migrations.baseDir, `${stamp}_${slug}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), script);
  return dir;
}
