"use client";

import * as React from "react";
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

// A toast's own code (timer, icons) is no part of every page's first load: it is fetched once the
// page has hydrated, not with the first toast, which often reports a lost connection, when it could
// no longer be fetched.
const loadToast = () => import("./toast-item");
const Toast = React.lazy(() => loadToast().then((m) => ({ default: m.Toast })));

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

  React.useEffect(() => {
    void loadToast();
  }, []);

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
          <React.Suspense fallback={null}>
            {toasts.map((item) => (
              <Toast key={item.id} item={item} onDismiss={dismiss} closeLabel={closeLabel} />
            ))}
          </React.Suspense>
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
