import type * as React from "react";
import { LoaderCircle } from "lucide-react";
import { cva, type VariantProps } from "class-variance-authority";

import { cn } from "./cn";

export const spinnerVariants = cva("animate-spin shrink-0", {
  variants: {
    size: {
      sm: "size-4",
      default: "size-5",
      lg: "size-8",
    },
  },
  defaultVariants: { size: "default" },
});

export interface SpinnerProps extends Omit<React.ComponentProps<"span">, "children">, VariantProps<typeof spinnerVariants> {
  /** Accessible text announced to screen readers. Defaults to "Carregando…". */
  label?: string;
  /** Also render the label visibly next to the icon. */
  showLabel?: boolean;
}

/** Loading indicator with an accessible label (role="status"). */
export function Spinner({ className, size, label = "Carregando…", showLabel = false, ...props }: SpinnerProps) {
  return (
    <span
      role="status"
      data-slot="spinner"
      className={cn("inline-flex items-center gap-2 text-muted-foreground", className)}
      {...props}
    >
      <LoaderCircle aria-hidden="true" className={spinnerVariants({ size })} />
      <span className={showLabel ? "text-sm" : "sr-only"}>{label}</span>
    </span>
  );
}
