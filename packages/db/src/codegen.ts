import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const typesFile = () => path.join(path.dirname(fileURLToPath(import.meta.url)), "types.ts");

/** int8 is read as number (create-db sets the pg parser), so it is typed as one. */
/** Runs kysely-codegen against a migrated database and returns the generated source. */
export function generateTypes(url: string, outFile: string): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve("kysely-codegen/package.json");
  const bin = path.join(path.dirname(pkg), "dist", "cli", "bin.js");
  execFileSync(process.execPath, [bin, "--dialect", "postgres", "--url", url, "--out-file", outFile, "--exclude-pattern", "schema_migrations", "--type-mapping", JSON.stringify({ int8: "number" })], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  return readFileSync(outFile, "utf8");
}
