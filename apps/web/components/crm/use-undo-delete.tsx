"use client";
import { useToast } from "@vendaflow/ui/toast";
import { Button } from "@vendaflow/ui/button";
import { crm as crmText } from "@/lib/i18n/pt-br/crm";
import { errorMessage } from "@/lib/trpc/errors";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { crm: crmText };

/**
 * Deletes are soft: the toast that confirms one offers "Desfazer", which restores the record
 * (the same setDeleted procedure with deleted: false). `after` refreshes whatever lists show it.
 */
export function useUndoDelete(setDeleted: (input: { id: string; deleted: boolean }) => Promise<unknown>, after: () => void) {
  const toast = useToast();
  return async (id: string, message: string) => {
    try {
      await setDeleted({ id, deleted: true });
    } catch (err) {
      toast.error(errorMessage(err));
      return;
    }
    after();
    const toastId = toast.toast({
      title: message,
      variant: "success",
      duration: 10_000,
      description: (
        <Button
          size="sm"
          variant="outline"
          data-testid="undo-delete"
          onClick={async () => {
            toast.dismiss(toastId);
            try {
              await setDeleted({ id, deleted: false });
              toast.success(t.crm.restored);
              after();
            } catch (err) {
              toast.error(errorMessage(err));
            }
          }}
        >
          {t.crm.undo}
        </Button>
      ),
    });
  };
}
