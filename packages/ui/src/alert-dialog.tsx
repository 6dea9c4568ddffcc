"use client";

import type * as React from "react";

import { Button } from "./button";
import { Dialog } from "./dialog";

export interface AlertDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: React.ReactNode;
  description?: React.ReactNode;
  /** Label of the confirming button (e.g. "Revogar"). */
  actionLabel: React.ReactNode;
  /** Label of the dismissing button. Default "Cancelar". */
  cancelLabel?: React.ReactNode;
  /** Runs on confirm; the dialog stays open while it is pending and the parent closes it. */
  onAction: () => void;
  /** Destructive actions get the destructive button (default true). */
  destructive?: boolean;
  pending?: boolean;
  children?: React.ReactNode;
}

/**
 * shadcn's AlertDialog on the native `<dialog>` (Dialog): a confirmation that interrupts the user,
 * `role="alertdialog"`, no backdrop dismissal and no corner ×; only Cancel or the action close it.
 */
export function AlertDialog({ open, onOpenChange, title, description, actionLabel, cancelLabel = "Cancelar", onAction, destructive = true, pending, children }: AlertDialogProps) {
  return (
    <Dialog
      role="alertdialog"
      data-slot="alert-dialog"
      open={open}
      onOpenChange={(next) => (pending ? undefined : onOpenChange(next))}
      title={title}
      description={description}
      closeOnBackdropClick={false}
      hideCloseButton
      footer={
        <>
          <Button type="button" variant="outline" disabled={pending} onClick={() => onOpenChange(false)}>
            {cancelLabel}
          </Button>
          <Button type="button" variant={destructive ? "destructive" : "default"} loading={pending} onClick={onAction}>
            {actionLabel}
          </Button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}
