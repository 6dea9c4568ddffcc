/**
 * Writes src/tw-merge-config.ts: tailwind-merge's default config cut to the class groups the
 * dashboard's source uses (`pnpm --filter @vendaflow/ui tw-merge-config`). The full config is about
 * 6 KB gzipped of every page's first load; `cn` needs only the groups our classes fall in. Keeping
 * a group's definition whole and the groups in their order classifies every class of the source as
 * the full config does (tailwind-merge takes a class's first matching group, and the groups cut
 * match none of our classes); src/tw-merge-config.test.ts fails when the file is stale.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createTailwindMerge, getDefaultConfig, validators, type Config } from "tailwind-merge";

type AnyConfig = Config<string, string>;

const uiDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = path.join(uiDir, "..", "..");
/** Where classes handed to `cn` are written: the ui package and the dashboard. */
const sourceDirs = ["packages/ui/src", "apps/web/app", "apps/web/components", "apps/web/lib"];
export const configFile = path.join(uiDir, "src", "tw-merge-config.ts");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" || e.name.startsWith(".") ? [] : sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && p !== configFile ? [p] : [];
  });
}

/** Every word of every string literal of the source: the classes, and other words that match no group. */
export function sourceTokens(): string[] {
  const tokens = new Set<string>();
  for (const file of sourceDirs.flatMap((d) => sourceFiles(path.join(repoRoot, d)))) {
    const code = readFileSync(file, "utf8");
    for (const quoted of [/"([^"\n]*)"/g, /'([^'\n]*)'/g, /`([^`]*)`/g]) for (const m of code.matchAll(quoted)) for (const t of (m[1] ?? "").split(/\s+/)) if (t) tokens.add(t);
  }
  return [...tokens].sort();
}

/** The config keeping only `groups`, and the conflicts and modifiers between them. */
function cut(full: AnyConfig, groups: Set<string>): AnyConfig {
  const keep = <T>(record: Record<string, T>) => Object.fromEntries(Object.entries(record).filter(([k]) => groups.has(k)));
  return {
    ...full,
    classGroups: keep(full.classGroups),
    conflictingClassGroups: Object.fromEntries(Object.entries(keep(full.conflictingClassGroups)).map(([k, v]) => [k, (v ?? []).filter((g) => groups.has(g))])),
    conflictingClassGroupModifiers: Object.fromEntries(Object.entries(keep(full.conflictingClassGroupModifiers)).map(([k, v]) => [k, (v ?? []).filter((g) => groups.has(g))])),
    postfixLookupClassGroups: full.postfixLookupClassGroups?.filter((g) => groups.has(g)),
  };
}

/** The groups any of `tokens` belongs to, each group tried alone (a class twice in a row keeps one copy only when a group claims it). */
export function usedGroups(tokens: string[], full: AnyConfig = getDefaultConfig()): Set<string> {
  const fullMerge = createTailwindMerge(() => full);
  const classes = tokens.filter((t) => fullMerge(`${t} ${t}`) === t);
  const used = new Set<string>();
  for (const group of Object.keys(full.classGroups)) {
    const merge = createTailwindMerge(() => cut(full, new Set([group])));
    if (classes.some((t) => merge(`${t} ${t}`) === t)) used.add(group);
  }
  return used;
}

const validatorNames = new Map<unknown, string>(Object.entries(validators).map(([name, fn]) => [fn, name]));

/** A config value as code: strings, arrays, objects, tailwind-merge's validators and fromTheme(). */
function code(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(code).join(", ")}]`;
  if (typeof value === "function") {
    const name = validatorNames.get(value);
    if (name) return name;
    if ((value as { isThemeGetter?: boolean }).isThemeGetter) {
      let key = "";
      (value as (theme: object) => unknown)(new Proxy({}, { get: (_, k) => ((key = String(k)), []) }));
      return `fromTheme(${JSON.stringify(key)})`;
    }
    throw new Error(`tailwind-merge config holds a function that is neither a validator nor fromTheme(): ${String(value)}`);
  }
  if (value && typeof value === "object") return `{ ${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${code(v)}`).join(", ")} }`;
  throw new Error(`unexpected value in tailwind-merge config: ${String(value)}`);
}

/** The text of src/tw-merge-config.ts for the source as it is. */
export function configSource(): string {
  const full = getDefaultConfig() as AnyConfig;
  const config = cut(full, usedGroups(sourceTokens(), full));
  const body = code(config.classGroups);
  // The theme scales the kept groups read (theme values read no other scale).
  const theme = Object.fromEntries(Object.entries(full.theme).filter(([k]) => body.includes(`fromTheme(${JSON.stringify(k)})`)));
  const used = [...new Set(`${body}${code(theme)}`.match(/\bis[A-Z]\w*/g) ?? [])].filter((n) => n in validators).sort();
  const lines = [
    "// Generated by packages/ui/scripts/tw-merge-config.ts (`pnpm --filter @vendaflow/ui tw-merge-config`): tailwind-merge's",
    "// default config cut to the class groups of our source; see the script for why. Do not edit.",
    'import { fromTheme, validators, type Config } from "tailwind-merge";',
    "",
    `const { ${used.join(", ")} } = validators;`,
    "",
    "export const twMergeConfig: Config<string, string> = {",
    `  cacheSize: ${config.cacheSize},`,
    `  theme: {`,
    ...Object.entries(theme).map(([k, v]) => `    ${JSON.stringify(k)}: ${code(v)},`),
    "  },",
    "  classGroups: {",
    ...Object.entries(config.classGroups).map(([k, v]) => `    ${JSON.stringify(k)}: ${code(v)},`),
    "  },",
    `  conflictingClassGroups: ${code(config.conflictingClassGroups)},`,
    `  conflictingClassGroupModifiers: ${code(config.conflictingClassGroupModifiers)},`,
    `  postfixLookupClassGroups: ${code(config.postfixLookupClassGroups ?? [])},`,
    `  orderSensitiveModifiers: ${code(config.orderSensitiveModifiers)},`,
    "};",
    "",
  ];
  return lines.join("\n");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(configFile, configSource());
  console.log(`wrote ${path.relative(repoRoot, configFile)}`);
}
