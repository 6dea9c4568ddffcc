import { existsSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { fileURLToPath } from "node:url";

// Where a profiled frame's code came from. The production build bundles our packages and most
// dependencies into `.next/server/chunks/*.js`, so a frame's URL says only "a chunk"; the build
// writes a source map beside each chunk, and this reads the original file, line and name from it.
// Used by cpu-profile-summary.ts and heap-profile-summary.ts.

export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber?: number;
}

export interface Source {
  /** `name path:line`, the path from the package or app it belongs to. */
  frame: string;
  /** The package it belongs to: `@vendaflow/<package>`, a node_modules name, `next`, `node:<module>`, or V8's own. */
  owner: string;
}

const maps = new Map<string, SourceMap | null>();
function mapOf(url: string): SourceMap | null {
  let m = maps.get(url);
  if (m !== undefined) return m;
  m = null;
  try {
    const file = url.startsWith("file://") ? fileURLToPath(url) : url;
    if (file.startsWith("/") && existsSync(`${file}.map`)) m = new SourceMap(JSON.parse(readFileSync(`${file}.map`, "utf8")));
  } catch {
    m = null;
  }
  maps.set(url, m);
  return m;
}

const shortPath = (p: string) =>
  p
    .replace(/^file:\/\//, "")
    .replace(/.*node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, "")
    .replace(/.*\/(packages|apps)\//, "$1/")
    .replace(/^webpack:\/\/next\/\.\//, "next/")
    .replace(/^(\.\.\/)+src\//, "next/src/");

function ownerOf(path: string, url: string): string {
  if (url.startsWith("node:")) return `node:${url.slice(5).split("/").slice(0, 2).join("/")}`;
  const pkg = path.match(/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1]!;
  const own = path.match(/(?:^|\/)(packages|apps)\/([^/]+)\//);
  if (own) return `@vendaflow/${own[2]}`;
  // Next's own sources, as its maps name them.
  if (/^webpack:\/\/next\/|^(\.\.\/)+src\/|\/next\/dist\//.test(path)) return "next";
  return shortPath(path).slice(0, 60);
}

// Turbopack's maps write a scoped package's `@` as %40.
const safeDecode = (p: string) => {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
};

/** The frame's original place (through the chunk's source map when there is one). */
export function sourceOf(c: CallFrame): Source {
  if (!c.url) return { frame: c.functionName || "(anonymous)", owner: c.functionName.startsWith("(") ? c.functionName : `native ${c.functionName}` };
  const entry = mapOf(c.url)?.findEntry(c.lineNumber, c.columnNumber ?? 0);
  if (entry && "originalSource" in entry && entry.originalSource) {
    const path = safeDecode(entry.originalSource);
    // Node fills in `name`; @types/node 20 does not declare it.
    const name = (entry as { name?: string }).name || c.functionName || "(anonymous)";
    return { frame: `${name} ${shortPath(path)}:${entry.originalLine + 1}`, owner: ownerOf(path, c.url) };
  }
  return { frame: `${c.functionName || "(anonymous)"} ${shortPath(c.url)}:${c.lineNumber + 1}`, owner: ownerOf(c.url, c.url) };
}
