import { readFileSync } from "node:fs";
import { getDefaultConfig, twMerge, createTailwindMerge } from "tailwind-merge";
import { describe, expect, it } from "vitest";
import { configFile, configSource, sourceTokens } from "../scripts/tw-merge-config";
import { twMergeConfig } from "./tw-merge-config";

describe("tw-merge-config", () => {
  it("is the one the script writes for the source as it is (else: pnpm --filter @vendaflow/ui tw-merge-config)", () => {
    expect(readFileSync(configFile, "utf8")).toBe(configSource());
  });

  it("merges every class of the source as tailwind-merge's full config does", () => {
    const cut = createTailwindMerge(() => twMergeConfig);
    const full = createTailwindMerge(() => getDefaultConfig());
    // A class twice keeps one copy when a group claims it: the same groups claim the same classes.
    for (const t of sourceTokens()) expect(cut(`${t} ${t}`), t).toBe(full(`${t} ${t}`));
    // Conflicts across groups (p and px, size and w, text-sm/6 and leading) come out the same.
    const pairs = ["px-4 p-2", "p-2 px-4", "size-4 w-8", "w-8 size-4", "text-sm/6 leading-8", "inset-0 top-2", "rounded-md rounded-tl-none", "border border-t-2", "h-9 h-8", "bg-primary bg-muted", "text-xs text-brand-ink", "hover:bg-accent hover:bg-muted", "sm:flex hidden sm:hidden"];
    for (const p of pairs) expect(cut(p), p).toBe(twMerge(p));
  });
});
