import { clsx, type ClassValue } from "clsx";
import { createTailwindMerge } from "tailwind-merge";
import { twMergeConfig } from "./tw-merge-config";

// tailwind-merge with only the class groups our source uses (src/tw-merge-config.ts): the full
// default config was ~3 KB gzipped more in every page's first load, for groups no class of ours is in.
const twMerge = createTailwindMerge(() => twMergeConfig);

/** Merge class names: conditional classes via clsx, conflicting Tailwind utilities resolved by tailwind-merge. */
export function cn(...inputs: ClassValue[]): string {
  return twMerge(clsx(inputs));
}

export type { ClassValue };
