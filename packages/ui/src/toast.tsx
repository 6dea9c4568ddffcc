"use client";

import * as React from "react";
import { CircleCheck, CircleX, Info, X } from "lucide-react";

import { cn } from "./cn";

export type ToastVariant = "success" | "error" | "info";

export interface ToastOptions {
  title: React.ReactNode;
  description?: React.ReactNode;
  variant?: ToastVariant;
  /** Milliseconds before auto dismiss; `0` or `Infinity` keeps it until closed. */
  duration?: number;
}

export interface ToastItem extends Required<Pick<ToastOptions, "variant" | "duration">> {
  id: string;
  title: React.ReactNode;
  description?: React.ReactNode;
}

export interface ToastApi {
  /** Shows a toast and returns its id. */
  toast: (options: ToastOptions) => string;
  success: (title: React.ReactNode, description?: React.ReactNode) => string;
  error: (title: React.ReactNode, description?: React.ReactNode) => string;
  info: (title: React.ReactNode, description?: React.ReactNode) => string;
  dismiss: (id: string) => void;
}

const ToastContext = React.createContext<ToastApi | null>(null);

export interface ToastProviderProps {
  children?: React.ReactNode;
  /** Default auto-dismiss delay in ms (errors stay 50% longer). Default 5000. */
  duration?: number;
  /** Maximum number of toasts on screen. Default 5. */
  limit?: number;
  /** Accessible name of the notification region. Default "Notificações". */
  label?: string;
  /** Accessible label of each toast's close button. Default "Fechar notificação". */
  closeLabel?: string;
  /** Class for the fixed viewport that stacks the toasts. */
  className?: string;
}

export function ToastProvider({
  children,
  duration = 5000,
  limit = 5,
  label = "Notificações",
  closeLabel = "Fechar notificação",
  className,
}: ToastProviderProps) {
  const [toasts, setToasts] = React.useState<ToastItem[]>([]);
  const counter = React.useRef(0);

  const dismiss = React.useCallback((id: string) => {
    setToasts((current) => current.filter((t) => t.id !== id));
  }, []);

  const toast = React.useCallback(
    ({ title, description, variant = "info", duration: ms }: ToastOptions) => {
      counter.current += 1;
      const id = `toast-${counter.current}`;
      const item: ToastItem = {
        id,
        title,
        description,
        variant,
        duration: ms ?? (variant === "error" ? Math.round(duration * 1.5) : duration),
      };
      setToasts((current) => [...current, item].slice(-limit));
      return id;
    },
    [duration, limit],
  );

  const api = React.useMemo<ToastApi>(
    () => ({
      toast,
      dismiss,
      success: (title, description) => toast({ title, description, variant: "success" }),
      error: (title, description) => toast({ title, description, variant: "error" }),
      info: (title, description) => toast({ title, description, variant: "info" }),
    }),
    [toast, dismiss],
  );

  return (
    <ToastContext.Provider value={api}>
      {children}
      <section
        aria-label={label}
        className={cn(
          "pointer-events-none fixed inset-x-0 bottom-0 z-[100] flex justify-center p-4 sm:inset-x-auto sm:right-0 sm:justify-end",
          className,
        )}
      >
        {/* The live region is always rendered so additions are announced. */}
        <div role="status" aria-live="polite" aria-relevant="additions text" className="flex w-full max-w-sm flex-col gap-2">
          {toasts.map((item) => (
            <Toast key={item.id} item={item} onDismiss={dismiss} closeLabel={closeLabel} />
          ))}
        </div>
      </section>
    </ToastContext.Provider>
  );
}

/** Access the toast API. Must be used under `<ToastProvider>`. */
export function useToast(): ToastApi {
  const context = React.useContext(ToastContext);
  if (!context) throw new Error("useToast deve ser usado dentro de <ToastProvider>.");
  return context;
}

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

function Toast({ item, onDismiss, closeLabel }: ToastProps) {
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
