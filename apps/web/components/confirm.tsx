"use client";

import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from "react";
import { DialogLoading, onDemand } from "@/components/loading";
import { common } from "@/lib/i18n/pt-br/common";

export interface ConfirmRequest {
  /** The question, naming what it acts on ("Excluir o negócio X?"). */
  title: string;
  description?: string;
  /** The confirming button; default "Confirmar". */
  actionLabel?: string;
  /** Destructive actions get the destructive button (default true). */
  destructive?: boolean;
}

type Confirm = (request: ConfirmRequest) => Promise<boolean>;

const ConfirmContext = createContext<Confirm | null>(null);

// Every page mounts the provider, few ask a question: the dialog's code comes with the first one.
const AlertDialog = onDemand(() => import("@vendaflow/ui/alert-dialog").then((m) => m.AlertDialog), DialogLoading);

/**
 * The app's one way to ask before a destructive action: an AlertDialog (role="alertdialog") mounted
 * once in Providers, from the first question on. `await confirm({ title })` is true when its action
 * button was pressed, false on Cancelar or Esc. A second question replaces an open one, which answers false.
 */
export function ConfirmProvider({ children }: { children: ReactNode }) {
  const [request, setRequest] = useState<ConfirmRequest | null>(null);
  // Mounted from the first question on, so a closing dialog still hands the focus back (close()).
  const [asked, setAsked] = useState(false);
  const resolver = useRef<((ok: boolean) => void) | null>(null);
  const settle = useCallback((ok: boolean) => {
    resolver.current?.(ok);
    resolver.current = null;
    setRequest(null);
  }, []);
  const confirm = useCallback<Confirm>((next) => {
    resolver.current?.(false);
    setAsked(true);
    setRequest(next);
    return new Promise<boolean>((resolve) => (resolver.current = resolve));
  }, []);
  return (
    <ConfirmContext.Provider value={confirm}>
      {children}
      {asked ? (
        <AlertDialog
          open={request !== null}
          onOpenChange={(open) => (open ? undefined : settle(false))}
          title={request?.title ?? ""}
          description={request?.description}
          actionLabel={request?.actionLabel ?? common.confirm}
          cancelLabel={common.cancel}
          destructive={request?.destructive ?? true}
          onAction={() => settle(true)}
        />
      ) : null}
    </ConfirmContext.Provider>
  );
}

export function useConfirm(): Confirm {
  const confirm = useContext(ConfirmContext);
  if (!confirm) throw new Error("useConfirm needs ConfirmProvider (app/providers.tsx)");
  return confirm;
}
