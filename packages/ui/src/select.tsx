import type * as React from "react";
import { ChevronDown } from "lucide-react";

import { cn } from "./cn";
import { fieldClassName } from "./input";

export interface SelectProps extends React.ComponentProps<"select"> {
  /**
   * Adds a first `<option value="">` shown while nothing is selected (with `required`,
   * the browser treats it as "no value", so the field fails validation until a choice is made).
   */
  placeholder?: string;
  /** Class for the wrapper element (the `className` goes to the `<select>`). */
  wrapperClassName?: string;
}

/** Styled native `<select>`: pass `<option>`/`<optgroup>` children. */
export function Select({ className, wrapperClassName, placeholder, children, multiple, ...props }: SelectProps) {
  return (
    <div data-slot="select-wrapper" className={cn("relative w-full", wrapperClassName)}>
      <select
        data-slot="select"
        multiple={multiple}
        className={cn(
          fieldClassName,
          "cursor-pointer appearance-none has-[option[value='']:checked]:text-muted-foreground [&>option]:text-foreground",
          multiple ? "py-1" : "h-9 pr-9",
          className,
        )}
        {...props}
      >
        {placeholder !== undefined && !multiple ? <option value="">{placeholder}</option> : null}
        {children}
      </select>
      {multiple ? null : (
        <ChevronDown
          aria-hidden="true"
          className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 text-muted-foreground"
        />
      )}
    </div>
  );
}

export type SelectOptionProps = React.ComponentProps<"option">;

export function SelectOption(props: SelectOptionProps) {
  return <option data-slot="select-option" {...props} />;
}
