import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { repoRoot } from "@vendaflow/db/paths";

export const WIDGET_BUDGET = { loader: 10 * 1024, chat: 40 * 1024 } as const;

export interface WidgetSize {
  name: "loader" | "chat";
  raw: number;
  gzip: number;
  budget: number;
}

/**
 * Sizes of the built widget (apps/web/public/widget/v1), gzipped at level 9 as apps/widget/build.mjs
 * does. Builds it first when the files are missing. `note` says where the numbers came from.
 */
export function widgetSizes(): { sizes: WidgetSize[]; note: string } {
  const root = repoRoot();
  const dir = path.join(root, "apps", "web", "public", "widget", "v1");
  const files = (["loader", "chat"] as const).map((name) => ({ name, file: path.join(dir, `${name}.js`) }));
  let note = "measured from apps/web/public/widget/v1/*.js";
  if (!files.every((f) => existsSync(f.file))) {
    // build.mjs exits 1 when over budget but still writes the files; both cases are fine here.
    const r = spawnSync(process.execPath, ["build.mjs"], { cwd: path.join(root, "apps", "widget"), encoding: "utf8" });
    if (!files.every((f) => existsSync(f.file))) throw new Error(`widget build failed:\n${r.stdout}${r.stderr}`);
    note = "built now with node apps/widget/build.mjs";
  }
  const sizes = files.map(({ name, file }) => {
    const code = readFileSync(file);
    return { name, raw: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength, budget: WIDGET_BUDGET[name] };
  });
  const recorded = path.join(dir, "sizes.json");
  if (existsSync(recorded)) {
    try {
      const json = JSON.parse(readFileSync(recorded, "utf8")) as Record<string, { raw?: number; gzip?: number }>;
      const same = sizes.every((s) => json[s.name]?.raw === s.raw && json[s.name]?.gzip === s.gzip);
      note += same ? "; sizes.json agrees" : "; sizes.json differs (stale: rebuild the widget)";
    } catch {}
  }
  return { sizes, note };
}
