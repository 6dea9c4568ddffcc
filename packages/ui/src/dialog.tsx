"use client";

import * as React from "react";
import { X } from "lucide-react";

import { cn } from "./cn";

export interface DialogProps
  extends Omit<React.ComponentProps<"dialog">, "open" | "title" | "onClose" | "onCancel"> {
  /** Controlled open state: `showModal()` / `close()` are called to match it. */
  open: boolean;
  /** Called with `false` when the user asks to close (Escape, close button, backdrop click). */
  onOpenChange: (open: boolean) => void;
  title: React.ReactNode;
  description?: React.ReactNode;
  /** Actions row (e.g. Cancelar / Confirmar buttons). */
  footer?: React.ReactNode;
  /** Close when clicking outside the panel. Default true. */
  closeOnBackdropClick?: boolean;
  /** Hide the "×" close button in the corner. */
  hideCloseButton?: boolean;
  /** Accessible label of the close button. Default "Fechar". */
  closeLabel?: string;
  /** Class for the inner panel (the `className` goes to the `<dialog>` element). */
  contentClassName?: string;
}

/**
 * Modal dialog built on the native `<dialog>` element (top layer, focus trap,
 * inert background and focus restoration come from the browser).
 */
export function Dialog({
  open,
  onOpenChange,
  title,
  description,
  footer,
  children,
  className,
  contentClassName,
  closeOnBackdropClick = true,
  hideCloseButton = false,
  closeLabel = "Fechar",
  onClick,
  onPointerDown,
  ...props
}: DialogProps) {
  const ref = React.useRef<HTMLDialogElement>(null);
  const pointerDownOnBackdrop = React.useRef(false);
  const titleId = React.useId();
  const descriptionId = React.useId();

  // Keep the latest callback/prop without re-running the sync effect.
  const openRef = React.useRef(open);
  const onOpenChangeRef = React.useRef(onOpenChange);
  React.useEffect(() => {
    openRef.current = open;
    onOpenChangeRef.current = onOpenChange;
  });

  React.useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  const requestClose = React.useCallback(() => onOpenChangeRef.current(false), []);

  // Escape fires `cancel`: keep the dialog open and let the parent decide.
  const handleCancel = (event: React.SyntheticEvent<HTMLDialogElement>) => {
    event.preventDefault();
    requestClose();
  };

  // The browser may still close it (e.g. repeated Escape, form method="dialog"): resync.
  const handleClose = () => {
    if (openRef.current) requestClose();
  };

  const handlePointerDown = (event: React.PointerEvent<HTMLDialogElement>) => {
    pointerDownOnBackdrop.current = event.target === event.currentTarget;
    onPointerDown?.(event);
  };

  const handleClick = (event: React.MouseEvent<HTMLDialogElement>) => {
    onClick?.(event);
    // The panel fills the <dialog>, so a click whose target is the dialog itself hit the ::backdrop.
    if (
      closeOnBackdropClick &&
      !event.defaultPrevented &&
      pointerDownOnBackdrop.current &&
      event.target === event.currentTarget
    ) {
      requestClose();
    }
    pointerDownOnBackdrop.current = false;
  };

  return (
    <dialog
      ref={ref}
      data-slot="dialog"
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={handleCancel}
      onClose={handleClose}
      onPointerDown={handlePointerDown}
      onClick={handleClick}
      className={cn(
        "m-auto w-[calc(100%-2rem)] max-w-lg overflow-visible bg-transparent p-0 text-card-foreground",
        "backdrop:bg-[rgb(0_0_0/0.5)] open:motion-safe:animate-dialog-in",
        className,
      )}
      {...props}
    >
      <div
        data-slot="dialog-content"
        className={cn(
          "relative flex max-h-[calc(100dvh-2rem)] flex-col gap-4 overflow-y-auto rounded-xl border bg-card p-6 shadow-lg",
          contentClassName,
        )}
      >
        <div data-slot="dialog-header" className={cn("flex flex-col gap-1.5", !hideCloseButton && "pr-8")}>
          <h2 id={titleId} className="text-lg leading-none font-semibold">
            {title}
          </h2>
          {description ? (
            <p id={descriptionId} className="text-sm text-muted-foreground">
              {description}
            </p>
          ) : null}
        </div>
        {children}
        {footer ? (
          <div data-slot="dialog-footer" className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            {footer}
          </div>
        ) : null}
        {hideCloseButton ? null : (
          <button
            type="button"
            onClick={requestClose}
            aria-label={closeLabel}
            title={closeLabel}
            className="absolute top-4 right-4 inline-flex size-7 cursor-pointer items-center justify-center rounded-md text-muted-foreground transition-colors outline-none hover:bg-accent hover:text-accent-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50"
          >
            <X aria-hidden="true" className="size-4" />
          </button>
        )}
      </div>
    </dialog>
  );
}
