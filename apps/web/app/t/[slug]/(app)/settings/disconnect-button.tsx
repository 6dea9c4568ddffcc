"use client";
import { AlertDialog } from "@vendaflow/ui/alert-dialog";
import { Button } from "@vendaflow/ui/button";
import { useToast } from "@vendaflow/ui/toast";
import { useState } from "react";
import { errorMessage } from "@/lib/trpc/errors";

/** The texts of an integration's "Desconectar" (or "Remover") and its confirmation, from the area's i18n file. */
export interface DisconnectText {
  disconnect: string;
  disconnectTitle: string;
  disconnectDescription: string;
  cancel: string;
  disconnected: string;
}

/**
 * An integration card's "Desconectar": asks first (the dialog shows the call pending and stays
 * open until it settles), then disconnects and refreshes the card; a failure is a toast and the
 * dialog stays open to try again. `leftBehind`: what the disconnect could not undo on the other side
 * (its result read), shown in a toast that stays until closed.
 */
export function DisconnectButton<T>({ text, disconnect, pending, onDisconnected, leftBehind }: { text: DisconnectText; disconnect: () => Promise<T>; pending: boolean; onDisconnected: () => Promise<unknown>; leftBehind?: (result: T) => string | null }) {
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <Button variant="destructive" onClick={() => setConfirming(true)}>{text.disconnect}</Button>
      <AlertDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={text.disconnectTitle}
        description={text.disconnectDescription}
        actionLabel={text.disconnect}
        cancelLabel={text.cancel}
        pending={pending}
        onAction={async () => {
          try {
            const result = await disconnect();
            setConfirming(false);
            const left = leftBehind?.(result);
            if (left) toast.toast({ title: text.disconnected, description: left, variant: "info", duration: 0 });
            else toast.success(text.disconnected);
            await onDisconnected();
          } catch (err) {
            toast.error(errorMessage(err));
          }
        }}
      />
    </>
  );
}
