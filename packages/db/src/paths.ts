import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The monorepo root: the nearest folder upward holding pnpm-workspace.yaml. */
export function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "pnpm-workspace.yaml"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("pnpm-workspace.yaml not found above " + import.meta.url);
    dir = parent;
  }
  return dir;
}

/** Local state for the embedded defaults (Postgres data, generated dev secrets); git-ignored. */
export function dataDir(): string {
  return process.env.DATA_DIR ?? path.join(repoRoot(), ".data");
}

export const migrationsDir = () => path.join(repoRoot(), "db", "migrations");
export const grantsFile = () => path.join(repoRoot(), "db", "grants.sql");
