/**
 * The memory snapshot, unpacked, kept in the origin private file system (OPFS) between visits.
 *
 * The HTTP cache keeps the snapshot as it was sent: 6 MB of gzip. Every start used to inflate it again to 31 MB on
 * the worker's thread, about 0.4 s of CPU (1 s of wall time on a busy 2-core machine, bench traces), and while it did
 * the worker could not take in pyodide.mjs, which was waiting in its queue. A start that finds the unpacked bytes here
 * reads them with one synchronous read (tens of milliseconds) and asks the network for nothing.
 *
 * One file per snapshot URL (content-hashed, so a new runtime gets a new name; older files are deleted when the new
 * one is written). A file is written under a temporary name and renamed when complete, so a worker ended half-way
 * leaves no file that could be read as a snapshot. Every failure (no OPFS, quota, another worker holding the file,
 * a browser without read-only access handles) means the network path, never an error: this is only a cache.
 * Pyodide checks the snapshot's magic number and build id when it restores it.
 *
 * The worker opens it as its script begins (./index.ts), before `init` arrives: the first call into the origin
 * private file system of a visit took 0.03–1 s in the bench (the browser's UI thread answers it, busy with the
 * navigation). The directory handle is taken while the worker still has `navigator` (./sandbox.ts removes it
 * before learner code runs); it stays in this module's closure, out of Python's reach.
 */

const DIR = "interleave-snapshots";

interface SyncHandle {
  getSize(): number;
  read(buffer: Uint8Array, options: { at: number }): number;
  write(buffer: Uint8Array, options: { at: number }): number;
  truncate(size: number): void;
  flush(): void;
  close(): void;
}
interface FileHandle {
  createSyncAccessHandle(options?: { mode: "read-only" | "readwrite" }): Promise<SyncHandle>;
  move?(newName: string): Promise<void>;
}
interface DirHandle {
  getDirectoryHandle(name: string, options?: { create: boolean }): Promise<DirHandle>;
  getFileHandle(name: string, options?: { create: boolean }): Promise<FileHandle>;
  removeEntry(name: string): Promise<void>;
  keys(): AsyncIterable<string>;
}

export interface SnapshotCache {
  /** The unpacked snapshot, or null when this browser has none (or cannot read it). */
  read(): Promise<Uint8Array | null>;
  /** Keeps `bytes` for the next start; resolves whether or not that worked. */
  write(bytes: Uint8Array): Promise<void>;
  /** Drops the kept snapshot (Pyodide refused it). */
  forget(): Promise<void>;
}

/** null when the scope has no origin private file system (or no synchronous access to it, i.e. not a worker). */
export function snapshotCache(scope: typeof globalThis, snapshotURL: string): SnapshotCache | null {
  const storage = (scope.navigator as { storage?: { getDirectory?: () => Promise<unknown> } } | undefined)?.storage;
  if (typeof storage?.getDirectory !== "function") return null;
  const name = `${new URL(snapshotURL).pathname.split("/").pop()}.raw`;
  const dir: Promise<DirHandle | null> = (storage.getDirectory() as Promise<DirHandle>)
    .then((root) => root.getDirectoryHandle(DIR, { create: true }))
    .catch(() => null);

  return {
    async read() {
      try {
        const d = await dir;
        if (!d) return null;
        const file = await d.getFileHandle(name);
        // read-only handles let a page's and its processes' workers read at once (Chromium 121+); where the
        // option is not known the handle is exclusive, and a second reader falls back to the network.
        const handle = await file.createSyncAccessHandle({ mode: "read-only" });
        try {
          const size = handle.getSize();
          if (size === 0) return null;
          const bytes = new Uint8Array(size);
          if (handle.read(bytes, { at: 0 }) !== size) return null;
          return bytes;
        } finally {
          handle.close();
        }
      } catch {
        return null;
      }
    },
    async write(bytes) {
      try {
        const d = await dir;
        if (!d) return;
        const partName = `${name}.part`;
        const part = await d.getFileHandle(partName, { create: true });
        if (typeof part.move !== "function") return; // no atomic rename: better no cache than a torn one
        const handle = await part.createSyncAccessHandle();
        try {
          handle.truncate(0);
          let at = 0;
          while (at < bytes.length) at += handle.write(bytes.subarray(at), { at });
          handle.flush();
        } finally {
          handle.close();
        }
        await part.move(name);
        const others: string[] = [];
        for await (const other of d.keys()) if (other !== name) others.push(other);
        for (const other of others) await d.removeEntry(other).catch(() => undefined);
      } catch {
        // only a cache: the next start fetches the snapshot again
      }
    },
    async forget() {
      await (await dir)?.removeEntry(name).catch(() => undefined);
    },
  };
}
