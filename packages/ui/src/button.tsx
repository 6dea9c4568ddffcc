import type * as React from "react";
import { Slot, Slottable } from "@radix-ui/react-slot";
import { cva, type VariantProps } from "class-variance-authority";
import { LoaderCircle } from "lucide-react";

import { cn } from "./cn";

export const buttonVariants = cva(
  [
    "inline-flex shrink-0 cursor-pointer items-center justify-center gap-2 rounded-md text-sm font-medium whitespace-nowrap transition-[color,background-color,border-color,box-shadow,opacity]",
    "outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:border-ring",
    "disabled:pointer-events-none disabled:opacity-50 aria-disabled:pointer-events-none aria-disabled:opacity-50",
    "aria-invalid:border-destructive aria-invalid:ring-destructive/20",
    "[&_svg]:pointer-events-none [&_svg]:shrink-0 [&_svg:not([class*='size-'])]:size-4",
  ],
  {
    variants: {
      variant: {
        default: "bg-primary text-primary-foreground shadow-xs hover:bg-primary/90",
        secondary: "bg-secondary text-secondary-foreground shadow-xs hover:bg-secondary/80",
        outline: "border border-input bg-background shadow-xs hover:bg-accent hover:text-accent-foreground",
        ghost: "hover:bg-accent hover:text-accent-foreground",
        destructive:
          "bg-destructive text-destructive-foreground shadow-xs hover:bg-destructive/90 focus-visible:ring-destructive/30",
        link: "text-brand-ink underline-offset-4 hover:underline",
      },
      size: {
        sm: "h-8 gap-1.5 rounded-md px-3 text-xs has-[>svg]:px-2.5",
        default: "h-9 px-4 py-2 has-[>svg]:px-3",
        lg: "h-10 rounded-md px-6 text-base has-[>svg]:px-4",
        icon: "size-9",
      },
    },
    defaultVariants: { variant: "default", size: "default" },
  },
);

export interface ButtonProps extends React.ComponentProps<"button">, VariantProps<typeof buttonVariants> {
  /** Render the single child element (e.g. an `<a>` or Next `<Link>`) with button styles instead of a `<button>`. */
  asChild?: boolean;
  /**
   * Shows a spinner, sets aria-busy and aria-disabled and swallows clicks (and a form's Enter)
   * until it ends. Not `disabled`: a focused button that turns disabled drops the keyboard's focus
   * to <body>, and the next Tab starts over from the top of the page.
   */
  loading?: boolean;
  /** Optional text that replaces the children while loading (e.g. "Salvando…"). */
  loadingText?: React.ReactNode;
}

/** A loading button's click does nothing, a submit button's included (no second submit). */
const swallow = (e: React.MouseEvent) => e.preventDefault();

export function Button({
  className,
  variant,
  size,
  asChild = false,
  loading = false,
  loadingText,
  disabled,
  children,
  onClick,
  ...props
}: ButtonProps) {
  const isDisabled = Boolean(disabled) || loading;
  const spinner = loading ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : null;
  const content = loading && loadingText !== undefined ? loadingText : children;

  if (asChild) {
    // Slot renders the Slottable's child element, inserting the spinner inside it.
    return (
      <Slot
        data-slot="button"
        data-loading={loading || undefined}
        aria-busy={loading || undefined}
        aria-disabled={isDisabled || undefined}
        className={cn(buttonVariants({ variant, size }), className)}
        {...(props as React.HTMLAttributes<HTMLElement>)}
        onClick={loading ? swallow : onClick}
      >
        {spinner}
        <Slottable>{children}</Slottable>
      </Slot>
    );
  }

  return (
    <button
      data-slot="button"
      data-loading={loading || undefined}
      aria-busy={loading || undefined}
      aria-disabled={(loading && !disabled) || undefined}
      disabled={Boolean(disabled)}
      className={cn(buttonVariants({ variant, size }), className)}
      {...props}
      onClick={loading ? swallow : onClick}
    >
      {spinner}
      {content}
    </button>
  );
}
