import type * as React from "react";

import { cn } from "./cn";

/** Placeholder block shown while content loads (decorative: aria-hidden). */
export function Skeleton({ className, ...props }: React.ComponentProps<"div">) {
  return (
    <div
      data-slot="skeleton"
      aria-hidden="true"
      className={cn("animate-pulse rounded-md bg-muted", className)}
      {...props}
    />
  );
}
