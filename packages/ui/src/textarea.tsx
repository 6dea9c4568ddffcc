import type * as React from "react";

import { cn } from "./cn";
import { fieldClassName } from "./input";

export type TextareaProps = React.ComponentProps<"textarea">;

export function Textarea({ className, rows = 3, ...props }: TextareaProps) {
  return (
    <textarea
      data-slot="textarea"
      rows={rows}
      className={cn(fieldClassName, "field-sizing-content min-h-16 py-2", className)}
      {...props}
    />
  );
}
