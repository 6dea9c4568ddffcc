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
 * dialog stays open to try again.
 */
export function DisconnectButton({ text, disconnect, pending, onDisconnected }: { text: DisconnectText; disconnect: () => Promise<unknown>; pending: boolean; onDisconnected: () => Promise<unknown> }) {
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
            await disconnect();
            setConfirming(false);
            toast.success(text.disconnected);
            await onDisconnected();
          } catch (err) {
            toast.error(errorMessage(err));
          }
        }}
      />
    </>
  );
}
