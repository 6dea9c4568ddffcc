// Builds the embeddable widget into apps/web/public/widget/v1/{loader,chat}.js (+ sizes.json).
// Usage: node build.mjs
import * as esbuild from "esbuild";
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const outDir = here("../web/public/widget/v1/");
const BUDGET = { loader: 10 * 1024, chat: 40 * 1024 }; // gzipped bytes

const common = {
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2019",
  platform: "browser",
  legalComments: "none",
  write: false,
  logLevel: "warning",
};

async function bundle(entry, define = {}) {
  const result = await esbuild.build({ ...common, entryPoints: [here(entry)], define });
  const file = result.outputFiles[0];
  if (!file) throw new Error(`esbuild produced no output for ${entry}`);
  return file.contents;
}

// chat.js first: its content hash goes into loader.js as a cache-busting query (chat.js?v=…).
const chat = await bundle("src/chat/index.ts");
const chatVersion = createHash("sha256").update(chat).digest("hex").slice(0, 10);
const loader = await bundle("src/loader.ts", { __VF_CHAT_VERSION__: JSON.stringify(chatVersion) });

mkdirSync(outDir, { recursive: true });
const sizes = {};
let over = false;
for (const [name, code] of [
  ["loader", loader],
  ["chat", chat],
]) {
  writeFileSync(`${outDir}${name}.js`, code);
  const raw = code.byteLength;
  const gzip = gzipSync(code, { level: 9 }).byteLength;
  sizes[name] = { raw, gzip };
  const ok = gzip <= BUDGET[name];
  over ||= !ok;
  console.log(
    `${`${name}.js`.padEnd(10)} ${(raw / 1024).toFixed(2).padStart(6)} KB raw  ${(gzip / 1024).toFixed(2).padStart(6)} KB gzip  (budget ${BUDGET[name] / 1024} KB gzip)${ok ? "" : "  OVER BUDGET"}`,
  );
}
writeFileSync(`${outDir}sizes.json`, `${JSON.stringify(sizes, null, 2)}\n`);
console.log(`→ ${outDir} (chat version ${chatVersion})`);
if (over) process.exit(1);
