"use client";

import * as React from "react";
import { CircleCheck, CircleX, Info, X } from "lucide-react";

import { cn } from "./cn";
import type { ToastItem, ToastVariant } from "./toast";

// One toast on screen; ToastProvider (./toast) fetches this after the page has hydrated.

const variantStyles: Record<ToastVariant, string> = {
  success: "border-success/40 [&_[data-slot=toast-icon]]:text-success",
  error: "border-destructive/40 [&_[data-slot=toast-icon]]:text-destructive",
  info: "[&_[data-slot=toast-icon]]:text-brand-ink",
};

const variantIcons = { success: CircleCheck, error: CircleX, info: Info } as const;

interface ToastProps {
  item: ToastItem;
  onDismiss: (id: string) => void;
  closeLabel: string;
}

export function Toast({ item, onDismiss, closeLabel }: ToastProps) {
  const [paused, setPaused] = React.useState(false);
  const [hovered, setHovered] = React.useState(false);
  const [focused, setFocused] = React.useState(false);
  const remaining = React.useRef(item.duration);
  const Icon = variantIcons[item.variant];
  const isPaused = paused || hovered || focused;

  // Pause while the page is hidden.
  React.useEffect(() => {
    const onVisibility = () => setPaused(document.visibilityState === "hidden");
    document.addEventListener("visibilitychange", onVisibility);
    return () => document.removeEventListener("visibilitychange", onVisibility);
  }, []);

  // Auto dismiss, pausing while hovered/focused (WCAG 2.2.1) and resuming with the time left.
  React.useEffect(() => {
    if (isPaused || !Number.isFinite(remaining.current) || remaining.current <= 0) return;
    const start = Date.now();
    const timer = window.setTimeout(() => onDismiss(item.id), remaining.current);
    return () => {
      window.clearTimeout(timer);
      remaining.current -= Date.now() - start;
    };
  }, [isPaused, item.id, onDismiss]);

  return (
    <div
      data-slot="toast"
      data-variant={item.variant}
      aria-atomic="true"
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFocused(false);
      }}
      className={cn(
        "pointer-events-auto flex w-full items-start gap-3 rounded-lg border bg-popover p-4 text-sm text-popover-foreground shadow-lg motion-safe:animate-toast-in",
        variantStyles[item.variant],
      )}
    >
      <Icon data-slot="toast-icon" aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <p className="font-medium">{item.title}</p>
        {item.description ? <p className="text-muted-foreground">{item.description}</p> : null}
      </div>
      <button
        type="button"
        onClick={() => onDismiss(item.id)}
        aria-label={closeLabel}
        title={closeLabel}
        className="-m-1 inline-flex size-6 shrink-0 cursor-pointer items-center justify-center rounded-md text-muted-foreground transition-colors outline-none hover:bg-accent hover:text-accent-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50"
      >
        <X aria-hidden="true" className="size-4" />
      </button>
    </div>
  );
}
