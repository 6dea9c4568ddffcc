"use client";
import { Button } from "@vendaflow/ui/button";
import type { useToast } from "@vendaflow/ui/toast";
import { crmCommon } from "@/lib/i18n/pt-br/crm-common";

/**
 * A success toast that offers "Desfazer" for 10 s (a soft delete, a deal moved by mistake). The
 * toast closes as the undo starts; `undo` says how it went with toasts of its own.
 */
export function undoToast(toast: ReturnType<typeof useToast>, message: string, testId: string, undo: () => Promise<void>) {
  const toastId = toast.toast({
    title: message,
    variant: "success",
    duration: 10_000,
    description: (
      <Button
        size="sm"
        variant="outline"
        data-testid={testId}
        onClick={() => {
          toast.dismiss(toastId);
          void undo();
        }}
      >
        {crmCommon.undo}
      </Button>
    ),
  });
}
