import type * as React from "react";
import { cva, type VariantProps } from "class-variance-authority";
import { CircleAlert, CircleCheck, Info, TriangleAlert } from "lucide-react";

import { cn } from "./cn";

export const alertVariants = cva(
  "relative grid w-full grid-cols-[0_1fr] items-start gap-y-0.5 rounded-lg border px-4 py-3 text-sm has-[>svg]:grid-cols-[calc(var(--spacing)*4)_1fr] has-[>svg]:gap-x-3 [&>svg]:size-4 [&>svg]:translate-y-0.5 [&>svg]:text-current",
  {
    variants: {
      variant: {
        default: "bg-card text-card-foreground",
        destructive:
          "border-destructive/40 bg-destructive/5 text-destructive [&>[data-slot=alert-description]]:text-destructive",
        success: "border-success/40 bg-success/5 text-success [&>[data-slot=alert-description]]:text-success",
        // Something to look at, not an error (a possible duplicate lead).
        warning: "border-warning bg-warning/10 text-card-foreground",
      },
    },
    defaultVariants: { variant: "default" },
  },
);

const defaultIcons = {
  default: Info,
  destructive: CircleAlert,
  success: CircleCheck,
  warning: TriangleAlert,
} as const;

export interface AlertProps extends React.ComponentProps<"div">, VariantProps<typeof alertVariants> {
  /** Custom icon; defaults to an icon matching the variant. Pass `null` to hide it. */
  icon?: React.ReactNode;
}

/**
 * Inline message. Compose with AlertTitle and AlertDescription.
 * role defaults to "alert" for the destructive variant and "status" otherwise.
 */
export function Alert({ className, variant, icon, role, children, ...props }: AlertProps) {
  const key = variant ?? "default";
  const DefaultIcon = defaultIcons[key];
  return (
    <div
      data-slot="alert"
      data-variant={key}
      role={role ?? (key === "destructive" ? "alert" : "status")}
      className={cn(alertVariants({ variant }), className)}
      {...props}
    >
      {icon === undefined ? <DefaultIcon aria-hidden="true" /> : icon}
      {children}
    </div>
  );
}

export function AlertTitle({ className, ...props }: React.ComponentProps<"div">) {
  return (
    <div
      data-slot="alert-title"
      className={cn("col-start-2 line-clamp-1 min-h-4 font-medium tracking-tight", className)}
      {...props}
    />
  );
}

export function AlertDescription({ className, ...props }: React.ComponentProps<"div">) {
  return (
    <div
      data-slot="alert-description"
      className={cn("col-start-2 grid justify-items-start gap-1 text-sm text-muted-foreground [&_p]:leading-relaxed", className)}
      {...props}
    />
  );
}
