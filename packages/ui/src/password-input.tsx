"use client";
import * as React from "react";
import { Eye, EyeOff } from "lucide-react";

import { cn } from "./cn";
import { Input, type InputProps } from "./input";

export interface PasswordInputProps extends Omit<InputProps, "type"> {
  /** The toggle's name; its state is aria-pressed, so the name stays the same. Default "Mostrar senha". */
  showLabel?: string;
}

/**
 * A password field with a show/hide toggle: typed blind on a phone's keyboard, a password is the
 * usual failed sign-in. FormField's id and aria props reach the input; the toggle is a button of its
 * own after it (aria-pressed), at least 36 px square.
 */
export function PasswordInput({ className, showLabel = "Mostrar senha", ...props }: PasswordInputProps) {
  const [shown, setShown] = React.useState(false);
  return (
    <div className="relative" data-slot="password-input">
      <Input {...props} type={shown ? "text" : "password"} autoCapitalize="none" autoCorrect="off" spellCheck={false} className={cn("pr-11", className)} />
      <button
        type="button"
        aria-label={showLabel}
        title={showLabel}
        aria-pressed={shown}
        aria-controls={props.id}
        onClick={() => setShown((s) => !s)}
        className="absolute inset-y-0 right-0 inline-flex w-10 cursor-pointer items-center justify-center rounded-r-md text-muted-foreground outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50 [&_svg]:size-4"
      >
        {shown ? <EyeOff aria-hidden="true" /> : <Eye aria-hidden="true" />}
      </button>
    </div>
  );
}
