import type * as React from "react";

import { cn } from "./cn";

export interface CheckboxProps extends Omit<React.ComponentProps<"input">, "type"> {
  /** Optional inline label; when given, the checkbox and text are wrapped in a `<label>`. */
  label?: React.ReactNode;
  /** Class for the wrapping `<label>` (only used with `label`). */
  labelClassName?: string;
}

/** Native checkbox tinted with the brand colour (accent-color). */
export function Checkbox({ className, label, labelClassName, ...props }: CheckboxProps) {
  const input = (
    <input
      type="checkbox"
      data-slot="checkbox"
      className={cn(
        "peer size-4 shrink-0 cursor-pointer rounded-sm accent-primary outline-none",
        "focus-visible:ring-[3px] focus-visible:ring-ring/50",
        "disabled:cursor-not-allowed disabled:opacity-50",
        "aria-invalid:outline-2 aria-invalid:outline-destructive",
        className,
      )}
      {...props}
    />
  );

  if (label === undefined || label === null) return input;

  return (
    <label
      data-slot="checkbox-label"
      className={cn(
        "inline-flex cursor-pointer items-center gap-2 text-sm leading-none select-none has-disabled:cursor-not-allowed",
        labelClassName,
      )}
    >
      {input}
      <span className="peer-disabled:opacity-50">{label}</span>
    </label>
  );
}
