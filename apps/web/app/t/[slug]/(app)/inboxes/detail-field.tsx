import type { ReactNode } from "react";

/** One of an inbox's details (snippet, URL, key, token) under its label, with an optional hint. */
export function DetailField({ label, hint, children }: { label: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <div className="space-y-1.5">
      <p className="text-sm font-medium">{label}</p>
      {hint ? <p className="text-xs text-muted-foreground">{hint}</p> : null}
      {children}
    </div>
  );
}
