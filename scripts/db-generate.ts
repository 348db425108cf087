// Generates the Prisma clients for SQLite and PostgreSQL. `prisma generate` never runs the native schema engine, but
// the CLI looks for it first and would try to download it; pointing it at any executable avoids that (offline).
import { execFileSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const prisma = path.join(root, "node_modules", ".bin", "prisma");
for (const schema of ["prisma/sqlite", "prisma/postgres"]) {
  execFileSync(prisma, ["generate", "--schema", schema], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/true", PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
  });
}
console.log("Generated the Prisma clients (SQLite and PostgreSQL).");
