import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { repoRoot } from "@vendaflow/db/paths";

/** docs/architecture.md's Front-end budget: First Load JS per dashboard route, gzipped. */
export const ROUTE_BUDGET = 200 * 1024;

export interface RouteBundle {
  route: string;
  chunks: number;
  raw: number;
  gzip: number;
}

interface StatsEntry {
  route: string;
  firstLoadChunkPaths: string[];
}

/**
 * First Load JS of every page route, from the build's own stats (apps/web/.next/diagnostics/
 * route-bundle-stats.json lists each route's first-load chunks, uncompressed since Next 16.4):
 * each chunk gzipped (zlib's default level, what a CDN serves) and summed. Sorted largest first.
 */
export function dashboardBundles(webDir = path.join(repoRoot(), "apps", "web")): RouteBundle[] {
  const file = path.join(webDir, ".next", "diagnostics", "route-bundle-stats.json");
  if (!existsSync(file)) throw new Error(`${path.relative(repoRoot(), file)} is missing: run \`pnpm build\` first`);
  const entries = JSON.parse(readFileSync(file, "utf8")) as StatsEntry[];
  const gz = new Map<string, { raw: number; gzip: number }>();
  const size = (chunk: string) => {
    let s = gz.get(chunk);
    if (!s) {
      const code = readFileSync(path.join(webDir, chunk));
      s = { raw: code.byteLength, gzip: gzipSync(code).byteLength };
      gz.set(chunk, s);
    }
    return s;
  };
  return entries
    .map((e) => {
      const sizes = e.firstLoadChunkPaths.map(size);
      return { route: e.route, chunks: sizes.length, raw: sizes.reduce((a, s) => a + s.raw, 0), gzip: sizes.reduce((a, s) => a + s.gzip, 0) };
    })
    .sort((a, b) => b.gzip - a.gzip || a.route.localeCompare(b.route));
}

/** The report's lines: one per route with pass/fail against the budget, then a summary. */
export function dashboardBundleLines(): string[] {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  try {
    const routes = dashboardBundles();
    const over = routes.filter((r) => r.gzip > ROUTE_BUDGET);
    const width = Math.max(...routes.map((r) => r.route.length));
    return [
      `dashboard First Load JS per route (gzipped, from .next/diagnostics/route-bundle-stats.json; budget ${ROUTE_BUDGET / 1024} KB)`,
      ...routes.map((r) => `  ${r.route.padEnd(width)}  ${kb(r.gzip).padStart(9)} gzip  ${kb(r.raw).padStart(10)} raw  ${String(r.chunks).padStart(2)} chunks  ${r.gzip <= ROUTE_BUDGET ? "ok" : "OVER"}`),
      `  ${routes.length} routes, ${kb(routes.at(-1)?.gzip ?? 0)}-${kb(routes[0]?.gzip ?? 0)}; ${over.length ? `${over.length} over budget: ${over.map((r) => r.route).join(", ")}` : "all within budget"}`,
    ];
  } catch (err) {
    return [`dashboard bundles: unavailable (${(err as Error).message})`];
  }
}
