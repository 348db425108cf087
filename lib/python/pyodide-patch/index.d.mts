// Types of ./index.mjs (plain ESM so scripts/build-runtime.mjs can import it before anything is compiled).
export declare const PATCHED_VERSION: string;
export declare const MARKER: string;
export interface Hunk {
  id: string;
  find: string;
  replace: string;
}
export declare const HUNKS: Hunk[];
export declare function patchPyodideAsm(source: string): string;
