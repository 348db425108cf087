// Types for scripts/lib.mjs (plain ESM so it runs before anything is built).
import type { SpawnOptions } from "node:child_process";

export const root: string;
export function bin(name: string): string;
export function run(cmd: string, args?: string[], options?: SpawnOptions & { env?: NodeJS.ProcessEnv }): Promise<void>;
export function ensureEnvFile(): void;
export function buildIsCurrent(): boolean;
export function buildApp(): Promise<void>;
export function chromiumPath(): string | undefined;
export function ensureDebianPackages(wanted: Array<{ file: string; pkg: string }>): Promise<void>;
