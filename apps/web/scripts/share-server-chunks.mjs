// Runs after `next build` (the web package's build script). Turbopack gives every server entry its
// own copy of a chunk whose bytes are the same for all of them (45 copies of our 1.8 MB server code,
// different only in their file name), and `next start` requires each file a route lists, so a
// process that serves every route holds the source of every copy (~150 MB of its live heap; the
// module instances are already shared, by id). This points every entry at one file per content, so
// the runtime loads it once. The other copies stay on disk: a reference missed here still loads.
// Skipped on Vercel, where a function loads one route and its own traced files.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const server = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", ".next", "server");

function filesUnder(dir, test) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Chunk file name → the name of the first chunk (in name order) in the same folder with the same bytes, source-map comment aside. */
export function sameChunks(chunksDir) {
  const byContent = new Map();
  const alias = new Map();
  for (const file of filesUnder(chunksDir, (n) => n.endsWith(".js")).sort()) {
    const text = readFileSync(file, "utf8").replace(/\n\/\/# sourceMappingURL=[^\n]*$/, "");
    const key = `${path.dirname(file)}\0${createHash("sha256").update(text).digest("hex")}`;
    const first = byContent.get(key);
    if (first) alias.set(path.basename(file), path.basename(first));
    else byContent.set(key, file);
  }
  return alias;
}

export function shareServerChunks(serverDir) {
  const alias = sameChunks(path.join(serverDir, "chunks"));
  if (alias.size === 0) return { aliased: 0, rewritten: 0 };
  // Chunk names carry a content hash (`…_0387yyc_qj8z1._.js`), so a name never occurs by chance.
  const pattern = new RegExp([...alias.keys()].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g");
  let rewritten = 0;
  for (const file of filesUnder(serverDir, (n) => n.endsWith(".js") || n.endsWith(".nft.json"))) {
    if (file.includes(`${path.sep}chunks${path.sep}`)) continue;
    const before = readFileSync(file, "utf8");
    let after = before.replace(pattern, (n) => alias.get(n));
    if (after === before) continue;
    if (file.endsWith(".nft.json")) {
      const trace = JSON.parse(after);
      trace.files = [...new Set(trace.files)];
      after = JSON.stringify(trace);
    }
    writeFileSync(file, after);
    rewritten++;
  }
  return { aliased: alias.size, rewritten };
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.env.VERCEL !== "1") {
  const { aliased, rewritten } = shareServerChunks(server);
  console.log(`share-server-chunks: ${aliased} duplicate server chunks, ${rewritten} entries now load the first copy`);
}
