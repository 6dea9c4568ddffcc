import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "@vendaflow/db/paths";
// @ts-expect-error: a build script in plain JavaScript, without declarations
import { sameChunks } from "../../apps/web/scripts/share-server-chunks.mjs";

// The build's last step (apps/web/scripts/share-server-chunks.mjs, docs/scaling.md "Memory"):
// server entries load one file per chunk content, so `next start` holds our server code once.
describe("server chunks of the build", () => {
  it("no two chunks that server entries load have the same bytes, and every chunk they load exists", () => {
    const server = path.join(repoRoot(), "apps", "web", ".next", "server");
    const alias = sameChunks(path.join(server, "chunks")) as Map<string, string>;
    expect(alias.size, "the build has duplicate chunks to share (Turbopack's per-entry copies)").toBeGreaterThan(0);
    const loaded = new Set<string>();
    for (const e of readdirSync(path.join(server, "app"), { recursive: true, withFileTypes: true })) {
      if (!e.isFile() || !/^(route|page)\.js$/.test(e.name)) continue;
      for (const m of readFileSync(path.join(e.parentPath, e.name), "utf8").matchAll(/R\.c\("(server\/chunks\/[^"]+)"\)/g)) loaded.add(m[1]!);
    }
    expect(loaded.size).toBeGreaterThan(20);
    const copies = [...loaded].filter((c) => alias.has(path.basename(c)));
    expect(copies, "entries still loading a copy of another chunk").toEqual([]);
    const missing = [...loaded].filter((c) => !readdirSync(path.join(server, "..", path.dirname(c))).includes(path.basename(c)));
    expect(missing).toEqual([]);
  });
});
