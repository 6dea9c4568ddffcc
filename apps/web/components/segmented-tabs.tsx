"use client";
import { cn } from "@vendaflow/ui/cn";

export interface SegmentedTab<V extends string> {
  value: V;
  label: string;
  /** A longer meaning, shown on hover (a tab that stands for more than its word says). */
  title?: string;
  testId: string;
}

/**
 * A row of tabs on a muted track that picks one value (a list's status filter, a view's mode).
 * `compact` is the narrow column's size: small text, tabs that share the width, a finger's
 * height on a touch screen. `className` places the track (width, wrapping, scrolling).
 */
export function SegmentedTabs<V extends string>({ label, tabs, value, onChange, compact = false, className }: { label: string; tabs: readonly SegmentedTab<V>[]; value: V; onChange: (value: V) => void; compact?: boolean; className?: string }) {
  return (
    <div role="tablist" aria-label={label} className={cn("rounded-lg bg-muted p-1", className)}>
      {tabs.map((tab) => (
        <button
          key={tab.testId}
          type="button"
          role="tab"
          aria-selected={value === tab.value}
          data-testid={tab.testId}
          title={tab.title}
          onClick={() => onChange(tab.value)}
          className={cn(
            "cursor-pointer rounded-md font-medium transition-colors outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50",
            // The inbox's six fit its list's width in two rows of three (384 px on a wide screen, a 390 px phone): in
            // one row "Resolvidas" was cut off. 24 px tall under a mouse; on a touch screen 40 px, a finger's width.
            compact ? "shrink-0 grow px-2 py-1 text-xs pointer-coarse:min-h-10" : "px-3 py-1.5 text-sm",
            value === tab.value ? "bg-background text-foreground shadow-sm" : "text-muted-foreground hover:text-foreground",
          )}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
