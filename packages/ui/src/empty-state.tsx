import type * as React from "react";
import { Inbox } from "lucide-react";

import { cn } from "./cn";

export interface EmptyStateProps extends Omit<React.ComponentProps<"div">, "title"> {
  /** Icon element, e.g. `<Users />`. Defaults to an inbox icon; pass `null` to hide. */
  icon?: React.ReactNode;
  title: React.ReactNode;
  description?: React.ReactNode;
  /** Call to action, e.g. a `<Button>`. */
  action?: React.ReactNode;
}

export function EmptyState({ className, icon, title, description, action, children, ...props }: EmptyStateProps) {
  const iconNode = icon === undefined ? <Inbox /> : icon;
  return (
    <div
      data-slot="empty-state"
      className={cn(
        "flex flex-col items-center justify-center gap-3 rounded-xl border border-dashed px-6 py-12 text-center",
        className,
      )}
      {...props}
    >
      {iconNode === null || iconNode === false ? null : (
        <div
          aria-hidden="true"
          className="flex size-12 items-center justify-center rounded-full bg-muted text-muted-foreground [&_svg:not([class*='size-'])]:size-6"
        >
          {iconNode}
        </div>
      )}
      <div className="flex max-w-sm flex-col gap-1">
        {/* Not a heading: the empty state says what is missing from the section it is in (a page, a
            card), whose heading it would otherwise follow at whatever level. */}
        <p className="text-base font-semibold">{title}</p>
        {description ? <p className="text-sm text-muted-foreground">{description}</p> : null}
      </div>
      {children}
      {action ? <div className="mt-2 flex flex-wrap items-center justify-center gap-2">{action}</div> : null}
    </div>
  );
}
